// Runs a simulation's evaluation over a stored population: the chunks are read from the database a page
// at a time and streamed to worker threads (all cores), at most two chunks in flight per worker, so
// memory stays bounded whatever the population's size. Small populations are evaluated inline.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Db } from '../store/database.ts';
import { decodeChunk, populationChunks } from './populations.ts';
import { createPartition, mergeTotals, type PartitionTotals, type SimulationTask } from './simulation-core.ts';

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
  constructor(task: SimulationTask, onDone: (n: number) => void, onFail: (error: Error) => void) {
    this.worker = new Worker(new URL('./simulation-worker.mjs', import.meta.url), { workerData: task });
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
    const partition = await createPartition(task);
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
  const pool = Array.from({ length: workers }, () => new PoolWorker(task, (n) => {
    done += n;
    onProgress?.(done, size);
    wake?.();
  }, (error) => { failed = error; wake?.(); }));
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    await Promise.all(pool.map((w) => w.next()));
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
      target.worker.postMessage({ chunk });
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
