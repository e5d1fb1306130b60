// Runs ledger requests concurrently against a test store. PostgreSQL: all at once through the store's pool
// (the server runs them in parallel, as it would for a busy API). SQLite: split over worker threads, each
// with its own connection, started together, so that they really race for the write lock — one Kysely
// instance would only queue them on its single connection.
import { Worker } from 'node:worker_threads';
import type { Db } from '../../../src/store/database.ts';
import { allocate, disburse, LedgerError, release, reserve, type Movement } from '../../../src/services/ledger.ts';
import type { TestStore } from './stores.ts';

export interface LedgerRequest {
  op: 'allocate' | 'reserve' | 'release' | 'disburse';
  key: string;
  line: string;
  caseId?: string;
  amount?: number;
}

export type Outcome = ({ ok: true; movement: Movement } | { ok: false; code: string; name: string; message: string }) & {
  /** The worker thread (SQLite) that ran it; 0 in-process. */
  worker?: number;
};

export async function runRequest(db: Db, r: LedgerRequest): Promise<Outcome> {
  const actor = 'test';
  try {
    const movement = r.op === 'allocate' ? await allocate(db, { key: r.key, actor, line: r.line, amount: r.amount ?? 0 })
      : r.op === 'reserve' ? await reserve(db, { key: r.key, actor, line: r.line, caseId: r.caseId ?? '', amount: r.amount ?? 0 })
        : r.op === 'release' ? await release(db, { key: r.key, actor, line: r.line, caseId: r.caseId ?? '', amount: r.amount })
          : await disburse(db, { key: r.key, actor, line: r.line, caseId: r.caseId ?? '', amount: r.amount });
    return { ok: true, movement };
  } catch (error) {
    const e = error as Error;
    return { ok: false, code: error instanceof LedgerError ? error.code : 'unexpected', name: e.constructor.name, message: e.message };
  }
}

export function runRequests(db: Db, requests: LedgerRequest[]): Promise<Outcome[]> {
  return Promise.all(requests.map((r) => runRequest(db, r)));
}

export async function runConcurrently(store: TestStore, requests: LedgerRequest[], workers = 4): Promise<Outcome[]> {
  if (store.dialect === 'postgres') return runRequests(store.db, requests);
  // Round-robin, so that every worker has a share of every kind of request.
  const shares = Array.from({ length: workers }, (_, w) => requests.filter((_, i) => i % workers === w));
  const threads = shares.map((share) => new Worker(new URL('./ledger-worker.mjs', import.meta.url), { workerData: { url: store.url, requests: share } }));
  const ready = threads.map((t) => new Promise<void>((resolve, reject) => {
    t.once('message', () => resolve());
    t.once('error', reject);
  }));
  await Promise.all(ready);
  const done = threads.map((t) => new Promise<Outcome[]>((resolve, reject) => {
    t.once('message', resolve);
    t.once('error', reject);
    t.once('exit', (code) => code !== 0 && reject(new Error(`ledger worker exited with code ${code}`)));
  }));
  for (const t of threads) t.postMessage('go');
  const results = (await Promise.all(done)).map((outcomes, w) => outcomes.map((o) => ({ ...o, worker: w })));
  await Promise.all(threads.map((t) => t.terminate()));
  return results.flat();
}
