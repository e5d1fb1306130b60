// zhida policy …: read the policy library from the terminal.
import type { Command } from 'commander';
import { parseArticleNumber } from '../core/policy-text.ts';
import { loadEdition, loadPack, PackLoadError, formatIssue } from '../pack/loader.ts';
import { packStats } from '../core/pack.ts';
import { PolicyLibrary } from '../services/policy-library.ts';
import type { ArticleDetail } from '../services/policy-views.ts';
import { CliError, EXIT, padDisplay, parseLang, printJson, type Lang } from './output.ts';

interface Common { edition: string; json?: boolean; lang?: string }

function library(options: Common): PolicyLibrary {
  try {
    return new PolicyLibrary(loadEdition(options.edition));
  } catch (error) {
    if (error instanceof PackLoadError) throw new CliError(error.message);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError(`no policy edition "${options.edition}" in packs/`);
    throw error;
  }
}

const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

export function registerPolicyCommands(program: Command): Command {
  const policy = program.command('policy').description('the policy library: articles, provisions, targets, budgets');
  const common = (cmd: Command) => cmd
    .option('--edition <edition>', 'policy edition (a folder of packs/)', 'binjiang-2025')
    .option('--json', 'print JSON')
    .option('--lang <lang>', 'zh or en', 'zh');

  common(policy.command('list').description('list the articles, by domain').option('--domain <n>', 'only this domain (1-7)'))
    .action((options: Common & { domain?: string }) => {
      const lang = parseLang(options.lang);
      const lib = library(options);
      const domain = options.domain === undefined ? undefined : Number(options.domain);
      if (domain !== undefined && !lib.domains().some((d) => d.number === domain)) throw new CliError(`unknown domain "${options.domain}": domains are 1-${lib.domains().length}`);
      const articles = lib.articles({ domain });
      if (options.json) return printJson(articles);
      for (const d of lib.domains().filter((x) => domain === undefined || x.number === domain)) {
        console.log(`\n${d.numeral}、${lang === 'zh' ? d.title : d.title_en}  (${L(lang, '牵头', 'lead')}: ${lang === 'zh' ? d.lead.name : d.lead.name_en})`);
        for (const a of articles.filter((x) => x.domain === d.number)) {
          const counts = [a.counts.provisions && `${a.counts.provisions} ${L(lang, '项奖补', 'provisions')}`, a.counts.targets && `${a.counts.targets} ${L(lang, '项目标', 'targets')}`].filter(Boolean).join(', ');
          console.log(`  ${padDisplay(`${a.number}`, 3)}${padDisplay(`（${a.numeral}）${lang === 'zh' ? a.title : a.title_en}`, 52)} ${counts}`);
        }
      }
    });

  common(policy.command('show').description('show one article: text, departments, provisions, targets, budgets').argument('<article>', 'article number: 13, 十三 or （十三）'))
    .action((raw: string, options: Common) => {
      const lang = parseLang(options.lang);
      const number = parseArticleNumber(raw);
      const lib = library(options);
      const article = number === undefined ? undefined : lib.article(number);
      if (!article) throw new CliError(`unknown article "${raw}": articles are 1-${lib.articles().length} (or （一）…（${lib.articles().at(-1)?.numeral}）)`);
      if (options.json) return printJson(article);
      printArticle(article, lang);
    });

  common(policy.command('search').description('full-text search of the articles').argument('<query...>', 'words to find, e.g. 研发投入').option('--limit <n>', 'at most this many results', '10'))
    .action((words: string[], options: Common & { limit: string }) => {
      const lang = parseLang(options.lang);
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive whole number, got "${options.limit}"`, EXIT.usage);
      const result = library(options).search(words.join(' '), limit);
      if (options.json) return printJson(result);
      if (result.total === 0) {
        console.log(L(lang, `没有找到与「${result.query}」相关的条款。`, `No article matches "${result.query}".`));
        return;
      }
      console.log(L(lang, `「${result.query}」：${result.total} 条相关条款`, `"${result.query}": ${result.total} articles`));
      for (const hit of result.hits) {
        console.log(`\n  （${hit.numeral}）${lang === 'zh' ? hit.title : hit.title_en}  [${hit.score}]`);
        for (const s of hit.snippets) console.log(`    ${markTerminal(s.text, s.highlights)}`);
      }
    });

  common(policy.command('stats').description('counts of domains, articles, departments, provisions, targets, budgets'))
    .action((options: Common) => {
      const lang = parseLang(options.lang);
      const stats = library(options).info().stats;
      if (options.json) return printJson(stats);
      const rows: [string, string, string | number][] = [
        ['领域', 'domains', stats.domains], ['条款', 'articles', stats.articles], ['责任单位', 'departments', stats.departments],
        ['奖补条款', 'monetary provisions', `${stats.provisions.total} (${L(lang, '已明确', 'stated')} ${stats.provisions.stated} / ${L(lang, '待明确', 'unset')} ${stats.provisions.unset})`],
        ['税费优惠', 'tax preferences', `${stats.tax_preferences.total} (${L(lang, '规则明确', 'stated')} ${stats.tax_preferences.stated})`],
        ['量化目标', 'quantified targets', stats.targets], ['隐含目标', 'milestones', stats.milestones],
        ['预算条目', 'budget lines', `${stats.budgets.total} (${L(lang, '有金额', 'with amount')} ${stats.budgets.with_amount}, ${L(lang, '比例', 'share')} ${stats.budgets.share}, ${L(lang, '未明确', 'unstated')} ${stats.budgets.unstated})`],
        ['参数', 'parameters', `${stats.parameters.total} (${L(lang, '已设', 'set')} ${stats.parameters.set} / ${L(lang, '未设', 'unset')} ${stats.parameters.unset})`],
        ['业务规则', 'business rules', stats.rules],
      ];
      console.log(`${stats.edition}`);
      for (const [zh, en, value] of rows) console.log(`  ${padDisplay(L(lang, zh, en), 22)} ${value}`);
    });

  policy.command('check').description('load a pack directory and prove it (schema, quotes, departments, ids, catalogue)').argument('[dir]', 'pack directory', 'packs/binjiang-2025').option('--json', 'print JSON')
    .action((dir: string, options: { json?: boolean }) => {
      try {
        const stats = packStats(loadPack(dir));
        if (options.json) printJson({ ok: true, stats });
        else console.log(`ok: ${dir} — ${stats.articles} articles, ${stats.provisions.total} provisions, ${stats.targets} targets, ${stats.budgets.total} budget lines`);
      } catch (error) {
        if (!(error instanceof PackLoadError)) throw error;
        if (options.json) printJson({ ok: false, issues: error.issues });
        else for (const issue of error.issues) console.error(formatIssue(issue));
        throw new CliError(`${dir}: ${error.issues.length} problem(s)`);
      }
    });
  return policy;
}

function markTerminal(text: string, ranges: [number, number][]): string {
  if (!process.stdout.isTTY) return ranges.reduceRight((t, [s, e]) => `${t.slice(0, s)}【${t.slice(s, e)}】${t.slice(e)}`, text);
  return ranges.reduceRight((t, [s, e]) => `${t.slice(0, s)}\x1b[1;31m${t.slice(s, e)}\x1b[0m${t.slice(e)}`, text);
}

function printArticle(a: ArticleDetail, lang: Lang): void {
  console.log(`（${a.numeral}）${a.title}${lang === 'en' ? ` — ${a.title_en}` : ''}`);
  console.log(`${L(lang, '领域', 'Domain')}: ${a.domain_title}`);
  console.log(`${L(lang, '责任单位', 'Responsible units')}: ${a.responsible.map((d) => (lang === 'zh' ? d.name : d.name_en)).join(L(lang, '、', ', '))}\n`);
  console.log(a.text);
  if (a.provisions.length) {
    console.log(`\n${L(lang, '奖补条款', 'Provisions')}:`);
    for (const p of a.provisions) {
      console.log(`  ${p.catalogue} ${lang === 'zh' ? p.title.zh : p.title.en}: ${lang === 'zh' ? p.amount_text.zh : p.amount_text.en}${p.status === 'unset' ? L(lang, '  [未设定]', '  [unset]') : ''}`);
      console.log(`      「${p.quote}」`);
      for (const param of p.parameters) console.log(`      - ${lang === 'zh' ? param.label.zh : param.label.en}: ${lang === 'zh' ? param.value_text.zh : param.value_text.en}`);
    }
  }
  if (a.tax_preferences.length) {
    console.log(`\n${L(lang, '税费优惠', 'Tax preferences')}:`);
    for (const t of a.tax_preferences) console.log(`  ${t.catalogue} ${lang === 'zh' ? t.title.zh : t.title.en}  「${t.quote}」`);
  }
  if (a.targets.length) {
    console.log(`\n${L(lang, '目标任务', 'Targets')}:`);
    for (const t of a.targets) console.log(`  ${t.id} ${lang === 'zh' ? t.metric.zh : t.metric.en}: ${t.value_text}${t.marker ? ` (${t.marker})` : ''}`);
  }
  if (a.budgets.length) {
    console.log(`\n${L(lang, '预算', 'Budget lines')}:`);
    for (const b of a.budgets) console.log(`  ${b.id} ${lang === 'zh' ? b.label.zh : b.label.en}: ${lang === 'zh' ? b.amount_text.zh : b.amount_text.en}`);
  }
}
