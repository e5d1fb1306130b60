// zhida import <file>: an official list imported as a department account (the same service as the API), the
// row report printed (bad rows with their line numbers) and optionally written as CSV. Exit 0 when applied;
// 1 when all-or-nothing refused the list for its bad rows (nothing changed) or the file is not a list; 2 for bad options.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { CliError, EXIT, printJson } from './output.ts';
import { configuredPack, storeOptions, withStore, type StoreOptions } from './with-store.ts';

const SHOWN = 20;

interface ImportOptions extends StoreOptions {
  kind: string;
  mode: string;
  as: string;
  report?: string;
}

export function registerImportCommands(program: Command): void {
  storeOptions(program.command('import <file>')
    .description('import an official list (XLSX, or CSV in UTF-8/GBK): 新认定高新技术企业 or a credit list (失信)')
    .requiredOption('--kind <kind>', 'high-tech-new-<year> (e.g. high-tech-new-2025) or credit-list')
    .option('--mode <mode>', 'all-or-nothing (any bad row: nothing applied) or skip-bad', 'all-or-nothing')
    .requiredOption('--as <username>', 'the importing account (a 科技局 reviewer for high-tech lists; finance or admin for credit lists)')
    .option('--report <path>', 'write the row report (CSV, UTF-8) to this file'))
    .action((file: string, options: ImportOptions) => withStore(options, async (db) => {
      const { LIST_MAX_BYTES } = await import('../services/list-import-files.ts');
      const size = await stat(file).then((s) => s.size, () => { throw new CliError(`cannot read ${file}`, EXIT.usage); });
      if (size > LIST_MAX_BYTES) throw new CliError(`${file} has ${size} bytes, more than the limit of ${LIST_MAX_BYTES} (50 MiB)`, EXIT.usage);
      const account = await db.selectFrom('accounts').selectAll().where('username', '=', options.as).executeTakeFirst();
      if (!account || account.disabled) throw new CliError(`--as: no active account ${options.as}`, EXIT.usage);
      const { accountToActor } = await import('../services/sessions.ts');
      const { importList, reportCsv } = await import('../services/list-import.ts');
      const pack = await configuredPack();
      const { loadRules } = await import('../pack/rules.ts');
      const { Calculator } = await import('../services/evaluation.ts');
      const context = { pack, calculator: new Calculator(pack, await loadRules(pack)) };
      const result = await importList(db, accountToActor(account), { kind: options.kind, mode: options.mode, fileName: basename(file), bytes: await readFile(file) }, context);
      if (options.report) await writeFile(options.report, reportCsv(result));
      if (options.json) printJson(result);
      else {
        const verdict = result.status === 'applied' ? '已导入 applied' : '未导入 rejected (all-or-nothing: nothing changed)';
        console.log(`${result.title}: ${verdict}${result.replayed ? ` — the same file was imported before as ${result.id}, nothing changed` : ''}`);
        console.log(`import ${result.id}: ${result.rows_total} rows, ${result.rows_ok} ok, ${result.rows_bad} bad; ${result.affected.length} beneficiaries changed`);
        const bad = result.report.filter((r) => r.status === 'error');
        // The terminal shows the first bad rows; the whole report is in --report / --json.
        for (const row of bad.slice(0, SHOWN)) console.log(`  第 ${row.line} 行 line ${row.line}: ${row.message}`);
        if (bad.length > SHOWN) console.log(`  … ${bad.length - SHOWN} more bad rows: see the whole report with --report <file.csv> or --json`);
        if (result.offers) {
          console.log(`免申即享 entitlements offered: ${result.offers.offered}; skipped: ${result.offers.skipped.length}; 新可申报 messages: ${result.offers.newly_eligible}`);
          for (const skip of result.offers.skipped.slice(0, SHOWN)) console.log(`  skipped ${skip.credit_code} ${skip.provision}: ${skip.reason}`);
        }
        if (options.report) console.log(`row report: ${options.report}`);
      }
      if (result.status === 'rejected') process.exitCode = EXIT.failure;
    }));
}
