// Group commit for SQLite write transactions. better-sqlite3 is synchronous: a COMMIT with
// synchronous=FULL blocks the only thread for the fsync of the WAL (0.3–5 ms, more on a busy disk), and
// nothing else runs meanwhile. Under load, one fsync per transaction caps the server at 1/fsync
// transactions a second. Here the write transactions that queue up while one runs are run together: one
// BEGIN IMMEDIATE, each in its own SAVEPOINT, one COMMIT — one fsync for the batch.
// - Each caller is answered only after the COMMIT that holds its writes: nobody is told "done" early.
// - A work that fails is rolled back to its savepoint and gets its own error; the others commit.
// - If a work's failure aborts the whole transaction (SQLite rolls back on some errors: disk full, I/O),
//   that work gets its error and the others, of which nothing was committed, run again in a new batch.
// - If BEGIN or COMMIT fails, nothing was committed: every caller of the batch gets that error.
// The works of a batch run one after another, in arrival order, as they did one transaction each.
import { sql } from 'kysely';
import type { Db } from './database.ts';

/** Works queued beyond this wait for the next batch: bounds the latency a batch adds. */
export const MAX_BATCH = 64;

interface Entry {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown } | undefined;

/** A work aborted the transaction: its own error, for its caller. */
class BatchAborted extends Error {
  constructor(readonly index: number, readonly error: unknown) {
    super('a work aborted the batch transaction');
  }
}

const SAVEPOINT = 'zhida_group_commit';

class WriteQueue {
  private readonly pending: Entry[] = [];
  private draining = false;

  constructor(private readonly db: Db) {}

  run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        // A transaction on better-sqlite3 runs to its COMMIT without giving the event loop a turn: started
        // at once it would always be alone. setImmediate lets the requests already read from the sockets
        // reach this queue first.
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        if (batch.length === 1) await this.alone(batch[0]!);
        else await this.together(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async alone(entry: Entry): Promise<void> {
    try {
      entry.resolve(await this.db.transaction().execute((trx) => entry.work(trx)));
    } catch (error) {
      entry.reject(error);
    }
  }

  private async together(batch: Entry[]): Promise<void> {
    const outcomes: Outcome[] = new Array(batch.length);
    let aborted = undefined as BatchAborted | undefined;
    try {
      await this.db.transaction().execute(async (trx) => {
        for (let i = 0; i < batch.length; i++) {
          await sql.raw(`SAVEPOINT ${SAVEPOINT}`).execute(trx);
          try {
            const value = await batch[i]!.work(trx);
            await sql.raw(`RELEASE ${SAVEPOINT}`).execute(trx);
            outcomes[i] = { ok: true, value };
          } catch (error) {
            try {
              await sql.raw(`ROLLBACK TO ${SAVEPOINT}`).execute(trx);
              await sql.raw(`RELEASE ${SAVEPOINT}`).execute(trx);
            } catch {
              // The savepoint is gone: SQLite rolled the whole transaction back. (Kysely's ROLLBACK may then
              // fail too and replace this error: hence the variable.)
              aborted = new BatchAborted(i, error);
              throw aborted;
            }
            outcomes[i] = { ok: false, error };
          }
        }
      });
    } catch (error) {
      if (aborted) {
        const culprit = aborted.index;
        batch[culprit]!.reject(aborted.error);
        // Nothing of the others was committed and none was answered: they run again, first in line.
        this.pending.unshift(...batch.filter((_, i) => i !== culprit));
        return;
      }
      // BEGIN or COMMIT failed: nothing of the batch is in the database.
      batch.forEach((entry, i) => {
        const outcome = outcomes[i];
        entry.reject(outcome && !outcome.ok ? outcome.error : error);
      });
      return;
    }
    batch.forEach((entry, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) entry.resolve(outcome.value);
      else entry.reject(outcome.error);
    });
  }
}

const queues = new WeakMap<Db, WriteQueue>();

/** Runs work in a write transaction shared with the other works queued on db at the time (SQLite only). */
export function groupCommit<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  let queue = queues.get(db);
  if (!queue) {
    queue = new WriteQueue(db);
    queues.set(db, queue);
  }
  return queue.run(work);
}
