// The audit log on SQLite and PostgreSQL: an SM3 hash chain the database will not let anyone rewrite, and
// verifyAudit naming the record someone changed, inserted or deleted after dropping the triggers.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit, auditHash, canonicalJson, GENESIS_HASH, readAudit, verifyAudit } from '../../src/services/audit.ts';
import { dialects, freshStore, type TestDialect, type TestStore } from './support/stores.ts';

describe('the audit hash', () => {
  it('is SM3 (GM/T 0004-2012 test vector)', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('covers every column and the previous hash', () => {
    const record = { seq: 1, at: '2025-03-01T00:00:00.000Z', actor: 'a', action: 'x.y', subject: 's:1', before: null, after: '{"n":1}', prev_hash: GENESIS_HASH };
    const hash = auditHash(record);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    for (const [field, value] of Object.entries({ seq: 2, at: '2025-03-01T00:00:00.001Z', actor: 'b', action: 'x.z', subject: 's:2', before: '{}', after: '{"n":2}', prev_hash: '1'.repeat(64) })) {
      expect(auditHash({ ...record, [field]: value }), field).not.toBe(hash);
    }
    // Fields cannot run into each other: moving a character from one to the next changes the hash.
    expect(auditHash({ ...record, actor: 'ax', action: '.y' })).not.toBe(auditHash({ ...record, actor: 'a', action: 'x.y' }));
  });
  it('serialises a state canonically: keys sorted at every depth, undefined left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ d: new Date() })).toThrow(TypeError);
  });
});

async function chainOf(dialect: TestDialect, records: number): Promise<TestStore> {
  const store = await freshStore(dialect);
  for (let i = 1; i <= records; i++) {
    await appendAudit(store.db, { actor: `user-${i % 3}`, action: 'case.transition', subject: `case:${i}`, before: { status: 'submitted' }, after: { status: 'approved', n: i } });
  }
  return store;
}

describe.each(dialects)('audit log on $name', (dialect) => {
  const drop = (trigger: string) => (dialect.dialect === 'postgres' ? `DROP TRIGGER ${trigger} ON audit_log;` : `DROP TRIGGER ${trigger};`);

  it('appends a chain that verifies', async () => {
    const { db } = await chainOf(dialect, 5);
    const records = await readAudit(db);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < records.length; i++) expect(records[i]!.prev_hash).toBe(records[i - 1]!.hash);
    expect(records[2]).toMatchObject({ actor: 'user-0', action: 'case.transition', subject: 'case:3', before: { status: 'submitted' }, after: { status: 'approved', n: 3 } });
    expect(await verifyAudit(db)).toEqual({ ok: true, records: 5, head: { seq: 5, hash: records[4]!.hash }, problems: [], more: 0 });
  });

  it('concurrent appends queue on the chain head: no fork, no gap', async () => {
    const { db } = await freshStore(dialect);
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendAudit(db, { actor: 'x', action: 'test.append', subject: `s:${i}`, after: { i } })));
    expect(await verifyAudit(db)).toMatchObject({ ok: true, records: 40, head: { seq: 40 } });
  });

  it('the database refuses UPDATE and DELETE of a record, and moving the head back', async () => {
    const { db } = await chainOf(dialect, 3);
    await expect(db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 2).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('audit_head').set({ seq: 2 }).where('id', '=', 1).execute()).rejects.toThrow(/audit_head/);
    await expect(db.deleteFrom('audit_head').execute()).rejects.toThrow(/append-only/);
    if (dialect.dialect === 'postgres') {
      const { sql } = await import('kysely');
      await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    }
    expect(await verifyAudit(db)).toMatchObject({ ok: true, records: 3 });
  });

  it('names an altered record', async () => {
    const store = await chainOf(dialect, 6);
    await store.raw(`${drop('audit_log_refuse_update')} UPDATE audit_log SET after = '{"n":3,"status":"rejected"}' WHERE seq = 3`);
    const report = await verifyAudit(store.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: 'altered', seq: 3, message: 'record 3 (case.transition case:3) was altered: its contents do not match its hash' }]);
  });

  it('names a record replaced with a recomputed hash, by the broken link after it', async () => {
    const store = await chainOf(dialect, 6);
    const [third] = await readAudit(store.db, { afterSeq: 2, limit: 1 });
    const forged = { ...third!, before: third!.before === undefined ? null : canonicalJson(third!.before), after: '{"n":3,"status":"rejected"}' };
    const hash = auditHash(forged);
    await store.raw(`${drop('audit_log_refuse_update')} UPDATE audit_log SET after = '${forged.after}', hash = '${hash}' WHERE seq = 3`);
    expect((await verifyAudit(store.db)).problems).toEqual([
      { kind: 'relinked', seq: 4, message: 'record 4 does not link to record 3: record 3 was replaced (its hash recomputed) or 4 was inserted' },
    ]);
  });

  it('names a deleted record, and records deleted from the end', async () => {
    const store = await chainOf(dialect, 6);
    await store.raw(`${drop('audit_log_refuse_delete')} DELETE FROM audit_log WHERE seq = 3`);
    expect((await verifyAudit(store.db)).problems).toEqual([{ kind: 'deleted', seq: 3, message: 'record 3 was deleted: the chain goes from record 2 to 4' }]);
    await store.raw('DELETE FROM audit_log WHERE seq >= 5');
    expect((await verifyAudit(store.db)).problems).toEqual([
      { kind: 'deleted', seq: 3, message: 'record 3 was deleted: the chain goes from record 2 to 4' },
      { kind: 'deleted', seq: 5, message: 'the chain ends at record 4 but its head is record 6: records 5–6 were deleted' },
    ]);
  });

  it('names records inserted after the head, even perfectly chained (no trigger needs dropping to insert)', async () => {
    const { db } = await chainOf(dialect, 4);
    const [last] = await readAudit(db, { afterSeq: 3 });
    const row = { seq: 5, at: new Date().toISOString(), actor: 'mallory', action: 'ledger.disburse', subject: 'budget-line:D01', before: null, after: '{"amount":1000000}', prev_hash: last!.hash };
    await db.insertInto('audit_log').values({ ...row, hash: auditHash(row) }).execute();
    expect((await verifyAudit(db)).problems).toEqual([{ kind: 'inserted', seq: 5, message: 'record 5 was inserted after the chain\'s head (record 4)' }]);
  });
});
