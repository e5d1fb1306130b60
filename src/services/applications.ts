// Applications (申报): the enterprise opens a draft for a provision and year — facts and amount come from
// its stored profile and the engine, nothing is typed twice — and submits it; the reviewer of the
// provision's department returns, rejects or approves it (approval: application-approval.ts). Every status
// change goes through transition() (timeline + audit); the engine's answer at submission is kept.
import { randomUUID } from 'node:crypto';
import type { Pack, PackProvision } from '../core/pack.ts';
import { writeTransaction, type Db } from '../store/database.ts';
import type { ApplicationRow, ApplicationStatus } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { CLOSED_STATUS_LIST, lockApplication, transition } from './application-state.ts';
import { enginePatch, evaluateCase, recordDecision, refusalReasons, SUBMITTABLE } from './application-engine.ts';
import { viewOf, visibleApplication, type ApplicationView } from './application-views.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound } from './errors.ts';
import type { Calculator } from './evaluation.ts';

export interface CaseContext {
  pack: Pack;
  calculator: Calculator;
}

export function packProvision(pack: Pack, id: string): PackProvision {
  const provision = pack.provisions.find((p) => p.id === id);
  if (!provision) throw invalid(`provision ${id} is not a provision of ${pack.meta.edition}`, [{ path: 'provision', message: 'unknown provision' }]);
  return provision;
}

/** The event reference when none is given: one-off events happen once, annual ones once a year. */
export function defaultEventRef(provision: PackProvision, year: number, given: string | undefined): string {
  const ref = given?.trim();
  if (ref) return ref;
  if (provision.frequency === 'one-off') return 'once';
  if (provision.frequency === 'annual') return String(year);
  throw invalid(`provision ${provision.id} pays per event (${provision.event}): event_ref is required`, [{ path: 'event_ref', message: 'required for a per-event provision' }]);
}

/**
 * What makes one event: beneficiary, provision group and event reference. Mutually exclusive provisions
 * (E01: 新认定 / 复审 高企) share a group, so one event cannot be paid by both.
 */
export function eventKey(provision: PackProvision, creditCode: string, eventRef: string): string {
  const group = provision.excludes.length > 0 ? [provision.id, ...provision.excludes].sort().join('+') : provision.id;
  return `${creditCode}|${group}|${eventRef}`;
}

/** The live case (not rejected or withdrawn) that holds an event, if any: one event pays once. */
export async function liveCaseOfEvent(db: Db, key: string): Promise<{ id: string; status: ApplicationStatus } | undefined> {
  return db.selectFrom('applications').select(['id', 'status']).where('event_key', '=', key).where('status', 'not in', CLOSED_STATUS_LIST).executeTakeFirst();
}

/** A unique-index violation, as SQLite and PostgreSQL report it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || (typeof e?.message === 'string' && /UNIQUE constraint failed/.test(e.message));
}

export interface NewApplicationInput {
  provision: string;
  year: number;
  event_ref?: string;
  requested_yuan?: number;
}

export async function createApplication(db: Db, context: CaseContext, actor: Actor, input: NewApplicationInput): Promise<ApplicationView> {
  if (actor.role !== 'enterprise' || !actor.creditCode) throw forbidden(`a ${actor.role} account may not apply: the enterprise does`);
  const provision = packProvision(context.pack, input.provision);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw invalid('year must be a policy year', [{ path: 'year', message: 'not a year' }]);
  if (input.requested_yuan !== undefined && (!Number.isSafeInteger(input.requested_yuan) || input.requested_yuan < 0)) {
    throw invalid('requested_yuan must be a whole number of yuan, 0 or more', [{ path: 'requested_yuan', message: 'not a whole number of yuan' }]);
  }
  const creditCode = actor.creditCode;
  const eventRef = defaultEventRef(provision, input.year, input.event_ref);
  const key = eventKey(provision, creditCode, eventRef);

  return writeTransaction(db, async (trx) => {
    const beneficiary = await trx.selectFrom('beneficiaries').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();
    if (!beneficiary) throw notFound(`beneficiary ${creditCode}`);
    const existing = await liveCaseOfEvent(trx, key);
    if (existing) throw conflict(`this event already has an application (id ${existing.id}): ${provision.id} ${eventRef}`);
    // 免申即享: an official list already entitles the enterprise to this event; applying would pay it twice.
    const offered = await trx.selectFrom('entitlements').select('id').where('event_key', '=', key).where('status', '=', 'offered').executeTakeFirst();
    if (offered) throw conflict(`entitlement ${offered.id} (免申即享) is offered for this event: confirm the entitlement instead of applying (${provision.id} ${eventRef})`);
    // The engine's answer now, so the draft shows what to expect; submission evaluates again and keeps it.
    const { result } = await evaluateCase(trx, context.calculator, beneficiary, provision.id, input.year);
    const at = new Date().toISOString();
    const row = {
      id: randomUUID(), credit_code: creditCode, provision: provision.id, department: provision.department, year: input.year,
      event_key: key, event_ref: eventRef, status: 'draft' as const, requested_yuan: input.requested_yuan ?? null, ...enginePatch(result),
      granted_yuan: null, budget_line: null, applicant_id: actor.id, reviewer_id: null, payer_id: null, reason: null,
      notice_id: null, notice_ends_on: null, created_at: at, updated_at: at, submitted_at: null, decided_at: null, paid_at: null,
    };
    let created: ApplicationRow;
    try {
      created = await trx.insertInto('applications').values(row).returningAll().executeTakeFirstOrThrow();
    } catch (error) {
      // A concurrent draft for the same event got in first.
      if (isUniqueViolation(error)) throw conflict(`this event already has an application: ${provision.id} ${eventRef}`);
      throw error;
    }
    await trx.insertInto('application_events').values({ application_id: row.id, at, actor: actorLabel(actor), from_status: null, to_status: 'draft', note: null }).execute();
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'application.draft', subject: `application:${row.id}`,
      after: { status: 'draft', provision: row.provision, year: row.year, event_ref: eventRef, credit_code: creditCode, version: created.version },
    });
    return viewOf(trx, context.pack, created);
  });
}

/** The enterprise's own case: 403 for other roles, 404 for another party's. */
async function ownCase(db: Db, actor: Actor, id: string): Promise<ApplicationRow> {
  if (actor.role !== 'enterprise') throw forbidden(`a ${actor.role} account may not act for the applicant`);
  return visibleApplication(db, actor, id);
}

