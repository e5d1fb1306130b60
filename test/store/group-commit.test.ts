// Write transactions that queue up together share one commit on SQLite (src/store/group-commit.ts), and
// reads outside transactions run on their own connection (SplitSqliteDriver). What must hold: a caller is
// answered only once its writes are committed, a failing transaction undoes only its own writes, and a
// read never waits for a transaction in progress.
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { writeTransaction, type Db } from '../../src/store/database.ts';
import { dialects, freshStore } from './support/stores.ts';

// A table of the test's own: the schema's tables carry triggers and foreign keys beside the point here.
async function probeTable(db: Db): Promise<void> {
  await sql`CREATE TABLE gc_probe (label text PRIMARY KEY)`.execute(db);
}

const insert = (db: Db, label: string) => sql`INSERT INTO gc_probe (label) VALUES (${label})`.execute(db);
const labels = async (db: Db) => (await sql<{ label: string }>`SELECT label FROM gc_probe ORDER BY label`.execute(db)).rows.map((r) => r.label);

for (const dialect of dialects) {
  describe(`write transactions on ${dialect.name}`, () => {
    it('that run at the same time all commit; one that fails undoes only its own writes and gets its own error', async () => {
      const { db } = await freshStore(dialect, { migrate: false });
      await probeTable(db);
      const outcomes = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((label) => writeTransaction(db, async (trx) => {
        await insert(trx, label);
        if (label === 'c') {
          await insert(trx, 'c-extra');
          throw new Error('c changed its mind');
        }
        return label.toUpperCase();
      })));
      expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)))
        .toEqual(['A', 'B', 'c changed its mind', 'D', 'E']);
      expect(await labels(db)).toEqual(['a', 'b', 'd', 'e']);
    });

    it('a unique violation in one transaction leaves the others committed', async () => {
      const { db } = await freshStore(dialect, { migrate: false });
      await probeTable(db);
      const outcomes = await Promise.allSettled(['x', 'y', 'x', 'z'].map((label) => writeTransaction(db, (trx) => insert(trx, label))));
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      expect(await labels(db)).toEqual(['x', 'y', 'z']);
    });
  });
}

describe('group commit on SQLite', () => {
  const sqlite = dialects.find((d) => d.dialect === 'sqlite')!;

  it('runs the transactions queued together in one transaction, and answers each only after the commit', async () => {
    const store = await freshStore(sqlite, { migrate: false });
    const { db } = store;
    await probeTable(db);
    const other = new BetterSqlite3(store.url, { readonly: true });
    const answered: string[] = [];
    // What the second transaction saw: the first one's row inside its transaction, none from outside.
    const seen: { inside: string[]; outside: string[]; answeredBefore: string[] }[] = [];
    try {
      const done = ['first', 'second'].map((label) => writeTransaction(db, async (trx) => {
        if (label === 'second') {
          seen.push({
            inside: await labels(trx),
            outside: (other.prepare('SELECT label FROM gc_probe').all() as { label: string }[]).map((r) => r.label),
            answeredBefore: [...answered],
          });
        }
        await insert(trx, label);
      }).then(() => {
        answered.push(label);
        // Once answered, the row is on disk for every connection.
        expect((other.prepare('SELECT label FROM gc_probe WHERE label = ?').all(label) as unknown[]).length).toBe(1);
      }));
      await Promise.all(done);
    } finally {
      other.close();
    }
    expect(seen).toEqual([{ inside: ['first'], outside: [], answeredBefore: [] }]);
    expect(answered.sort()).toEqual(['first', 'second']);
  });

  it('a transaction that aborts the whole batch gets its error; the others run again and commit', async () => {
    const { db } = await freshStore(sqlite, { migrate: false });
    await probeTable(db);
    const runs: string[] = [];
    const outcomes = await Promise.allSettled(['p', 'q', 'r'].map((label) => writeTransaction(db, async (trx) => {
      runs.push(label);
      await insert(trx, label);
      // Ends the transaction under everybody's feet, as SQLite does itself on a full disk or an I/O error.
      if (label === 'q') await sql`ROLLBACK`.execute(trx);
    })));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await labels(db)).toEqual(['p', 'r']);
    // p ran in the aborted batch and again after it; q once; r only after it.
    expect(runs.filter((l) => l === 'p')).toHaveLength(2);
    expect(runs.filter((l) => l === 'q')).toHaveLength(1);
    expect(runs.filter((l) => l === 'r')).toHaveLength(1);
  });

  it('reads outside a transaction do not wait for one in progress, and see only what is committed', async () => {
    const { db } = await freshStore(sqlite, { migrate: false });
    await probeTable(db);
    await writeTransaction(db, (trx) => insert(trx, 'committed'));
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let inserted!: () => void;
    const insertedYet = new Promise<void>((resolve) => { inserted = resolve; });
    const slow = writeTransaction(db, async (trx) => {
      await insert(trx, 'uncommitted');
      inserted();
      await held;
    });
    await insertedYet;
    // With one connection this read would wait for the transaction above, which waits for the read.
    expect(await labels(db)).toEqual(['committed']);
    // A write outside a transaction queues behind the open one instead of failing with SQLITE_BUSY.
    const autocommit = insert(db, 'autocommit');
    release();
    await slow;
    await autocommit;
    expect(await labels(db)).toEqual(['autocommit', 'committed', 'uncommitted']);
  });

  it('reads outside a transaction are answered by the read-only connection, writes by the writer', async () => {
    const { db } = await freshStore(sqlite, { migrate: false });
    await probeTable(db);
    // The reader is query_only: the write succeeds because it went to the writer.
    await insert(db, 'w');
    expect(await labels(db)).toEqual(['w']);
    expect(Object.values((await sql.raw('PRAGMA query_only').execute(db)).rows[0] as object)[0]).toBe(1);
  });
});
