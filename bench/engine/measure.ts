// One engine, measured in a process of its own (forked by run.ts, so each peak RSS is the engine's own).
// Generates the population (untimed), converts it to the engine's input and builds the engine (untimed,
// reported as setup), warms up, then times full passes over the population into one Float64Array of ten
// amounts per enterprise. The output of every pass must be the same; its digest goes back to the parent.
import { digest, firstDifferentRow, type Digest } from './checksum.ts';
import { runPlain } from './engines/plain.ts';
import { RULES } from './params.ts';
import { generatePopulation, type Enterprise } from './population.ts';

export const ENGINES = ['plain', 'zhida-batch', 'zhida-trace', 'json-rules-engine', 'zen-awaited', 'zen-64', 'publicodes'] as const;
export type EngineId = (typeof ENGINES)[number];

export interface Measurement {
  engine: EngineId;
  size: number;
  /** Wall time of each timed pass, ms. */
  runs: number[];
  warmup: number;
  /** Conversion of the population to the engine's input and building the engine, ms (untimed). */
  setupMs: number;
  /** Resident set after generation, conversion and engine setup, before any evaluation (MiB). */
  rssBeforeMiB: number;
  /** High-water mark of the resident set of this process (MiB). */
  peakRssMiB: number;
  digest: Digest;
  /** Every timed pass produced the same output. */
  stable: boolean;
  /** The first row that differs from the plain functions (diagnosis only; the parent decides). */
  firstDifference?: { index: number; engine: number[]; plain: number[] };
  notes: string[];
}

interface Prepared {
  run(out: Float64Array): void | Promise<void>;
  /** Runs over the first n enterprises only (warm-up). */
  warm(n: number, out: Float64Array): void | Promise<void>;
  notes: string[];
}

async function prepare(engine: EngineId, population: Enterprise[]): Promise<Prepared> {
  switch (engine) {
    case 'plain':
      return { run: (out) => runPlain(population, out), warm: (n, out) => runPlain(population.slice(0, n), out), notes: [] };
    case 'zhida-batch': {
      const { compileWorkload, runBatch } = await import('./engines/zhida.ts');
      const { toProfile } = await import('./population.ts');
      const profiles = population.map(toProfile);
      const t0 = performance.now();
      const compiled = compileWorkload();
      const compileMs = performance.now() - t0;
      return {
        run: (out) => runBatch(compiled, profiles, out),
        warm: (n, out) => runBatch(compiled, profiles.slice(0, n), out),
        notes: [`compileRules: ${compileMs.toFixed(1)} ms, ${compiled.source.length.toLocaleString('en-US')} characters of generated code`],
      };
    }
    case 'zhida-trace': {
      const { runTrace, workloadParams } = await import('./engines/zhida.ts');
      const { toProfile } = await import('./population.ts');
      const profiles = population.map(toProfile);
      const params = workloadParams();
      let steps = 0;
      return {
        run: (out) => { steps = runTrace(profiles, out, params); },
        warm: (n, out) => { runTrace(profiles.slice(0, n), out, params); },
        get notes() { return [`trace on: ${steps.toLocaleString('en-US')} traces built in the last pass`]; },
      };
    }
    case 'json-rules-engine': {
      const { buildJreEngine, runJre, toJreFacts } = await import('./engines/jre.ts');
      const facts = population.map(toJreFacts);
      const jre = buildJreEngine();
      return { run: (out) => runJre(jre, facts, out), warm: (n, out) => runJre(jre, facts.slice(0, n), out), notes: [] };
    }
    case 'zen-awaited':
    case 'zen-64': {
      const { buildZenDecision, runZenAwaited, runZenInFlight, toZenInput } = await import('./engines/zen.ts');
      const inputs = population.map(toZenInput);
      const { decision } = buildZenDecision();
      const run = engine === 'zen-64'
        ? (xs: typeof inputs, out: Float64Array) => runZenInFlight(decision, xs, out, 64)
        : (xs: typeof inputs, out: Float64Array) => runZenAwaited(decision, xs, out);
      return { run: (out) => run(inputs, out), warm: (n, out) => run(inputs.slice(0, n), out), notes: [] };
    }
    case 'publicodes': {
      const { buildPublicodesEngine, runPublicodes, toSituation } = await import('./engines/publicodes.ts');
      const situations = population.map(toSituation);
      const pc = buildPublicodesEngine();
      return { run: (out) => runPublicodes(pc, situations, out), warm: (n, out) => runPublicodes(pc, situations.slice(0, n), out), notes: [] };
    }
  }
}

const mib = (bytes: number) => Math.round(bytes / 1048576);

export async function measure(engine: EngineId, size: number, runs: number, seed: number): Promise<Measurement> {
  const population = generatePopulation(size, seed);
  const t0 = performance.now();
  const prepared = await prepare(engine, population);
  const setupMs = performance.now() - t0;
  (globalThis as { gc?: () => void }).gc?.();
  const rssBeforeMiB = mib(process.memoryUsage().rss);

  // Warm-up (untimed): two full passes for the fast engines, so that the timed passes run optimised code;
  // the first 500 enterprises for the slow ones.
  const slow = engine === 'json-rules-engine' || engine.startsWith('zen') || engine === 'publicodes';
  const warmup = slow ? Math.min(size, 500) : size;
  const scratch = new Float64Array(warmup * RULES);
  for (let k = slow ? 1 : 2; k > 0; k--) await prepared.warm(warmup, scratch);

  const out = new Float64Array(size * RULES);
  let first: Float64Array | undefined;
  let stable = true;
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    out.fill(Number.NaN);
    const t = performance.now();
    await prepared.run(out);
    times.push(performance.now() - t);
    if (!first) first = out.slice();
    else if (!out.every((v, i) => Object.is(v, first![i]))) stable = false;
  }
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);

  const result: Measurement = {
    engine, size, runs: times, warmup, setupMs, rssBeforeMiB, peakRssMiB, digest: digest(first!, size), stable, notes: prepared.notes,
  };
  // Diagnosis only, after the peak was read: where the output first differs from the plain functions.
  if (engine !== 'plain') {
    const plain = new Float64Array(size * RULES);
    runPlain(population, plain);
    const diff = firstDifferentRow(first!, plain, size);
    if (diff) result.firstDifference = { index: diff.index, engine: diff.a, plain: diff.b };
  }
  return result;
}
