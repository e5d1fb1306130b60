// The budget ledger on SQLite and PostgreSQL: double entry, typed refusals, idempotency, no overspend under
// real concurrency, and every movement's audit record in its own transaction.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { readAudit, verifyAudit } from '../../src/services/audit.ts';
import {
  allocate, caseBalance, createBudgetLine, disburse, getBudgetLine, InsufficientBudgetError, InsufficientReservationError,
  LedgerError, listMovements, release, reserve,
} from '../../src/services/ledger.ts';
import { verifyLedger } from '../../src/services/ledger-verify.ts';
import { writeTransaction } from '../../src/store/database.ts';
import { runConcurrently, type LedgerRequest } from './support/concurrent.ts';
import { dialects, useStore } from './support/stores.ts';

const actor = 'finance-1';

describe.each(dialects)('budget ledger on $name', (dialect) => {
  const store = useStore(dialect);
  let n = 0;
  /** A new funded line for one test. */
  async function line(amount: number): Promise<string> {
    const id = `L${++n}`;
    await createBudgetLine(store().db, { id, year: 2025, label: `test line ${n}`, packBudget: 'D01', actor });
    if (amount > 0) await allocate(store().db, { key: `${id}-funding`, actor, line: id, amount });
    return id;
  }

  it('moves money double-entry through allocate, reserve, disburse and release', async () => {
    const { db } = store();
    const id = await line(1_000_000);
    await reserve(db, { key: `${id}-r1`, actor, line: id, caseId: 'A-1', amount: 300_000 });
    await reserve(db, { key: `${id}-r2`, actor, line: id, caseId: 'A-2', amount: 200_000 });
    await disburse(db, { key: `${id}-d1`, actor, line: id, caseId: 'A-1', amount: 100_000 });
    const rest = await disburse(db, { key: `${id}-d2`, actor, line: id, caseId: 'A-1' });
    expect(rest).toMatchObject({ operation: 'disburse', amount: 200_000, caseId: 'A-1', replayed: false });
    const released = await release(db, { key: `${id}-x2`, actor, line: id, caseId: 'A-2' });
    expect(released.amount).toBe(200_000);
    expect(await getBudgetLine(db, id)).toMatchObject({ allocated: 1_000_000, available: 700_000, reserved: 0, disbursed: 300_000, packBudget: 'D01' });
    expect(await caseBalance(db, id, 'A-1')).toEqual({ reserved: 0, disbursed: 300_000 });
    expect(await caseBalance(db, id, 'A-2')).toEqual({ reserved: 0, disbursed: 0 });
    const entries = await db.selectFrom('ledger_entries').selectAll().where('line_id', '=', id).execute();
    expect(entries).toHaveLength(12);
    expect(entries.reduce((s, e) => s + e.debit_yuan, 0)).toBe(entries.reduce((s, e) => s + e.credit_yuan, 0));
    expect(await verifyLedger(db)).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses with typed errors and moves nothing', async () => {
    const { db } = store();
    const id = await line(500);
    const before = await getBudgetLine(db, id);
    const refusal = await reserve(db, { key: `${id}-big`, actor, line: id, caseId: 'B-1', amount: 501 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(InsufficientBudgetError);
    expect(refusal).toMatchObject({ code: 'insufficient-budget', requested: 501, available: 500 });
    await expect(disburse(db, { key: `${id}-d`, actor, line: id, caseId: 'B-1' })).rejects.toBeInstanceOf(InsufficientReservationError);
    await expect(release(db, { key: `${id}-x`, actor, line: id, caseId: 'B-1', amount: 1 })).rejects.toMatchObject({ code: 'insufficient-reservation' });
    await expect(reserve(db, { key: `${id}-u`, actor, line: 'nope', caseId: 'B-1', amount: 1 })).rejects.toMatchObject({ code: 'unknown-budget-line' });
    for (const amount of [0, -5, 1.5, Number.MAX_SAFE_INTEGER + 2]) {
      await expect(reserve(db, { key: `${id}-bad`, actor, line: id, caseId: 'B-1', amount })).rejects.toMatchObject({ code: 'invalid-request' });
    }
    await expect(reserve(db, { key: '', actor, line: id, caseId: 'B-1', amount: 1 })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(createBudgetLine(db, { id, year: 2025, label: 'again', actor })).rejects.toMatchObject({ code: 'budget-line-exists' });
    expect(await getBudgetLine(db, id)).toEqual(before);
    expect(await listMovements(db, { line: id })).toHaveLength(1);
  });

  it('a repeated key returns the first answer and moves nothing; another request under it is refused', async () => {
    const { db } = store();
    const id = await line(1000);
    const first = await reserve(db, { key: `${id}-k`, actor, line: id, caseId: 'C-1', amount: 400 });
    const again = await reserve(db, { key: `${id}-k`, actor: 'someone-else', line: id, caseId: 'C-1', amount: 400 });
    expect(again).toEqual({ ...first, replayed: true });
    await expect(reserve(db, { key: `${id}-k`, actor, line: id, caseId: 'C-1', amount: 401 })).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    await expect(allocate(db, { key: `${id}-k`, actor, line: id, amount: 400 })).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    // "release all", repeated after it released everything, is still the first answer — not a refusal.
    const all = await release(db, { key: `${id}-all`, actor, line: id, caseId: 'C-1' });
    expect(await release(db, { key: `${id}-all`, actor, line: id, caseId: 'C-1' })).toEqual({ ...all, replayed: true });
    expect(await getBudgetLine(db, id)).toMatchObject({ available: 1000, reserved: 0 });
  });

  it('a refused request leaves no trace: the same key may be retried once the money is there', async () => {
    const { db } = store();
    const id = await line(100);
    await expect(reserve(db, { key: `${id}-r`, actor, line: id, caseId: 'D-1', amount: 150 })).rejects.toBeInstanceOf(InsufficientBudgetError);
    await allocate(db, { key: `${id}-top-up`, actor, line: id, amount: 50 });
    expect(await reserve(db, { key: `${id}-r`, actor, line: id, caseId: 'D-1', amount: 150 })).toMatchObject({ replayed: false, amount: 150 });
  });

  it('writes each movement\'s audit record in its transaction: rolled back together', async () => {
    const { db } = store();
    const id = await line(1000);
    const records = async () => (await readAudit(db, { subject: `budget-line:${id}`, limit: 1000 })).length;
    const before = await records();
    await expect(writeTransaction(db, async (trx) => {
      await reserve(trx, { key: `${id}-in-tx`, actor, line: id, caseId: 'E-1', amount: 600 });
      throw new Error('the approval failed after reserving');
    })).rejects.toThrow('the approval failed');
    expect(await records()).toBe(before);
    expect(await getBudgetLine(db, id)).toMatchObject({ available: 1000, reserved: 0 });
    expect(await listMovements(db, { caseId: 'E-1' })).toEqual([]);

    await reserve(db, { key: `${id}-ok`, actor, line: id, caseId: 'E-1', amount: 600 });
    const [last] = (await readAudit(db, { subject: `budget-line:${id}`, limit: 1000 })).slice(-1);
    expect(last).toMatchObject({
      actor, action: 'ledger.reserve',
      before: { line: { available: 1000, reserved: 0 }, case: { id: 'E-1', reserved: 0 } },
      after: { line: { available: 400, reserved: 600 }, case: { id: 'E-1', reserved: 600 }, movement: { key: `${id}-ok`, amount: 600 } },
    });
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
  });

  it('the database itself refuses a negative balance, an unbalanced line and edits of entries', async () => {
    const { db } = store();
    const id = await line(10);
    await expect(db.updateTable('budget_lines').set({ available_yuan: -1, allocated_yuan: 9 }).where('id', '=', id).execute()).rejects.toThrow();
    await expect(db.updateTable('budget_lines').set({ available_yuan: 11 }).where('id', '=', id).execute()).rejects.toThrow();
    await expect(db.updateTable('ledger_entries').set({ debit_yuan: 11 }).where('line_id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('ledger_movements').where('line_id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`INSERT INTO ledger_movements (idempotency_key, operation, request, line_id, case_id, amount_yuan, at, actor)
      VALUES (${`${id}-funding`}, 'allocate', '{}', ${id}, NULL, 5, '2025-01-01', 'x')`.execute(db)).rejects.toThrow();
  });

  it('no overspend: 200 concurrent reservations against a line that fits exactly 50 → 50 succeed', async () => {
    const { db } = store();
    const id = await line(50 * 30_000);
    const requests: LedgerRequest[] = Array.from({ length: 200 }, (_, i) => ({ op: 'reserve', key: `${id}-approve-${i}`, line: id, caseId: `F-${i}`, amount: 30_000 }));
    const started = performance.now();
    const outcomes = await runConcurrently(store(), requests);
    const ms = performance.now() - started;
    const ok = outcomes.filter((o) => o.ok);
    const refused = outcomes.filter((o) => !o.ok);
    const perWorker = [0, 1, 2, 3].map((w) => ok.filter((o) => (o.worker ?? 0) === w).length);
    console.info(`[${dialect.name}] 200 concurrent reservations: ${ok.length} reserved, ${refused.length} refused, ${ms.toFixed(0)} ms`
      + (dialect.dialect === 'sqlite' ? `; reserved by worker thread: ${perWorker.join(' / ')}` : ''));
    expect(ok).toHaveLength(50);
    expect(refused).toHaveLength(150);
    // The threads really raced: the reservations that won came from more than one connection.
    if (dialect.dialect === 'sqlite') expect(perWorker.filter((count) => count > 0).length).toBeGreaterThan(1);
    expect(new Set(refused.map((o) => !o.ok && `${o.name}/${o.code}`))).toEqual(new Set(['InsufficientBudgetError/insufficient-budget']));
    expect(await getBudgetLine(db, id)).toMatchObject({ available: 0, reserved: 50 * 30_000, allocated: 50 * 30_000 });
    expect(await listMovements(db, { line: id })).toHaveLength(51);
    expect(await verifyLedger(db)).toMatchObject({ ok: true });
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
  });

  it('one key replayed 100 times concurrently → one movement, the same answer each time', async () => {
    const { db } = store();
    const id = await line(1_000_000);
    const requests: LedgerRequest[] = Array.from({ length: 100 }, () => ({ op: 'reserve', key: `${id}-pay-once`, line: id, caseId: 'G-1', amount: 250_000 }));
    const outcomes = await runConcurrently(store(), requests);
    const movements = outcomes.map((o) => (o.ok ? o.movement : o));
    expect(outcomes.every((o) => o.ok), JSON.stringify(outcomes.find((o) => !o.ok))).toBe(true);
    expect(new Set(movements.map((m) => 'id' in m && m.id)).size).toBe(1);
    expect(movements.filter((m) => 'replayed' in m && !m.replayed)).toHaveLength(1);
    expect(await listMovements(db, { line: id })).toHaveLength(2);
    expect(await getBudgetLine(db, id)).toMatchObject({ available: 750_000, reserved: 250_000 });
    // Concurrently, disbursement replayed 100 times pays once.
    const payouts = await runConcurrently(store(), Array.from({ length: 100 }, () => ({ op: 'disburse' as const, key: `${id}-payout`, line: id, caseId: 'G-1' })));
    expect(payouts.every((o) => o.ok && o.movement.amount === 250_000)).toBe(true);
    expect(await getBudgetLine(db, id)).toMatchObject({ available: 750_000, reserved: 0, disbursed: 250_000 });
    expect(await verifyLedger(db)).toMatchObject({ ok: true });
  });

  it('verifyLedger names a line whose balances were edited behind the ledger\'s back', async () => {
    const { db } = store();
    const id = await line(1000);
    // Still conserved and non-negative, so the CHECK constraints let it through; only the entries tell.
    await db.updateTable('budget_lines').set({ allocated_yuan: 1500, available_yuan: 1500 }).where('id', '=', id).execute();
    const report = await verifyLedger(db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(expect.arrayContaining([
      `line ${id}: appropriation is 1500 yuan but its entries give 1000 yuan`,
      `line ${id}: available is 1500 yuan but its entries give 1000 yuan`,
    ]));
    await db.updateTable('budget_lines').set({ allocated_yuan: 1000, available_yuan: 1000 }).where('id', '=', id).execute();
    expect(await verifyLedger(db)).toMatchObject({ ok: true });
  });

  it('LedgerError is the base of every refusal', () => {
    expect(new InsufficientBudgetError('L', 2, 1)).toBeInstanceOf(LedgerError);
    expect(new InsufficientReservationError('L', 'C', 2, 1)).toBeInstanceOf(LedgerError);
  });
});
