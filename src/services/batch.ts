// Batch evaluation of whole populations on all cores: the population is split into partitions, each
// evaluated by a worker thread with the compiled rules. Used by simulation and 免申即享.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { evaluatePartition, type PartitionResult, type PartitionTask, type ProvisionTotals } from './batch-core.ts';

export type { ProvisionTotals } from './batch-core.ts';

export interface BatchResult {
  ids: string[];
  count: number;
  totals: ProvisionTotals[];
  /** Per profile × provision slots, when asked for (keepAmounts). */
  amounts?: Float64Array;
  workers: number;
  wallMs: number;
  evaluateMs: number;
}

function runWorker(task: PartitionTask): Promise<PartitionResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./batch-worker.mjs', import.meta.url), { workerData: task });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`batch worker exited with code ${code}`));
    });
  });
}

export interface BatchOptions {
  workers?: number;
  keepAmounts?: boolean;
}

/** Evaluates a generated population (seed, size) or given profiles for a policy year. */
export async function evaluateBatch(job: Omit<PartitionTask, 'keepAmounts'> & { size?: number; seed?: number }, options: BatchOptions = {}): Promise<BatchResult> {
  const started = performance.now();
  const count = job.profiles?.length ?? job.size ?? 0;
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(count / 2048)));
  const per = Math.ceil(count / workers);
  const tasks: PartitionTask[] = Array.from({ length: workers }, (_, w) => {
    const start = w * per;
    const size = Math.max(0, Math.min(per, count - start));
    return {
      edition: job.edition, year: job.year, asOf: job.asOf, keepAmounts: options.keepAmounts,
      ...(job.profiles ? { profiles: job.profiles.slice(start, start + size) } : { generated: { seed: job.seed ?? 1, start, count: size } }),
    };
  });
  const parts = workers === 1 ? [await evaluatePartition(tasks[0]!)] : await Promise.all(tasks.map(runWorker));
  const ids = parts[0]!.ids;
  const totals = ids.map((_, s) => {
    const t = { eligible: 0, amount: 0, pending: 0, undetermined: 0, excluded: 0 };
    for (const part of parts) {
      const p = part.totals[s]!;
      t.eligible += p.eligible; t.amount += p.amount; t.pending += p.pending; t.undetermined += p.undetermined; t.excluded += p.excluded;
    }
    return t;
  });
  let amounts: Float64Array | undefined;
  if (options.keepAmounts) {
    amounts = new Float64Array(count * ids.length);
    let offset = 0;
    for (const part of parts) {
      amounts.set(part.amounts!, offset);
      offset += part.amounts!.length;
    }
  }
  return { ids, count, totals, amounts, workers, wallMs: performance.now() - started, evaluateMs: Math.max(...parts.map((p) => p.evaluateMs)) };
}
