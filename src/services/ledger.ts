// The budget ledger (预算台账): money of a budget line in whole yuan, double-entry. Four operations move it:
//   allocate  funding a line           debit available            credit appropriation
//   reserve   at approval, for a case  debit reserved (case)      credit available
//   release   rejection / withdrawal   debit available            credit reserved (case)
//   disburse  payment                  debit disbursed (case)     credit reserved (case)
// so for every line appropriation = available + reserved + disbursed, and every movement's debits equal
// its credits. A line's available balance never goes below zero, whatever the concurrency: each movement
// locks its line (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction), decides on the committed
// balance, and the database's CHECK constraints stand behind that decision.
//
// Every movement takes an idempotency key. The key is claimed by inserting the movement under a UNIQUE
// constraint (INSERT … ON CONFLICT DO NOTHING), not by looking first: a concurrent duplicate waits on the
// key until the first commits, then finds it and returns the first answer, moving nothing. A request that
// was refused (insufficient budget…) leaves no trace, so it may be retried under the same key.
import { sql } from 'kysely';
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import type { BudgetLineRow, LedgerAccount, LedgerMovementRow, LedgerOperation } from '../store/tables/index.ts';
import { appendAudit, canonicalJson } from './audit.ts';

export { verifyLedger, type LedgerReport } from './ledger-verify.ts';

export type LedgerErrorCode =
  | 'insufficient-budget' | 'insufficient-reservation' | 'unknown-budget-line' | 'budget-line-exists'
  | 'idempotency-key-reused' | 'invalid-request';

/** A refusal the caller can act on; nothing was moved. */
export class LedgerError extends Error {
  constructor(readonly code: LedgerErrorCode, message: string) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** The line's available balance does not cover the reservation. */
export class InsufficientBudgetError extends LedgerError {
  constructor(readonly line: string, readonly requested: number, readonly available: number) {
    super('insufficient-budget', `insufficient budget on line ${line}: ${requested} yuan requested, ${available} yuan available`);
  }
}

/** Less is reserved for the case than the release or payment asks for. */
export class InsufficientReservationError extends LedgerError {
  constructor(readonly line: string, readonly caseId: string, readonly requested: number, readonly reserved: number) {
    super('insufficient-reservation', `case ${caseId} has ${reserved} yuan reserved on line ${line}${requested > 0 ? `, ${requested} yuan asked` : ': nothing to move'}`);
  }
}

export interface BudgetLine {
  id: string;
  year: number;
  label: string;
  packBudget: string | null;
  provision: string | null;
  createdAt: string;
  createdBy: string;
  allocated: number;
  available: number;
  reserved: number;
  disbursed: number;
}

export interface Movement {
  id: number;
  key: string;
  operation: LedgerOperation;
  line: string;
  caseId: string | null;
  amount: number;
  at: string;
  actor: string;
  /** True when this answer is the first one, returned again for a repeated key. */
  replayed: boolean;
}

const toLine = (r: BudgetLineRow): BudgetLine => ({
  id: r.id, year: r.year, label: r.label, packBudget: r.pack_budget, provision: r.provision, createdAt: r.created_at, createdBy: r.created_by,
  allocated: r.allocated_yuan, available: r.available_yuan, reserved: r.reserved_yuan, disbursed: r.disbursed_yuan,
});

const toMovement = (r: LedgerMovementRow, replayed: boolean): Movement => ({
  id: r.id, key: r.idempotency_key, operation: r.operation, line: r.line_id, caseId: r.case_id, amount: r.amount_yuan, at: r.at, actor: r.actor, replayed,
});

function invalid(message: string): never {
  throw new LedgerError('invalid-request', message);
}
function requireText(value: unknown, what: string, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) invalid(`${what} must be a non-empty string of at most ${max} characters`);
  return value;
}
function requireAmount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) invalid(`amount must be a positive whole number of yuan, got ${String(value)}`);
  return value;
}

export interface NewBudgetLine {
  id: string;
  year: number;
  label: string;
  packBudget?: string;
  provision?: string;
  actor: string;
}

