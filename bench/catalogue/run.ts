// Zhida over the whole catalogue (every provision and stated tax preference of binjiang-2025):
// 1. batch mode on all cores over N generated profiles (default 1,000,000): wall time, evaluation time, peak RSS;
// 2. single-profile evaluation with full trace and near misses: median and p95 µs per profile.
// Usage: node --import tsx bench/catalogue/run.ts [--size N] [--single N]
import { availableParallelism } from 'node:os';
import { evaluateProfile } from '../../src/core/engine/engine.ts';
import { generatePopulation } from '../../src/core/population.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { loadRules } from '../../src/pack/rules.ts';
import { evaluateBatch } from '../../src/services/batch.ts';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const size = arg('--size', 1_000_000);
const singles = arg('--single', 5_000);
const seed = 2025;

const pack = loadEdition('binjiang-2025');
const rules = await loadRules(pack);
const mib = (kb: number) => (kb / 1024).toFixed(0);

// 1. Batch: generation and evaluation inside the workers, partition by partition (no population held in memory).
const batch = await evaluateBatch({ edition: 'binjiang-2025', year: 2025, seed, size }, { workers: availableParallelism() });
const eligible = batch.totals.reduce((s, t) => s + t.eligible, 0);
const amount = batch.totals.reduce((s, t) => s + t.amount, 0);
const batchRss = process.resourceUsage().maxRSS;

// 2. Single evaluations with full trace, after a warm-up.
const sample = generatePopulation(singles, { seed: seed + 1, year: 2025 });
for (const p of sample.slice(0, 500)) evaluateProfile(pack, rules, p, { year: 2025, trace: true });
const times: number[] = [];
for (const p of sample) {
  const t0 = process.hrtime.bigint();
  evaluateProfile(pack, rules, p, { year: 2025, trace: true });
  times.push(Number(process.hrtime.bigint() - t0) / 1000);
}
times.sort((a, b) => a - b);
const q = (f: number) => times[Math.min(times.length - 1, Math.floor(times.length * f))]!;

const rows = [
  '| measure | figure |',
  '| --- | --- |',
  `| rules (provisions + stated tax preferences) | ${rules.length} |`,
  `| batch: profiles | ${size.toLocaleString('en-US')} (generated, seed ${seed}) |`,
  `| batch: workers | ${batch.workers} |`,
  `| batch: wall time, generation included | ${(batch.wallMs / 1000).toFixed(2)} s |`,
  `| batch: evaluation time (slowest worker, compiled rules only) | ${(batch.evaluateMs / 1000).toFixed(2)} s |`,
  `| batch: µs per profile per core (evaluation only) | ${((batch.evaluateMs * 1000 * batch.workers) / size).toFixed(2)} |`,
  `| batch: eligible awards / total amount | ${eligible.toLocaleString('en-US')} / ${amount.toLocaleString('en-US')} yuan |`,
  `| peak RSS (process, workers included) after batch | ${mib(batchRss)} MiB |`,
  `| single profile with trace: median | ${q(0.5).toFixed(0)} µs |`,
  `| single profile with trace: p95 | ${q(0.95).toFixed(0)} µs |`,
];
console.log(`\nZhida — whole catalogue, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${availableParallelism()} cores\n`);
console.log(rows.join('\n'));
