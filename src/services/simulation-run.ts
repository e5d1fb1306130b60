// Runs a simulation's evaluation over a stored population: the chunks are read from the database a page
// at a time and streamed, packed, to worker threads (all cores), at most two chunks in flight per worker,
// so memory stays bounded whatever the population's size. Small populations are evaluated inline. The
// workers start while the main thread compiles the rules (the plan), then get the plan.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Profile } from '../core/profile.ts';
import type { Db } from '../store/database.ts';
import { packProfiles } from './population-codec.ts';
import { decodeChunk, populationChunks } from './populations.ts';
import { createPartition, mergeTotals, type PartitionPlan, type PartitionTotals, type SimulationTask } from './simulation-core.ts';
import { planPartition } from './simulation-plan.ts';

export interface RunOptions {
  /** Worker threads; default: one per core, none (inline) under INLINE_LIMIT profiles. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export const INLINE_LIMIT = 20_000;

export class SimulationCancelled extends Error {
  constructor() {
    super('simulation cancelled');
    this.name = 'AbortError';
  }
}

type Reply = { ready?: true; done?: number; totals?: PartitionTotals };

class PoolWorker {
  readonly worker: Worker;
  inFlight = 0;
  private waiting: ((reply: Reply) => void)[] = [];
  failure: Error | undefined;
  constructor(onDone: (n: number) => void, onFail: (error: Error) => void) {
    this.worker = new Worker(new URL('./simulation-worker.mjs', import.meta.url));
    this.worker.on('message', (reply: Reply) => {
      if (reply.done !== undefined) {
        this.inFlight--;
        onDone(reply.done);
      }
      this.waiting.shift()?.(reply);
    });
    this.worker.once('error', (error) => { this.failure = error; onFail(error); });
    this.worker.once('exit', (code) => { if (code !== 0 && !this.failure) { this.failure = new Error(`simulation worker exited with code ${code}`); onFail(this.failure); } });
  }
  start(plan: PartitionPlan): Promise<Reply> {
    const ready = this.next();
    this.worker.postMessage({ plan });
    return ready;
  }
  next(): Promise<Reply> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

export async function evaluatePopulation(db: Db, populationId: number, size: number, task: SimulationTask, options: RunOptions = {}): Promise<PartitionTotals> {
  const { signal, onProgress } = options;
  const cancelled = () => { if (signal?.aborted) throw new SimulationCancelled(); };
  cancelled();
  let done = 0;
  const workers = options.workers ?? (size < INLINE_LIMIT ? 0 : availableParallelism());
  if (workers === 0) {
    const partition = createPartition(await planPartition(task));
    for await (const chunk of populationChunks(db, populationId)) {
      cancelled();
      const profiles = decodeChunk(chunk);
      partition.add(profiles);
      done += profiles.length;
      onProgress?.(done, size);
    }
    cancelled();
    return partition.totals();
  }

  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  const pool = Array.from({ length: workers }, () => new PoolWorker((n) => {
    done += n;
    onProgress?.(done, size);
    wake?.();
  }, (error) => { failed = error; wake?.(); }));
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    const plan = await planPartition(task);
    await Promise.all(pool.map((w) => w.start(plan)));
    for await (const chunk of populationChunks(db, populationId)) {
      let target: PoolWorker | undefined;
      for (;;) {
        cancelled();
        if (failed) throw failed;
        target = pool.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
        if (target.inFlight < 2) break;
        await new Promise<void>((resolve) => { wake = resolve; });
      }
      target.inFlight++;
      // Chunks stored as JSON (before migration 009) are packed here: workers read one form only.
      target.worker.postMessage({ chunk: typeof chunk === 'string' ? packProfiles(JSON.parse(chunk) as Profile[]) : chunk });
    }
    while (pool.some((w) => w.inFlight > 0)) {
      cancelled();
      if (failed) throw failed;
      await new Promise<void>((resolve) => { wake = resolve; });
    }
    cancelled();
    const parts = await Promise.all(pool.map((w) => {
      const reply = w.next();
      w.worker.postMessage({ end: true });
      return reply;
    }));
    return parts.map((p) => p.totals!).reduce(mergeTotals);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await Promise.all(pool.map((w) => w.worker.terminate()));
  }
}