/** Creates an empty line (money arrives by allocate). */
export function createBudgetLine(db: Db, line: NewBudgetLine): Promise<BudgetLine> {
  const id = requireText(line.id, 'line id', 100);
  if (!Number.isInteger(line.year) || line.year < 2000 || line.year > 2100) invalid(`year must be a year, got ${String(line.year)}`);
  const row = {
    id, year: line.year, label: requireText(line.label, 'label', 500), pack_budget: line.packBudget ?? null, provision: line.provision ?? null,
    created_at: new Date().toISOString(), created_by: requireText(line.actor, 'actor'),
  };
  return writeTransaction(db, async (trx) => {
    const created = await trx.insertInto('budget_lines').values(row).onConflict((oc) => oc.column('id').doNothing()).returningAll().executeTakeFirst();
    if (!created) throw new LedgerError('budget-line-exists', `budget line ${id} already exists`);
    const view = toLine(created);
    await appendAudit(trx, { actor: row.created_by, action: 'budget-line.create', subject: `budget-line:${id}`, after: view });
    return view;
  });
}

export async function getBudgetLine(db: Db, id: string): Promise<BudgetLine | undefined> {
  const row = await db.selectFrom('budget_lines').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toLine(row);
}

export async function listBudgetLines(db: Db, options: { year?: number } = {}): Promise<BudgetLine[]> {
  let query = db.selectFrom('budget_lines').selectAll().orderBy('id');
  if (options.year !== undefined) query = query.where('year', '=', options.year);
  return (await query.execute()).map(toLine);
}

/** What a case holds on a line: reserved (not yet paid) and disbursed. */
export async function caseBalance(db: Db, line: string, caseId: string): Promise<{ reserved: number; disbursed: number }> {
  const rows = await db.selectFrom('ledger_entries')
    .select(['account', sql<number>`coalesce(sum(debit_yuan), 0) - coalesce(sum(credit_yuan), 0)`.as('balance')])
    .where('line_id', '=', line).where('case_id', '=', caseId).where('account', 'in', ['reserved', 'disbursed'])
    .groupBy('account').execute();
  const of = (account: LedgerAccount) => rows.find((r) => r.account === account)?.balance ?? 0;
  return { reserved: of('reserved'), disbursed: of('disbursed') };
}

export async function listMovements(db: Db, filter: { line?: string; caseId?: string; limit?: number } = {}): Promise<Movement[]> {
  let query = db.selectFrom('ledger_movements').selectAll().orderBy('id').limit(Math.min(filter.limit ?? 1000, 10_000));
  if (filter.line !== undefined) query = query.where('line_id', '=', filter.line);
  if (filter.caseId !== undefined) query = query.where('case_id', '=', filter.caseId);
  return (await query.execute()).map((r) => toMovement(r, false));
}

interface Request {
  /** The idempotency key: the same key with the same request returns the first answer. */
  key: string;
  actor: string;
  line: string;
}

export const allocate = (db: Db, request: Request & { amount: number }): Promise<Movement> => move(db, 'allocate', request);
export const reserve = (db: Db, request: Request & { caseId: string; amount: number }): Promise<Movement> => move(db, 'reserve', request);
/** Releases amount, or all that is still reserved for the case. */
export const release = (db: Db, request: Request & { caseId: string; amount?: number }): Promise<Movement> => move(db, 'release', request);
/** Pays amount, or all that is reserved for the case. */
export const disburse = (db: Db, request: Request & { caseId: string; amount?: number }): Promise<Movement> => move(db, 'disburse', request);

/** Where each operation moves money from (credit) and to (debit). */
const POSTING: Record<LedgerOperation, { debit: LedgerAccount; credit: LedgerAccount }> = {
  allocate: { debit: 'available', credit: 'appropriation' },
  reserve: { debit: 'reserved', credit: 'available' },
  release: { debit: 'available', credit: 'reserved' },
  disburse: { debit: 'disbursed', credit: 'reserved' },
};
const CASE_ACCOUNTS: ReadonlySet<LedgerAccount> = new Set(['reserved', 'disbursed']);
const LINE_COLUMN = { appropriation: 'allocated', available: 'available', reserved: 'reserved', disbursed: 'disbursed' } as const;

type Balances = Pick<BudgetLine, 'allocated' | 'available' | 'reserved' | 'disbursed'>;
const balancesOf = (line: BudgetLine): Balances => ({ allocated: line.allocated, available: line.available, reserved: line.reserved, disbursed: line.disbursed });

