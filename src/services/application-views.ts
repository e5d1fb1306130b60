// Who sees which case, and the case as the API shows it: the enterprise its own, a reviewer the submitted
// cases of their department, finance the approved ones onwards, the auditor all. Another party's case is
// "not found": the answer does not reveal that it exists.
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import type { ApplicationRow, ApplicationStatus, EvidenceRow } from '../store/tables/index.ts';
import type { Actor } from './actor.ts';
import { creditBlock, creditBlockMessage } from './credit-list.ts';
import type { CaseOrigin } from './entitlement-views.ts';
import { forbidden, notFound } from './errors.ts';
import { listKind } from './list-import-kinds.ts';
import { applicationView, type ApplicationView } from './money-views.ts';
import type { ApplicationDetail, DecisionView, EvidenceView } from './delivery-views.ts';

export type { ApplicationDetail, DecisionView, EvidenceView } from './delivery-views.ts';

export type { ApplicationView } from './money-views.ts';

const FINANCE_STATUSES: readonly ApplicationStatus[] = ['approved', 'in-notice', 'payable', 'paid'];

/** Whether the actor may see the case (the role being one that may read cases at all). */
export function maySeeApplication(actor: Actor, row: Pick<ApplicationRow, 'credit_code' | 'department' | 'status'>): boolean {
  switch (actor.role) {
    case 'enterprise': return actor.creditCode === row.credit_code;
    case 'reviewer': return actor.department === row.department && row.status !== 'draft';
    case 'finance': return FINANCE_STATUSES.includes(row.status);
    case 'auditor': return true;
    default: return false;
  }
}

export function requireCaseReader(actor: Actor): void {
  if (actor.role === 'policy' || actor.role === 'admin') throw forbidden(`a ${actor.role} account may not read applications`);
}

/** The case if the actor may see it; 404 otherwise. */
export async function visibleApplication(db: Db, actor: Actor, id: string): Promise<ApplicationRow> {
  requireCaseReader(actor);
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !maySeeApplication(actor, row)) throw notFound(`application ${id}`);
  return row;
}

export async function viewOf(db: Db, pack: Pack, row: ApplicationRow): Promise<ApplicationView> {
  const beneficiary = await db.selectFrom('beneficiaries').select('name').where('credit_code', '=', row.credit_code).executeTakeFirst();
  const view = applicationView(pack, row, beneficiary?.name ?? row.credit_code);
  // Reviewer and enterprise both see why a case cannot go on while the beneficiary is on a credit list.
  const block = await creditBlock(db, row.credit_code);
  return block ? { ...view, credit_block: { list_name: block.list_name, reason: block.reason, listed_on: block.listed_on, message: creditBlockMessage(row.credit_code, block) } } : view;
}

export interface ApplicationFilter {
  status?: ApplicationStatus;
  provision?: string;
  year?: number;
  limit?: number;
}

export async function listApplications(db: Db, pack: Pack, actor: Actor, filter: ApplicationFilter = {}): Promise<ApplicationView[]> {
  requireCaseReader(actor);
  let query = db.selectFrom('applications').innerJoin('beneficiaries', 'beneficiaries.credit_code', 'applications.credit_code')
    .selectAll('applications').select('beneficiaries.name as beneficiary_name')
    .orderBy('applications.created_at', 'desc').orderBy('applications.id').limit(Math.min(filter.limit ?? 100, 1000));
  if (actor.role === 'enterprise') query = query.where('applications.credit_code', '=', actor.creditCode ?? '');
  if (actor.role === 'reviewer') query = query.where('applications.department', '=', actor.department ?? '').where('applications.status', '<>', 'draft');
  if (actor.role === 'finance') query = query.where('applications.status', 'in', FINANCE_STATUSES);
  if (filter.status) query = query.where('applications.status', '=', filter.status);
  if (filter.provision) query = query.where('applications.provision', '=', filter.provision);
  if (filter.year !== undefined) query = query.where('applications.year', '=', filter.year);
  const rows = await query.execute();
  return rows.map(({ beneficiary_name, ...row }) => applicationView(pack, row, beneficiary_name));
}

export const evidenceView = (r: EvidenceRow): EvidenceView => ({
  id: r.id, filename: r.filename, media_type: r.media_type, size_bytes: Number(r.size_bytes), sha256: r.sha256, uploaded_at: r.uploaded_at, application_id: r.application_id,
});

export async function applicationDetail(db: Db, pack: Pack, actor: Actor, id: string): Promise<ApplicationDetail> {
  const row = await visibleApplication(db, actor, id);
  const [events, decisions, evidence, objections] = await Promise.all([
    db.selectFrom('application_events').select(['at', 'actor', 'from_status', 'to_status', 'note']).where('application_id', '=', id).orderBy('id').execute(),
    db.selectFrom('application_decisions').selectAll().where('application_id', '=', id).orderBy('id').execute(),
    db.selectFrom('evidence').selectAll().where('application_id', '=', id).orderBy('uploaded_at').orderBy('id').execute(),
    db.selectFrom('objections').select(['id', 'notice_id', 'at', 'objector', 'contact', 'text', 'status', 'resolution', 'resolved_at'])
      .where('application_id', '=', id).orderBy('at').execute(),
  ]);
  return {
    application: await viewOf(db, pack, row),
    events,
    decisions: decisions.map((d) => ({
      stage: d.stage, at: d.at, pack_edition: d.pack_edition, pack_version: d.pack_version, profile_version: d.profile_version,
      parameters_used: JSON.parse(d.parameters_used), status: d.status, amount_yuan: d.amount_yuan === null ? null : Number(d.amount_yuan),
      // The stored result holds the trace and what led to it (conditions, amount, missing facts).
      trace: (JSON.parse(d.trace) as { trace?: DecisionView['trace'] }).trace ?? null,
    })),
    evidence: evidence.map(evidenceView),
    objections,
    origin: await caseOrigin(db, id),
  };
}

/** The 免申即享 origin of a case a confirmed entitlement created: the import is its evidence. */
async function caseOrigin(db: Db, applicationId: string): Promise<CaseOrigin | null> {
  const row = await db.selectFrom('entitlements').innerJoin('list_imports', 'list_imports.id', 'entitlements.import_id')
    .select(['entitlements.id', 'list_imports.id as import_id', 'list_imports.kind', 'list_imports.file_name', 'list_imports.imported_at', 'list_imports.imported_by_label'])
    .where('entitlements.application_id', '=', applicationId).executeTakeFirst();
  if (!row) return null;
  return {
    kind: 'entitlement', entitlement_id: row.id,
    import: { id: row.import_id, title: listKind(row.kind).title, file_name: row.file_name, imported_at: row.imported_at, imported_by: row.imported_by_label },
  };
}
