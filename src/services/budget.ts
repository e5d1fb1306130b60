// Budget lines (预算指标) as finance manages them: seeded from the pack's budgets, created per provision,
// funded by allocations; and the reservations cases hold on them. Money moves only through ledger.ts.
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import { writeTransaction } from '../store/database.ts';
import { actorLabel, SYSTEM_ACTOR, type Actor } from './actor.ts';
import { forbidden, invalid, notFound } from './errors.ts';
import {
  allocate, createBudgetLine, getBudgetLine, listBudgetLines, listMovements, type BudgetLine, type Movement,
} from './ledger.ts';
import { beneficiaryFacts, provisionOf } from './money-views.ts';
import type { BudgetLineView, MovementView, ReservationView } from './delivery-views.ts';

export type { BudgetLineView, MovementView, ReservationView } from './delivery-views.ts';

export const budgetLineView = (l: BudgetLine): BudgetLineView => ({
  id: l.id, year: l.year, label: l.label, pack_budget: l.packBudget, provision: l.provision,
  allocated_yuan: l.allocated, available_yuan: l.available, reserved_yuan: l.reserved, disbursed_yuan: l.disbursed,
});

export const movementView = (m: Movement): MovementView => ({
  id: m.id, key: m.key, operation: m.operation, line: m.line, case_id: m.caseId, amount_yuan: m.amount, at: m.at, actor: m.actor,
});

const mayRead = (actor: Actor) => actor.role === 'finance' || actor.role === 'auditor' || actor.role === 'policy';
function requireRole(actor: Actor, ok: boolean, what: string): void {
  if (!ok) throw forbidden(`a ${actor.role} account may not ${what}`);
}

/** The pack line id of a seeded line: D01 → D01-2025. */
export const seededLineId = (packBudget: string, year: number): string => `${packBudget}-${year}`;

/**
 * One line per budget of a domain or an article (D01…D07): exact and at-least (不少于: the minimum is what
 * is certain) amounts are allocated, unstated ones created empty. The document total (D09, net of overlaps)
 * and shares of spending (D08) are not lines money can be drawn from. Idempotent: a repeat moves nothing.
 */
export async function seedBudgetLinesFromPack(db: Db, pack: Pack, actor: Actor = SYSTEM_ACTOR): Promise<BudgetLineView[]> {
  const year = Number(pack.meta.validity.from.slice(0, 4));
  const seeded: BudgetLineView[] = [];
  for (const budget of pack.budgets) {
    if (budget.section.kind === 'document' || budget.kind === 'share') continue;
    const id = seededLineId(budget.id, year);
    await writeTransaction(db, async (trx) => {
      if (!(await getBudgetLine(trx, id))) {
        await createBudgetLine(trx, { id, year, label: budget.label.zh, packBudget: budget.id, actor: actorLabel(actor) });
      }
      if ((budget.kind === 'exact' || budget.kind === 'at-least') && budget.amount_yuan !== undefined) {
        await allocate(trx, { key: `seed:${id}`, actor: actorLabel(actor), line: id, amount: budget.amount_yuan });
      }
    });
    const line = await getBudgetLine(db, id);
    if (line) seeded.push(budgetLineView(line));
  }
  return seeded;
}

export async function listLines(db: Db, actor: Actor, year?: number): Promise<BudgetLineView[]> {
  requireRole(actor, mayRead(actor), 'read budget lines');
  return (await listBudgetLines(db, { year })).map(budgetLineView);
}

export interface NewLineInput {
  id: string;
  year: number;
  label: string;
  provision?: string;
  pack_budget?: string;
}

