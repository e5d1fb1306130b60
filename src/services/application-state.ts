// The life of an application (申报 → 兑现), one state machine for every path (API, CLI, import, notice
// closing, payout):
//
//   draft ──submit──▶ submitted ──approve──▶ approved ──publish notice──▶ in-notice ──notice ends──▶ payable ──pay──▶ paid
//     │                 │  ▲  │                                              │
//     │              return resubmit reject                           objection upheld
//     │                 ▼  │  ▼                                              ▼
//     │               returned  rejected                                  rejected (reservation released)
//     └── withdraw (from draft, submitted or returned) ──▶ withdrawn
//
// transition() is the only writer of applications.status: it locks the row, refuses a move the machine does
// not allow (or a stale version), writes the timeline event and the audit record, in the caller's transaction.
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import type { ApplicationRow, ApplicationStatus, ApplicationsTable } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { appendAudit } from './audit.ts';
import { conflict, notFound } from './errors.ts';

export const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['returned', 'approved', 'rejected', 'withdrawn'],
  returned: ['submitted', 'withdrawn'],
  approved: ['in-notice', 'rejected'],
  'in-notice': ['payable', 'rejected'],
  payable: ['paid'],
  rejected: [],
  withdrawn: [],
  paid: [],
};

/** Statuses in which budget is reserved for the case. */
export const RESERVED_STATUSES: ReadonlySet<ApplicationStatus> = new Set(['approved', 'in-notice', 'payable']);
/** Statuses that no longer hold the case's event key (the event may be applied for again). */
export const CLOSED_STATUS_LIST = ['rejected', 'withdrawn'] as const satisfies readonly ApplicationStatus[];
export const CLOSED_STATUSES: ReadonlySet<ApplicationStatus> = new Set(CLOSED_STATUS_LIST);

export const canTransition = (from: ApplicationStatus, to: ApplicationStatus): boolean => TRANSITIONS[from].includes(to);

/** Columns a transition may set besides status (never the identity columns). */
export type ApplicationPatch = Partial<Pick<ApplicationsTable,
  'requested_yuan' | 'engine_status' | 'engine_amount_yuan' | 'engine_amount_kind' | 'granted_yuan' | 'budget_line' | 'reviewer_id'
  | 'payer_id' | 'reason' | 'notice_id' | 'notice_ends_on' | 'submitted_at' | 'decided_at' | 'paid_at'>>;

export async function lockApplication(trx: Db, id: string): Promise<ApplicationRow> {
  const row = await forUpdate(trx, trx.selectFrom('applications').selectAll().where('id', '=', id)).executeTakeFirst();
  if (!row) throw notFound(`application ${id}`);
  return row;
}

export interface TransitionRequest {
  id: string;
  to: ApplicationStatus;
  actor: Actor;
  /** Reason or remark shown in the timeline. */
  note?: string;
  patch?: ApplicationPatch;
  /** Refuse when the row's version differs (the client acted on a stale view). */
  expectedVersion?: number;
  /** Called with the locked row before the move, inside the transaction: throw to refuse. */
  check?: (row: ApplicationRow, trx: Db) => Promise<void> | void;
}

/** Moves a case to a new status, in the caller's transaction when there is one. Returns the updated row. */
export function transition(db: Db, request: TransitionRequest): Promise<ApplicationRow> {
  return writeTransaction(db, async (trx) => {
    const row = await lockApplication(trx, request.id);
    if (request.expectedVersion !== undefined && row.version !== request.expectedVersion) {
      throw conflict(`application ${row.id} changed since you saw it (version ${row.version}, you had ${request.expectedVersion}): reload it`);
    }
    if (!canTransition(row.status, request.to)) {
      throw conflict(`application ${row.id} is ${row.status}: it cannot become ${request.to} (allowed: ${TRANSITIONS[row.status].join(', ') || 'none, it is closed'})`);
    }
    await request.check?.(row, trx);
    const at = new Date().toISOString();
    const updated = await trx.updateTable('applications')
      .set({ ...request.patch, status: request.to, updated_at: at, version: row.version + 1 })
      .where('id', '=', row.id).where('version', '=', row.version)
      .returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('application_events').values({
      application_id: row.id, at, actor: actorLabel(request.actor), from_status: row.status, to_status: request.to, note: request.note ?? null,
    }).execute();
    await appendAudit(trx, {
      actor: actorLabel(request.actor), action: `application.${request.to}`, subject: `application:${row.id}`,
      before: { status: row.status, version: row.version, ...pick(row, request.patch) },
      after: { status: request.to, version: updated.version, ...pick(updated, request.patch) },
    });
    return updated;
  });
}

function pick(row: ApplicationRow, patch: ApplicationPatch | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(patch ?? {}) as (keyof ApplicationPatch)[]) out[key] = row[key];
  return out;
}
