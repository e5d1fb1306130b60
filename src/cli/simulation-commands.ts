// zhida population generate|import|list and zhida simulate: stored populations and the budget-impact
// simulation (baseline, or baseline against a reform) from the terminal, with a progress bar on stderr and
// Ctrl-C to cancel. Run as the system (the operator of the server), recorded as created_by "cli".
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { SimulationReport, VariantReport } from '../services/simulation.ts';
import { CliError, EXIT, padDisplay, printJson } from './output.ts';
import { configuredPack, storeOptions, withStore, type StoreOptions } from './with-store.ts';

const whole = (value: string, option: string): number => {
  if (!/^-?\d+$/.test(value)) throw new CliError(`${option} must be a whole number, got "${value}"`, EXIT.usage);
  return Number(value);
};

const yuan = (n: number) => n.toLocaleString('en-US');

function readJsonFile(file: string, option: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`${option}: cannot read ${file} as JSON (${(error as Error).message})`, EXIT.usage);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliError(`${option}: ${file} must hold a JSON object`, EXIT.usage);
  return parsed as Record<string, unknown>;
}

function progressBar(): { update(done: number, total: number): void; end(): void } {
  if (!process.stderr.isTTY) return { update() {}, end() {} };
  let last = -1;
  return {
    update(done, total) {
      const percent = Math.floor((done * 100) / Math.max(1, total));
      if (percent === last) return;
      last = percent;
      const filled = Math.round(percent / 4);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(25 - filled)}] ${percent}% ${done}/${total}`);
    },
    end() { process.stderr.write('\n'); },
  };
}

function printVariant(title: string, v: VariantReport): void {
  console.log(`\n${title}: total cost ${yuan(v.total_cost_yuan)} 元 (grants)`);
  for (const p of v.provisions) {
    if (p.eligible === 0 && p.pending === 0) continue;
    const pending = p.pending > 0 ? `  待定 pending ${p.pending}` : '';
    console.log(`  ${padDisplay(p.id, 40)} ${String(p.eligible).padStart(8)} eligible × ${String(p.take_up_percent).padStart(3)}%  ${yuan(p.cost_yuan).padStart(16)} 元${pending}`);
  }
  console.log('  budget lines:');
  for (const b of v.budgets) {
    console.log(`  ${b.id} ${padDisplay(b.scope, 11)} ${yuan(b.cost_yuan).padStart(16)} 元 of ${b.budget_yuan === null ? '—' : `${yuan(b.budget_yuan)} 元 (${b.share_percent}%)`}${b.note ? `  — ${b.note}` : ''}`);
  }
  console.log(`  distribution: none ${v.distribution.none}; ${v.distribution.bands.map((b) => `${yuan(b.from_yuan)}+: ${b.beneficiaries}`).join('; ')}`);
}

function printReport(report: SimulationReport): void {
  console.log(`population ${report.population.name} (${report.evaluated} profiles, year ${report.year}), edition ${report.edition}; ${report.wall_ms} ms`);
  console.log(`rounding: ${report.rounding}`);
  printVariant('baseline', report.baseline);
  if (report.reform && report.comparison) {
    printVariant(`reform ${JSON.stringify(report.reform.parameters)}`, report.reform);
    const c = report.comparison;
    console.log(`\ncomparison: change ${yuan(c.total_change_yuan)} 元; winners ${c.winners}, losers ${c.losers}, unchanged ${c.unchanged}`);
    for (const p of c.provisions.filter((x) => x.change_yuan !== 0)) console.log(`  ${padDisplay(p.id, 40)} ${yuan(p.change_yuan).padStart(16)} 元`);
  }
}

export function registerSimulationCommands(program: Command): void {
  const population = program.command('population').description('stored populations for simulation: generate, import, list');

  storeOptions(population.command('generate').description('generate and store a synthetic Binjiang-like population (seeded)')
    .requiredOption('--name <name>', 'name of the population')
    .requiredOption('--size <n>', 'number of profiles')
    .option('--seed <n>', 'seed', '1')
    .option('--year <year>', 'policy year the profiles are shaped around', '2025'))
    .action((options: StoreOptions & { name: string; size: string; seed: string; year: string }) => withStore(options, async (db) => {
      const { generateStoredPopulation } = await import('../services/populations.ts');
      const stored = await generateStoredPopulation(db, {
        name: options.name, size: whole(options.size, '--size'), seed: whole(options.seed, '--seed'), year: whole(options.year, '--year'), createdBy: 'cli',
      });
      if (options.json) return printJson({ population: stored });
      console.log(`stored population ${stored.name}: ${stored.size} profiles (seed ${stored.seed}, year ${stored.year})`);
    }));

  storeOptions(population.command('import <file>').description('import a registry as a population: JSON lines (one profile per line), CSV (UTF-8 or GBK) or XLSX (one column per profile field; lists as JSON in the cell)')
    .requiredOption('--name <name>', 'name of the population')
    .option('--year <year>', 'policy year of the profiles', '2025'))
    .action((file: string, options: StoreOptions & { name: string; year: string }) => withStore(options, async (db) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as Error).message}`, EXIT.usage);
      }
      const { readPopulationFile } = await import('../services/population-files.ts');
      const { importPopulation } = await import('../services/populations.ts');
      const read = await readPopulationFile(basename(file), bytes);
      const stored = await importPopulation(db, { name: options.name, year: whole(options.year, '--year'), fileName: basename(file), createdBy: 'cli' }, read.jsonLines);
      if (options.json) return printJson({ population: stored, format: read.format });
      console.log(`stored population ${stored.name}: ${stored.size} profiles from ${basename(file)} (${read.format})`);
    }));

  storeOptions(population.command('list').description('list the stored populations'))
    .action((options: StoreOptions) => withStore(options, async (db) => {
      const { listPopulations } = await import('../services/populations.ts');
      const populations = await listPopulations(db);
      if (options.json) return printJson({ populations });
      for (const p of populations) console.log(`${padDisplay(p.name, 24)} ${String(p.size).padStart(9)}  ${p.source}${p.seed === null ? '' : ` seed ${p.seed}`}  year ${p.year}  ${p.created_at}`);
    }));

  storeOptions(program.command('simulate').description('budget impact of the current pack and parameters on a stored population; with --reform, baseline against reform')
    .requiredOption('--population <name>', 'stored population')
    .option('--take-up <spec>', 'take-up per provision: hte-new=80,sme-province-new=50 (whole percent; default 100), or a JSON file')
    .option('--reform <file>', 'JSON object of parameter values, e.g. {"hte-new.amount": 400000}')
    .option('--workers <n>', 'worker threads (default: one per core; none for small populations)'))
    .action((options: StoreOptions & { population: string; takeUp?: string; reform?: string; workers?: string }) => withStore(options, async (db) => {
      const pack = await configuredPack();
      const takeUp = options.takeUp === undefined ? undefined : /\.json$/i.test(options.takeUp) ? readJsonFile(options.takeUp, '--take-up') : options.takeUp;
      const reform = options.reform === undefined ? undefined : readJsonFile(options.reform, '--reform');
      const { simulate, SimulationCancelled } = await import('../services/simulation.ts');
      const { SYSTEM_ACTOR } = await import('../services/actor.ts');
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      const bar = progressBar();
      try {
        const report = await simulate(db, SYSTEM_ACTOR, pack, { population: options.population, takeUp, reform }, {
          workers: options.workers === undefined ? undefined : whole(options.workers, '--workers'), onProgress: bar.update, signal: controller.signal,
        });
        bar.end();
        if (options.json) return printJson(report);
        printReport(report);
      } catch (error) {
        bar.end();
        if (error instanceof SimulationCancelled) throw new CliError('simulation cancelled (Ctrl-C); nothing was written');
        throw error;
      } finally {
        process.removeListener('SIGINT', onSigint);
      }
    }));
}
