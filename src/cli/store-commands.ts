// zhida db migrate, zhida db status, zhida ledger verify, zhida audit verify: the database from the terminal.
// Each opens the configured database (DATABASE_URL, else the SQLite file in ZHIDA_DATA_DIR; --database
// overrides both), does one thing and closes it. A verification that finds problems prints each and exits 1.
import type { Command } from 'commander';
import { readConfig } from '../config.ts';
import type { Db } from '../store/database.ts';
import { CliError, parseLang, printJson, type Lang } from './output.ts';

// Loaded when a database command runs, so that the other commands do not pay for the database drivers.
const store = () => import('../store/database.ts');
const migrations = () => import('../store/migrate.ts');

interface Common { database?: string; json?: boolean; lang?: string }

const L = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

async function withDatabase<T>(options: Common, work: (db: Db, where: string) => Promise<T>): Promise<T> {
  const config = readConfig();
  const target = { url: options.database ?? config.databaseUrl, dataDir: config.dataDir };
  let where: string;
  let db: Db;
  const { databaseLocation, describeLocation, openDatabase } = await store();
  try {
    where = describeLocation(databaseLocation(target));
    db = await openDatabase(target);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  try {
    return await work(db, where);
  } finally {
    await db.destroy();
  }
}

async function migrated(db: Db): Promise<void> {
  try {
    await (await migrations()).assertMigrated(db);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

export function registerStoreCommands(program: Command): void {
  const common = (cmd: Command) => cmd
    .option('--database <url>', 'postgres://… or a SQLite file (default: DATABASE_URL, else ZHIDA_DATA_DIR/zhida.sqlite)')
    .option('--json', 'print JSON')
    .option('--lang <lang>', 'zh or en', 'zh');

  const db = program.command('db').description('the database: migrations');
  common(db.command('migrate').description('bring the database schema to the latest migration (a no-op when it is)'))
    .action((options: Common) => withDatabase(options, async (conn, where) => {
      const lang = parseLang(options.lang);
      let applied: string[];
      try {
        applied = await (await migrations()).migrateToLatest(conn);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      if (options.json) return printJson({ database: where, applied });
      if (applied.length === 0) console.log(L(lang, `${where}: 已是最新，无需迁移`, `${where}: up to date, nothing to migrate`));
      for (const name of applied) console.log(L(lang, `已迁移 ${name}`, `migrated ${name}`));
      if (applied.length > 0) console.log(L(lang, `${where}: 已完成 ${applied.length} 项迁移`, `${where}: ${applied.length} migration(s) applied`));
    }));
  common(db.command('status').description('list the migrations applied and pending'))
    .action((options: Common) => withDatabase(options, async (conn, where) => {
      const lang = parseLang(options.lang);
      const status = await (await migrations()).migrationStatus(conn);
      if (options.json) return printJson({ database: where, ...status });
      console.log(where);
      for (const name of status.applied) console.log(`  ✓ ${name}`);
      for (const name of status.pending) console.log(`  · ${name} ${L(lang, '（待迁移）', '(pending)')}`);
    }));

  const ledger = program.command('ledger').description('the budget ledger');
  common(ledger.command('verify').description('prove the ledger: debits = credits, balances from the entries, nothing negative'))
    .action((options: Common) => withDatabase(options, async (conn, where) => {
      const lang = parseLang(options.lang);
      await migrated(conn);
      const report = await (await import('../services/ledger-verify.ts')).verifyLedger(conn);
      if (options.json) printJson({ database: where, ...report });
      else if (report.ok) {
        console.log(L(lang,
          `账目核验通过：${report.lines} 条预算线，${report.movements} 笔资金变动，${report.entries} 条分录，借方 = 贷方 = ${report.debits} 元`,
          `ledger ok: ${report.lines} budget lines, ${report.movements} movements, ${report.entries} entries, debits = credits = ${report.debits} yuan`));
      } else {
        for (const problem of report.problems) console.log(problem);
      }
      if (!report.ok) throw new CliError(L(lang, `账目核验未通过：${report.problems.length} 个问题（${where}）`, `ledger verification failed: ${report.problems.length} problem(s) in ${where}`));
    }));

  const audit = program.command('audit').description('the audit log');
  common(audit.command('verify').description('walk the SM3 hash chain: find any altered, inserted or deleted record'))
    .action((options: Common) => withDatabase(options, async (conn, where) => {
      const lang = parseLang(options.lang);
      await migrated(conn);
      const report = await (await import('../services/audit.ts')).verifyAudit(conn);
      if (options.json) printJson({ database: where, ...report });
      else if (report.ok) {
        console.log(L(lang, `审计日志核验通过：${report.records} 条记录，链头 ${report.head.seq} ${report.head.hash}`,
          `audit log ok: ${report.records} records, head ${report.head.seq} ${report.head.hash}`));
      } else {
        for (const problem of report.problems) console.log(`${problem.kind} ${problem.seq}: ${problem.message}`);
        if (report.more > 0) console.log(`… ${report.more} more`);
      }
      if (!report.ok) {
        const count = report.problems.length + report.more;
        throw new CliError(L(lang, `审计日志核验未通过：${count} 个问题（${where}）`, `audit verification failed: ${count} problem(s) in ${where}`));
      }
    }));
}
