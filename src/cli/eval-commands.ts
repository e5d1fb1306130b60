// zhida eval, zhida schema profile, zhida policy coverage: the calculator from the terminal.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Evaluation, ProvisionResult } from '../core/engine/engine.ts';
import type { TraceStep } from '../core/engine/evaluate.ts';
import { formatYuan } from '../core/money.ts';
import { intToChineseNumeral } from '../core/policy-text.ts';
import { coverage, loadCases } from '../pack/cases.ts';
import { loadEdition, packDir, PackLoadError } from '../pack/loader.ts';
import { loadRules, RulesError } from '../pack/rules.ts';
import { Calculator } from '../services/evaluation.ts';
import { CliError, EXIT, parseLang, printJson, type Lang } from './output.ts';

async function calculator(edition: string): Promise<Calculator> {
  try {
    const pack = loadEdition(edition);
    return new Calculator(pack, await loadRules(pack));
  } catch (error) {
    if (error instanceof PackLoadError || error instanceof RulesError) throw new CliError(error.message);
    throw error;
  }
}

function readInput(source: string): unknown {
  let text: string;
  try {
    text = source === '-' ? readFileSync(0, 'utf8') : readFileSync(source, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${source === '-' ? 'standard input' : source}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${source === '-' ? 'standard input' : source} is not valid JSON: ${(error as Error).message}`);
  }
}

export function registerEvalCommands(program: Command): void {
  program.command('eval').description('evaluate a beneficiary profile against every provision (the policy calculator)')
    .argument('<profile>', 'profile JSON file, or - for standard input')
    .option('--year <year>', 'policy year', '2025')
    .option('--edition <edition>', 'policy edition', 'binjiang-2025')
    .option('--json', 'print the whole result as JSON (with traces)')
    .option('--trace', 'print the trace of each award and near miss')
    .option('--lang <lang>', 'zh or en', 'zh')
    .action(async (source: string, options: { year: string; edition: string; json?: boolean; trace?: boolean; lang: string }) => {
      const lang = parseLang(options.lang);
      const year = Number(options.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new CliError(`--year must be a year like 2025, got "${options.year}"`, EXIT.usage);
      const input = readInput(source);
      const outcome = (await calculator(options.edition)).evaluate(input, { year, trace: options.json === true || options.trace === true });
      if (!outcome.ok) {
        if (options.json) printJson({ error: { code: 'invalid_profile', problems: outcome.problems } });
        else for (const p of outcome.problems) console.error(`${p.path}: ${lang === 'zh' ? p.message.zh : p.message.en}`);
        throw new CliError(`the profile has ${outcome.problems.length} problem(s); nothing was evaluated`);
      }
      if (options.json) return printJson(outcome.evaluation);
      printReport(outcome.evaluation, lang, options.trace === true);
    });

  program.command('schema').description('print a schema').argument('<name>', 'profile')
    .action((name: string) => {
      if (name !== 'profile') throw new CliError(`unknown schema "${name}": the schemas are: profile`, EXIT.usage);
      printJson(Calculator.profileJsonSchema());
    });
}

export function registerCoverageCommand(policy: Command): void {
  policy.command('coverage').description('tests from the text per provision; fails if any has fewer than three')
    .option('--edition <edition>', 'policy edition', 'binjiang-2025')
    .option('--json', 'print JSON')
    .action((options: { edition: string; json?: boolean }) => {
      const pack = loadEdition(options.edition);
      const rows = coverage(pack, loadCases(packDir(options.edition)));
      const thin = rows.filter((r) => r.cases < 3);
      if (options.json) printJson({ provisions: rows, total_cases: rows.reduce((s, r) => s + r.cases, 0), below_three: thin.map((r) => r.provision) });
      else {
        for (const r of rows) console.log(`${r.catalogue.padEnd(4)} ${r.provision.padEnd(34)} ${r.article !== undefined ? `（${r.article}）`.padEnd(6) : '      '} ${r.cases} case(s)${r.cases < 3 ? '  ← fewer than 3' : ''}`);
      }
      if (thin.length > 0) throw new CliError(`${thin.length} provision(s) have fewer than three cases: ${thin.map((r) => r.catalogue).join(', ')}`);
    });
}

const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

function amountText(r: ProvisionResult, lang: Lang): string {
  if (r.amount === undefined) return '';
  const money = formatYuan(r.amount, lang);
  if (r.amount_kind === 'ceiling') return L(lang, `最高 ${money}`, `up to ${money}`);
  if (r.amount_kind === 'floor') return L(lang, `不低于 ${money}`, `at least ${money}`);
  return money;
}

function printReport(e: Evaluation, lang: Lang, trace: boolean): void {
  const title = (r: ProvisionResult) => `${r.catalogue} ${lang === 'zh' ? r.title.zh : r.title.en}`;
  const clause = (r: ProvisionResult) => `${r.article !== undefined ? `（${intToChineseNumeral(r.article)}）` : ''}「${r.quote}」`;
  console.log(L(lang, `直达 Zhida 政策计算 — ${e.edition}，${e.year} 年度（参数取值日 ${e.as_of}）`, `Zhida policy calculator — ${e.edition}, ${e.year} (parameters as of ${e.as_of})`));
  console.log(`${L(lang, '主体', 'Beneficiary')}: ${e.beneficiary.name} (${e.beneficiary.id}, ${e.beneficiary.kind})`);
  if (!e.in_force) console.log(L(lang, `本版政策在 ${e.year} 年不适用（不在有效期内）。`, `This edition is not in force in ${e.year}.`));
  const group = (status: ProvisionResult['status']) => e.results.filter((r) => r.status === status);
  const eligible = group('eligible');
  if (eligible.length) {
    console.log(`\n${L(lang, '可享受', 'Eligible')} (${eligible.length}) — ${L(lang, '确定金额合计', 'exact total')} ${formatYuan(e.totals.exact, lang)}${e.totals.ceilings ? `，${L(lang, '上限金额合计', 'ceilings total')} ${formatYuan(e.totals.ceilings, lang)}` : ''}`);
    for (const r of eligible) {
      console.log(`  ✓ ${title(r)}  ${amountText(r, lang)}`);
      console.log(`      ${L(lang, '依据', 'clause')} ${clause(r)}`);
      if (trace && r.trace) {
        printTrace(r.trace.conditions, lang, 6);
        if (r.trace.amount) printTrace(r.trace.amount, lang, 6);
      }
    }
  }
  for (const r of group('excluded')) console.log(`  ✗ ${title(r)}  ${lang === 'zh' ? r.excluded_by?.reason.zh : r.excluded_by?.reason.en}`);
  const pending = group('pending');
  if (pending.length) {
    console.log(`\n${L(lang, '符合条件，金额待配套政策明确', 'Eligible, amount pending (left to implementing rules)')} (${pending.length})`);
    for (const r of pending) console.log(`  … ${title(r)}  ${L(lang, '未设定参数', 'unset')}: ${r.pending_parameters.join(', ')}`);
  }
  const undetermined = group('undetermined');
  if (undetermined.length) {
    console.log(`\n${L(lang, '需补充信息', 'Undetermined: facts missing')} (${undetermined.length})`);
    for (const r of undetermined) console.log(`  ? ${title(r)}  ${L(lang, '缺少', 'missing')}: ${r.missing_facts.slice(0, 4).join(', ')}${r.missing_facts.length > 4 ? ' …' : ''}`);
  }
  const near = e.results.filter((r) => r.near_misses.length > 0);
  if (near.length) {
    console.log(`\n${L(lang, '差一点就符合', 'Near misses')} (${near.length})`);
    for (const r of near) {
      for (const m of r.near_misses) console.log(`  ~ ${title(r)}: ${lang === 'zh' ? m.advice.zh : m.advice.en}${m.quote ? `  「${m.quote}」` : ''}`);
      if (trace && r.trace) printTrace(r.trace.conditions, lang, 6);
    }
  }
  const notEligible = group('not-eligible').length;
  const other = group('not-applicable').length + group('not-in-force').length;
  console.log(`\n${L(lang, `不符合 ${notEligible} 项；不适用 ${other} 项。`, `Not eligible: ${notEligible}; not applicable or not in force: ${other}.`)}`);
}

function printTrace(step: TraceStep, lang: Lang, indent: number): void {
  const mark = step.status === 'pending' ? '…' : step.status !== 'value' ? '?' : step.value === true ? '✓' : step.value === false ? '✗' : '=';
  const label = lang === 'zh' ? step.label.zh : step.label.en;
  console.log(`${' '.repeat(indent)}${mark} ${label}${step.display ? `: ${step.display}` : ''}${step.quote ? `  「${step.quote}」` : ''}`);
  for (const child of step.children ?? []) {
    if (child.children || child.quote || child.parameter) printTrace(child, lang, indent + 2);
  }
}