async function move(db: Db, operation: LedgerOperation, input: Request & { caseId?: string; amount?: number }): Promise<Movement> {
  const key = requireText(input.key, 'idempotency key');
  const actor = requireText(input.actor, 'actor');
  const lineId = requireText(input.line, 'line id', 100);
  const caseId = operation === 'allocate' ? null : requireText(input.caseId, 'case id');
  const asked = input.amount === undefined && (operation === 'release' || operation === 'disburse') ? undefined : requireAmount(input.amount);
  // What the caller asked, not what it resolved to: a repeat of "release all" after the release is the same request.
  const request = canonicalJson({ operation, line: lineId, case: caseId, amount: asked ?? null });

  return writeTransaction(db, async (trx) => {
    const locked = await forUpdate(trx, trx.selectFrom('budget_lines').selectAll().where('id', '=', lineId)).executeTakeFirst();
    if (!locked) throw new LedgerError('unknown-budget-line', `no budget line ${lineId}`);
    const line = toLine(locked);
    const held = caseId === null ? undefined : (await caseBalance(trx, lineId, caseId)).reserved;
    const amount = asked ?? held ?? 0;
    if (amount <= 0) {
      // "All that is reserved" is nothing: a repeat of a request that already moved it, or a refusal.
      const prior = await trx.selectFrom('ledger_movements').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
      if (prior) return replay(prior, request);
      throw new InsufficientReservationError(lineId, caseId ?? '', 0, 0);
    }

    const at = new Date().toISOString();
    const claimed = await trx.insertInto('ledger_movements')
      .values({ idempotency_key: key, operation, request, line_id: lineId, case_id: caseId, amount_yuan: amount, at, actor })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returningAll().executeTakeFirst();
    if (!claimed) {
      const prior = await trx.selectFrom('ledger_movements').selectAll().where('idempotency_key', '=', key).executeTakeFirstOrThrow();
      return replay(prior, request);
    }

    // Refusals throw: the transaction rolls back, the claim with it.
    if (operation === 'reserve' && amount > line.available) throw new InsufficientBudgetError(lineId, amount, line.available);
    if ((operation === 'release' || operation === 'disburse') && amount > (held ?? 0)) throw new InsufficientReservationError(lineId, caseId ?? '', amount, held ?? 0);

    const { debit, credit } = POSTING[operation];
    const after: Balances = balancesOf(line);
    after[LINE_COLUMN[debit]] += debit === 'appropriation' ? -amount : amount;
    after[LINE_COLUMN[credit]] += credit === 'appropriation' ? amount : -amount;
    // Balances past 2^53 − 1 yuan would round in JavaScript (and fail the answer's schema after the commit).
    if (Object.values(after).some((v) => !Number.isSafeInteger(v))) invalid(`amount ${amount} would take budget line ${lineId} past ${Number.MAX_SAFE_INTEGER} yuan`);
    const updated = await trx.updateTable('budget_lines')
      .set({ allocated_yuan: after.allocated, available_yuan: after.available, reserved_yuan: after.reserved, disbursed_yuan: after.disbursed })
      .where('id', '=', lineId).where('available_yuan', '=', line.available).where('reserved_yuan', '=', line.reserved)
      .where('disbursed_yuan', '=', line.disbursed).where('allocated_yuan', '=', line.allocated)
      .executeTakeFirst();
    // Cannot happen under the lock; if the locking were ever broken, refuse rather than overwrite.
    if (Number(updated.numUpdatedRows) !== 1) throw new Error(`budget line ${lineId} changed under its lock`);
    await trx.insertInto('ledger_entries').values([
      { movement_id: claimed.id, line_id: lineId, account: debit, case_id: CASE_ACCOUNTS.has(debit) ? caseId : null, debit_yuan: amount, credit_yuan: 0 },
      { movement_id: claimed.id, line_id: lineId, account: credit, case_id: CASE_ACCOUNTS.has(credit) ? caseId : null, debit_yuan: 0, credit_yuan: amount },
    ]).execute();

    const movement = toMovement(claimed, false);
    const caseState = (reserved: number | undefined) => (caseId === null ? undefined : { id: caseId, reserved });
    const heldAfter = held === undefined ? undefined : held + (debit === 'reserved' ? amount : credit === 'reserved' ? -amount : 0);
    await appendAudit(trx, {
      actor, action: `ledger.${operation}`, subject: `budget-line:${lineId}`,
      before: { line: balancesOf(line), case: caseState(held) },
      after: { line: after, case: caseState(heldAfter), movement: { id: movement.id, key, amount } },
    });
    return movement;
  });
}

function replay(prior: LedgerMovementRow, request: string): Movement {
  if (prior.request !== request) {
    throw new LedgerError('idempotency-key-reused', `idempotency key ${prior.idempotency_key} was used for another request (${prior.request})`);
  }
  return toMovement(prior, true);
}
