// zhida targets list|report|reminders: the targets and their pace, a department's progress report (as a named
// department account, --as, so the audit log says who reported), and the overdue reports.
import type { Command } from 'commander';
import type { PaceStatus } from '../core/pace.ts';
import { CliError, EXIT, padDisplay, parseLang, printJson } from './output.ts';
import { configuredPack, storeOptions, withStore, type StoreOptions } from './with-store.ts';

interface Common extends StoreOptions { lang?: string }
interface ListOptions extends Common { status?: string; domain?: string; department?: string; article?: string; asOf?: string }
interface ReportOptions extends Common {
  unit?: string; value: string; valueUnit?: string; asOf: string; note?: string; evidenceUrl?: string; supersedes?: string; as: string;
}

const STATUSES = ['met', 'on-track', 'at-risk', 'behind', 'no-report'];

const number = (n: number | null | undefined): string => (n === null || n === undefined ? '—' : String(Math.round(n * 100) / 100));

export function registerTargetCommands(program: Command): void {
  const common = (cmd: Command) => storeOptions(cmd).option('--lang <lang>', 'zh or en', 'zh');
  const targets = program.command('targets').description('targets and responsibilities (目标责任): list with pace, report progress, overdue reports');

  common(targets.command('list').description('the targets (K01–K71) and milestones (KM1–KM8) with their latest value and pace')
    .option('--status <status>', STATUSES.join(' | '))
    .option('--domain <d>', 'd1…d7')
    .option('--department <name>', 'targets a department is responsible for or leads (科技局)')
    .option('--article <A06>', 'targets of an article')
    .option('--as-of <date>', 'YYYY-MM-DD (default today, at most the end of the policy year)'))
    .action((options: ListOptions) => withStore(options, async (db) => {
      const pack = await configuredPack();
      const lang = parseLang(options.lang);
      if (options.status !== undefined && !STATUSES.includes(options.status)) throw new CliError(`--status must be one of ${STATUSES.join(', ')}`, EXIT.usage);
      if (options.domain !== undefined && !/^d[1-9]$/i.test(options.domain)) throw new CliError('--domain must be d1…d7', EXIT.usage);
      const { listTargets } = await import('../services/targets.ts');
      const { SYSTEM_ACTOR } = await import('../services/actor.ts');
      const { PACE_STATUS_LABELS } = await import('../core/pace.ts');
      const result = await listTargets(db, pack, SYSTEM_ACTOR, { ...options, status: options.status as PaceStatus | undefined });
      if (options.json) return printJson(result);
      console.log(lang === 'zh' ? `截至 ${result.asOf}，${result.targets.length} 项` : `as of ${result.asOf}, ${result.targets.length} targets`);
      for (const t of result.targets) {
        const value = `${number(t.latest?.value)} / ${t.target.direction === '>=' ? '≥' : t.target.direction}${number(t.target.value)} ${t.target.unit === 'share' ? '' : t.target.unit}`;
        console.log(`${padDisplay(t.id, 5)} ${padDisplay(PACE_STATUS_LABELS[t.pace.status][lang], 10)} ${padDisplay(value, 28)} ${padDisplay(t.latest?.asOf ?? '', 11)}${t.derived ? '*' : ' '} ${t.metric[lang]}`);
      }
      if (result.targets.some((t) => t.derived)) console.log(lang === 'zh' ? '* 系统根据平台数据计算' : '* computed by Zhida from the data it holds');
    }));

  common(targets.command('report <target>').description('report a value as of a date for a responsible department (a correction with --supersedes)')
    .option('--unit <department>', 'the reporting department (default: the account\'s)')
    .requiredOption('--value <n>', 'the value in the target\'s unit (a share as 0–1), or in --value-unit')
    .option('--value-unit <unit>', 'e.g. 万元 for a target in 亿元')
    .requiredOption('--as-of <date>', 'the date the value is measured at (YYYY-MM-DD)')
    .option('--note <text>', 'a note')
    .option('--evidence-url <url>', 'a link to the evidence')
    .option('--supersedes <report id>', 'the report this one corrects')
    .requiredOption('--as <username>', 'the department account reporting'))
    .action((target: string, options: ReportOptions) => withStore(options, async (db) => {
      const pack = await configuredPack();
      const value = Number(options.value);
      if (options.value.trim() === '' || !Number.isFinite(value)) throw new CliError(`--value must be a number, got "${options.value}"`, EXIT.usage);
      const account = await db.selectFrom('accounts').selectAll().where('username', '=', options.as).executeTakeFirst();
      if (!account || account.disabled) throw new CliError(`--as: no active account ${options.as}`, EXIT.usage);
      const { accountToActor } = await import('../services/sessions.ts');
      const { fileReport } = await import('../services/target-reports.ts');
      const report = await fileReport(db, pack, accountToActor(account), target, {
        unit: options.unit, value, valueUnit: options.valueUnit, asOf: options.asOf, note: options.note, evidenceUrl: options.evidenceUrl, supersedes: options.supersedes,
      });
      if (options.json) return printJson(report);
      console.log(`已报送 reported ${report.targetId} ${report.unit} = ${report.value} as of ${report.asOf} (id ${report.id}${report.supersedes ? `, supersedes ${report.supersedes}` : ''})`);
    }));

  common(targets.command('reminders').description('overdue reports: monthly, as of the month end, due by the 10th of the next month')
    .option('--department <name>', 'only targets a department is responsible for or leads')
    .option('--as-of <date>', 'YYYY-MM-DD (default today, at most the end of the policy year)'))
    .action((options: Common & { department?: string; asOf?: string }) => withStore(options, async (db) => {
      const pack = await configuredPack();
      const { listReminders } = await import('../services/targets.ts');
      const { SYSTEM_ACTOR } = await import('../services/actor.ts');
      const reminders = await listReminders(db, pack, SYSTEM_ACTOR, options);
      if (options.json) return printJson({ reminders });
      if (reminders.length === 0) console.log('无逾期报送 no overdue reports');
      for (const r of reminders) console.log(`${padDisplay(r.targetId, 5)} ${padDisplay(r.unit, 12)} 应于 due ${r.dueBy}  上次 last ${r.lastReportAsOf ?? '—'}`);
    }));
}