/** A finance-created line, usually for one provision and year: cases of that provision draw on it first. */
export async function createLine(db: Db, pack: Pack, actor: Actor, input: NewLineInput): Promise<BudgetLineView> {
  requireRole(actor, actor.role === 'finance', 'create budget lines');
  if (!/^[\w.:-]{2,100}$/.test(input.id)) throw invalid('id must be 2–100 letters, digits, - _ . or :', [{ path: 'body.id', message: 'invalid id' }]);
  if (input.provision !== undefined && !provisionOf(pack, input.provision)) {
    throw invalid(`provision ${input.provision} is not in the pack`, [{ path: 'body.provision', message: 'unknown provision' }]);
  }
  if (input.pack_budget !== undefined && !pack.budgets.some((b) => b.id === input.pack_budget)) {
    throw invalid(`pack budget ${input.pack_budget} is not in the pack`, [{ path: 'body.pack_budget', message: 'unknown pack budget' }]);
  }
  const line = await createBudgetLine(db, {
    id: input.id, year: input.year, label: input.label, provision: input.provision, packBudget: input.pack_budget, actor: actorLabel(actor),
  });
  return budgetLineView(line);
}

/** Funds a line; key is the caller's idempotency key, scoped to the account so two people's keys never meet. */
export async function allocateToLine(db: Db, actor: Actor, lineId: string, amount: number, key: string): Promise<{ line: BudgetLineView; movement: MovementView }> {
  requireRole(actor, actor.role === 'finance', 'allocate budget');
  return writeTransaction(db, async (trx) => {
    if (!(await getBudgetLine(trx, lineId))) throw notFound(`budget line ${lineId}`);
    const movement = await allocate(trx, { key: `allocate:${actor.id}:${key}`, actor: actorLabel(actor), line: lineId, amount });
    const line = await getBudgetLine(trx, lineId);
    if (!line) throw notFound(`budget line ${lineId}`);
    return { line: budgetLineView(line), movement: movementView(movement) };
  });
}

export async function lineMovements(db: Db, actor: Actor, lineId: string): Promise<MovementView[]> {
  requireRole(actor, actor.role === 'finance' || actor.role === 'auditor', 'read ledger movements');
  if (!(await getBudgetLine(db, lineId))) throw notFound(`budget line ${lineId}`);
  return (await listMovements(db, { line: lineId })).map(movementView);
}

/** What each case holds on its line (reserved, disbursed), from the ledger entries. */
export async function listReservations(db: Db, actor: Actor, line?: string): Promise<ReservationView[]> {
  requireRole(actor, actor.role === 'finance' || actor.role === 'auditor', 'read reservations');
  let query = db.selectFrom('ledger_entries')
    .select(['line_id', 'case_id', 'account', (eb) => eb.fn.sum<number>('debit_yuan').as('debits'), (eb) => eb.fn.sum<number>('credit_yuan').as('credits')])
    .where('case_id', 'is not', null).where('account', 'in', ['reserved', 'disbursed'])
    .groupBy(['line_id', 'case_id', 'account']);
  if (line !== undefined) query = query.where('line_id', '=', line);
  const sums = await query.execute();
  const byCase = new Map<string, { line: string; caseId: string; reserved: number; disbursed: number }>();
  for (const s of sums) {
    const caseId = s.case_id as string;
    const key = `${s.line_id}\u0000${caseId}`;
    const entry = byCase.get(key) ?? { line: s.line_id, caseId, reserved: 0, disbursed: 0 };
    const net = Number(s.debits ?? 0) - Number(s.credits ?? 0);
    if (s.account === 'reserved') entry.reserved = net;
    else entry.disbursed = net;
    byCase.set(key, entry);
  }
  const ids = [...new Set([...byCase.values()].map((e) => e.caseId))];
  if (ids.length === 0) return [];
  const apps = await db.selectFrom('applications').select(['id', 'credit_code', 'provision', 'status']).where('id', 'in', ids).execute();
  const appById = new Map(apps.map((a) => [a.id, a]));
  const names = await beneficiaryFacts(db, apps.map((a) => a.credit_code));
  return [...byCase.values()].sort((a, b) => a.line.localeCompare(b.line) || a.caseId.localeCompare(b.caseId)).map((e) => {
    const app = appById.get(e.caseId);
    return {
      application_id: e.caseId, beneficiary_name: app ? names.get(app.credit_code)?.name ?? app.credit_code : '',
      provision: app?.provision ?? '', line: e.line, reserved_yuan: e.reserved, disbursed_yuan: e.disbursed, status: app?.status ?? 'unknown',
    };
  });
}
