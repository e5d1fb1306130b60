// The peer benchmark (bench/engine/README.md): the same ten rules in plain functions, Zhida (compiled batch
// and traced interpreter), json-rules-engine, zen-engine (awaited and 64 in flight) and Publicodes, over one
// seeded population. Each engine runs in a fresh child process (its own peak RSS); this process computes the
// reference with the plain functions, checks every engine's per-rule totals and checksum against it, and
// prints one table (also written to bench/results/engine-latest.md). Any difference makes the run VOID.
//
//   npm run bench:engine -- [--size N] [--quick] [--sample N] [--trace-sample N] [--publicodes-sample N]
//                           [--runs N] [--peer-runs N] [--seed N] [--engines a,b,…] [--out FILE]
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { digest, differences, type Digest } from './checksum.ts';
import { runPlain } from './engines/plain.ts';
import type { EngineId, Measurement } from './measure.ts';
import { RULES, RULE_IDS, Y } from './params.ts';
import { DEFAULT_SEED, generatePopulation, thresholdCoverage } from './population.ts';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string): string | undefined => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const num = (name: string, fallback: number) => {
  const v = option(name);
  if (v === undefined) return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} expects a positive whole number, got "${v}"`);
  return n;
};

const quick = flag('--quick');
const size = num('--size', quick ? 20_000 : 100_000);
const peerSample = Math.min(size, num('--sample', quick ? 2_000 : 20_000));
const traceSample = Math.min(size, num('--trace-sample', quick ? 1_000 : 5_000));
const publicodesSample = Math.min(size, num('--publicodes-sample', quick ? 500 : 5_000));
const fastRuns = num('--runs', 3);
const peerRuns = num('--peer-runs', 1);
const seed = num('--seed', DEFAULT_SEED);
const outFile = resolve(option('--out') ?? resolve(here, '../results/engine-latest.md'));

interface Plan { engine: EngineId; label: string; size: number; runs: number }
const PLAN: Plan[] = [
  { engine: 'plain', label: 'plain functions (hand-written)', size, runs: fastRuns },
  { engine: 'zhida-batch', label: 'Zhida batch (compileRules)', size, runs: fastRuns },
  { engine: 'zhida-trace', label: 'Zhida interpreter, full trace', size: traceSample, runs: fastRuns },
  { engine: 'json-rules-engine', label: 'json-rules-engine, awaited', size: peerSample, runs: peerRuns },
  { engine: 'zen-awaited', label: 'zen-engine, awaited one at a time', size: peerSample, runs: peerRuns },
  { engine: 'zen-64', label: 'zen-engine, 64 in flight', size: peerSample, runs: peerRuns },
  { engine: 'publicodes', label: 'Publicodes (setSituation + evaluate)', size: publicodesSample, runs: peerRuns },
];
const only = option('--engines')?.split(',');
const plan = only ? PLAN.filter((p) => only.includes(p.engine)) : PLAN;
if (only) for (const e of only) if (!PLAN.some((p) => p.engine === e)) throw new Error(`unknown engine "${e}"; one of ${PLAN.map((p) => p.engine).join(', ')}`);

function child(p: Plan): Promise<Measurement> {
  return new Promise((resolvePromise, reject) => {
    const proc = fork(resolve(here, 'child.ts'), [p.engine, String(p.size), String(p.runs), String(seed)], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let result: Measurement | undefined;
    let stderr = '';
    proc.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    proc.on('message', (m) => { result = m as Measurement; });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (result && code === 0) resolvePromise(result);
      else reject(new Error(`exit ${code ?? signal}${stderr ? `: ${stderr.trim().split('\n').slice(0, 12).join('\n')}` : ''}`));
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fmtUs = (us: number) => (us < 10 ? fmt(us, 2) : us < 100 ? fmt(us, 1) : fmt(us, 0));
const ratio = (x: number, base: number | undefined) => (base === undefined ? '—' : x / base < 10 ? `×${fmt(x / base, 1)}` : `×${fmt(x / base, 0)}`);

const started = Date.now();
const load0 = loadavg()[0]!;
console.error(`peer benchmark: ${fmt(size)} enterprises (seed ${seed}), peers on ${fmt(peerSample)}, trace on ${fmt(traceSample)}, Publicodes on ${fmt(publicodesSample)}; ${plan.length} child processes`);

// The reference: the plain functions, here, on the largest population any engine uses (prefixes agree).
const refSize = Math.max(...plan.map((p) => p.size));
const population = generatePopulation(refSize, seed);
const reference = new Float64Array(refSize * RULES);
runPlain(population, reference);
const references = new Map<number, Digest>();
const referenceFor = (n: number) => {
  let d = references.get(n);
  if (!d) references.set(n, (d = digest(reference, n)));
  return d;
};

interface Row { plan: Plan; m?: Measurement; error?: string; diffs: string[] }
const rows: Row[] = [];
for (const p of plan) {
  const t = Date.now();
  process.stderr.write(`  ${p.label} (${fmt(p.size)} × ${p.runs}) … `);
  try {
    const m = await child(p);
    const diffs = differences(m.digest, referenceFor(p.size));
    if (!m.stable) diffs.push('the timed passes did not all produce the same output');
    rows.push({ plan: p, m, diffs });
    process.stderr.write(`${((Date.now() - t) / 1000).toFixed(1)} s${diffs.length ? ' — DIFFERS' : ''}\n`);
  } catch (err) {
    rows.push({ plan: p, error: (err as Error).message, diffs: [] });
    process.stderr.write(`FAILED\n`);
  }
}

const usOf = (r: Row) => (r.m ? (median(r.m.runs) * 1000) / r.m.size : undefined);
const plainUs = usOf(rows.find((r) => r.plan.engine === 'plain') ?? { plan: PLAN[0]!, diffs: [] });
const zhidaUs = usOf(rows.find((r) => r.plan.engine === 'zhida-batch') ?? { plan: PLAN[1]!, diffs: [] });
const failed = rows.filter((r) => r.error);
const differing = rows.filter((r) => r.diffs.length > 0);
const isVoid = failed.length > 0 || differing.length > 0;

const lines: string[] = [];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
lines.push(`# Peer benchmark — ${new Date().toISOString().slice(0, 10)}`);
lines.push('');
lines.push(`Workload: bench/engine/README.md (ten rules, policy year ${Y}). Population: ${fmt(size)} enterprises, seed ${seed}; the slower engines run on the first n of the same population and are checked against the plain functions on those n.`);
lines.push(`Machine: node ${process.version}, ${availableParallelism()} cores (${cpu}); load average ${load0.toFixed(2)} at start, ${loadavg()[0]!.toFixed(2)} at end. Each engine in a fresh child process; µs per profile is the median of the timed passes after warm-up.`);
lines.push('');
lines.push('| engine | profiles | timed passes | µs / profile | profiles / s | vs plain | vs Zhida batch | peak RSS (MiB) | RSS before evaluating (MiB) | totals & checksum |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  if (!r.m) {
    lines.push(`| ${r.plan.label} | ${fmt(r.plan.size)} | — | — | — | — | — | — | — | **could not run** |`);
    continue;
  }
  const us = usOf(r)!;
  const verdict = r.diffs.length ? '**DIFFERS**' : `= plain (${r.m.digest.checksum})`;
  lines.push(`| ${r.plan.label} | ${fmt(r.m.size)} | ${r.m.runs.length} | ${fmtUs(us)} | ${fmt(1e6 / us)} | ${ratio(us, plainUs)} | ${ratio(us, zhidaUs)} | ${fmt(r.m.peakRssMiB)} | ${fmt(r.m.rssBeforeMiB)} | ${verdict} |`);
}
lines.push('');
lines.push(isVoid ? '**VOID** — the engines did not all produce the plain functions\' totals and checksum; the figures above compare nothing:' : '**Valid** — every engine produced the plain functions\' per-rule totals, eligible counts and order-sensitive checksum on its population.');
if (only) lines.push(`Partial run (--engines ${only.join(',')}): the other engines were not measured.`);
for (const r of failed) lines.push(`- ${r.plan.label}: could not run — ${r.error!.replace(/\n/g, ' ⏎ ')}`);
for (const r of differing) {
  lines.push(`- ${r.plan.label}: ${r.diffs.join('; ')}`);
  const d = r.m?.firstDifference;
  if (d) lines.push(`  first differing enterprise #${d.index}: engine [${d.engine.join(', ')}], plain [${d.plain.join(', ')}]`);
}
lines.push('');
const ref = referenceFor(size);
lines.push(`Reference (plain functions, ${fmt(size)} enterprises): checksum ${ref.checksum}.`);
lines.push('');
lines.push('| rule | eligible | total (yuan) |');
lines.push('| --- | ---: | ---: |');
RULE_IDS.forEach((id, i) => lines.push(`| ${id.toUpperCase()} | ${fmt(ref.eligible[i]!)} | ${fmt(ref.totals[i]!)} |`));
lines.push('');
const notes = rows.flatMap((r) => (r.m ? [
  `${r.plan.label}: timed passes ${r.m.runs.map((ms) => `${fmt(ms, 1)} ms`).join(', ')}; warm-up ${fmt(r.m.warmup)} enterprises; setup (conversion + engine build, untimed) ${fmt(r.m.setupMs, 0)} ms${r.m.notes.length ? `; ${r.m.notes.join('; ')}` : ''}`,
] : []));
const coverage = thresholdCoverage(population.slice(0, size));
lines.push(`Enterprises on and just short of each threshold (of ${fmt(size)}): ${Object.entries(coverage).map(([k, v]) => `${k} ${fmt(v)}`).join('; ')}.`);
lines.push('');
lines.push('Details:');
for (const n of notes) lines.push(`- ${n}`);
for (const [n, d] of [...references].sort((a, b) => a[0] - b[0])) if (n !== size) lines.push(`- reference on the first ${fmt(n)}: checksum ${d.checksum}`);
lines.push(`- whole run: ${((Date.now() - started) / 1000).toFixed(0)} s`);

const text = lines.join('\n');
console.log(`\n${text}\n`);
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, `${text}\n`);
console.error(`written to ${outFile}`);
if (isVoid) {
  console.error('VOID');
  process.exitCode = 1;
}
