// One phase of bench:batch in its own process, so that its peak RSS (process.resourceUsage().maxRSS: the
// main thread and its worker threads) is its own: `generate` stores a population, `simulate` runs the
// baseline and one reform reading it from the database. Prints one line of JSON.
import { migrateToLatest } from '../../src/store/migrate.ts';
import { openDatabase } from '../../src/store/database.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { SYSTEM_ACTOR } from '../../src/services/actor.ts';
import { generateStoredPopulation } from '../../src/services/populations.ts';
import { simulate } from '../../src/services/simulation.ts';

const [phase, url, name, size] = process.argv.slice(2) as [string, string, string, string];
const started = performance.now();
const db = await openDatabase({ url });
let detail: Record<string, unknown>;
if (phase === 'generate') {
  await migrateToLatest(db);
  const stored = await generateStoredPopulation(db, { name, size: Number(size), seed: 1, year: 2025, createdBy: 'bench' });
  detail = { size: stored.size };
} else {
  const report = await simulate(db, SYSTEM_ACTOR, loadEdition('binjiang-2025'), { population: name, reform: { 'hte-new.amount': 400_000 } });
  detail = {
    evaluated: report.evaluated, baselineYuan: report.baseline.total_cost_yuan, changeYuan: report.comparison!.total_change_yuan,
    winners: report.comparison!.winners, losers: report.comparison!.losers,
  };
}
await db.destroy();
const wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ phase, wallMs, maxRssKiB: process.resourceUsage().maxRSS, ...detail })}\n`);