/** A case of the reviewer's department: 403 for other roles, 404 for another department's. */
export async function reviewersCase(db: Db, actor: Actor, id: string): Promise<ApplicationRow> {
  if (actor.role !== 'reviewer') throw forbidden(`a ${actor.role} account may not review applications`);
  return visibleApplication(db, actor, id);
}

export async function submitApplication(db: Db, context: CaseContext, actor: Actor, id: string, expectedVersion?: number): Promise<ApplicationView> {
  await ownCase(db, actor, id);
  return writeTransaction(db, async (trx) => {
    const row = await lockApplication(trx, id);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw conflict(`application ${id} changed since you saw it (version ${row.version}, you had ${expectedVersion}): reload it`);
    }
    if (row.status !== 'draft' && row.status !== 'returned') throw conflict(`application ${id} is ${row.status}: only a draft or a returned case may be submitted`);
    const beneficiary = await trx.selectFrom('beneficiaries').selectAll().where('credit_code', '=', row.credit_code).executeTakeFirstOrThrow();
    const evaluation = await evaluateCase(trx, context.calculator, beneficiary, row.provision, row.year);
    const { result } = evaluation;
    if (!SUBMITTABLE.has(result.status)) {
      throw conflict(`the engine says ${result.status} for ${row.provision} in ${row.year}: ${refusalReasons(result, row.year)}`);
    }
    const at = new Date().toISOString();
    const updated = await transition(trx, {
      id, to: 'submitted', actor, expectedVersion,
      note: `engine: ${result.status}${result.amount !== undefined ? ` ${result.amount} yuan (${result.amount_kind})` : ''}`,
      patch: { ...enginePatch(result), submitted_at: at },
    });
    await recordDecision(trx, updated, 'submission', evaluation);
    return viewOf(trx, context.pack, updated);
  });
}

function requireReason(reason: string | undefined, what: string): string {
  const text = reason?.trim();
  if (!text) throw invalid(`a ${what} needs a reason`, [{ path: 'reason', message: 'required' }]);
  return text;
}

export async function withdrawApplication(db: Db, context: CaseContext, actor: Actor, id: string, reason?: string): Promise<ApplicationView> {
  await ownCase(db, actor, id);
  const note = reason?.trim() || undefined;
  const updated = await transition(db, { id, to: 'withdrawn', actor, note, patch: { reason: note ?? null } });
  return viewOf(db, context.pack, updated);
}

export async function returnApplication(db: Db, context: CaseContext, actor: Actor, id: string, reason: string): Promise<ApplicationView> {
  await reviewersCase(db, actor, id);
  const note = requireReason(reason, 'return');
  const updated = await transition(db, { id, to: 'returned', actor, note, patch: { reason: note, reviewer_id: actor.id } });
  return viewOf(db, context.pack, updated);
}

export async function rejectApplication(db: Db, context: CaseContext, actor: Actor, id: string, reason: string): Promise<ApplicationView> {
  await reviewersCase(db, actor, id);
  const note = requireReason(reason, 'rejection');
  const updated = await transition(db, {
    id, to: 'rejected', actor, note, patch: { reason: note, reviewer_id: actor.id, decided_at: new Date().toISOString() },
    // Later rejections (an objection upheld) release the reservation; the reviewer rejects before approval only.
    check: (locked) => {
      if (locked.status !== 'submitted') throw conflict(`application ${id} is ${locked.status}: only a submitted case may be rejected by review`);
    },
  });
  return viewOf(db, context.pack, updated);
}
