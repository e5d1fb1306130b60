// Reading entitlements (免申即享) and the enterprise's inbox: the enterprise its own, a reviewer its
// department's, the auditor all; another party's entitlement is "not found".
import type { Pack } from '../core/pack.ts';
import { writeTransaction, type Db } from '../store/database.ts';
import type { EntitlementRow, EntitlementStatus, ListImportRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { evaluateCase } from './application-engine.ts';
import { appendAudit } from './audit.ts';
import type { EntitlementDetail, EntitlementImport, EntitlementView, InboxMessageView } from './entitlement-views.ts';
import { forbidden, notFound } from './errors.ts';
import type { Calculator } from './evaluation.ts';
import { getImport } from './list-import.ts';
import { listKind } from './list-import-kinds.ts';
import { maskBankAccount } from './money-views.ts';

export type { CaseOrigin, EntitlementDetail, EntitlementView, InboxMessageView, OfferReport } from './entitlement-views.ts';

/** The 信用承诺 the enterprise accepts when it confirms (stored with the entitlement). */
export const PLEDGE_TEXT = '本单位郑重承诺：名单所载资质及本单位提供的收款账户等信息真实、准确、完整，本单位符合享受该项政策的条件；'
  + '如有虚假或不符合条件的情形，自愿退回已获资金，并承担相应法律责任，接受依法依规实施的信用惩戒。';

function maySee(actor: Actor, row: Pick<EntitlementRow, 'credit_code' | 'department'>): boolean {
  switch (actor.role) {
    case 'enterprise': return actor.creditCode === row.credit_code;
    case 'reviewer': return actor.department === row.department;
    case 'auditor': return true;
    default: return false;
  }
}

const importOf = (row: Pick<ListImportRow, 'id' | 'kind' | 'file_name' | 'imported_at' | 'imported_by_label'>): EntitlementImport => ({
  id: row.id, title: listKind(row.kind).title, file_name: row.file_name, imported_at: row.imported_at, imported_by: row.imported_by_label,
});

type Joined = EntitlementRow & { beneficiary_name: string; application_status: string | null; kind: string; file_name: string; imported_at: string; imported_by_label: string };

function joined(db: Db) {
  return db.selectFrom('entitlements')
    .innerJoin('beneficiaries', 'beneficiaries.credit_code', 'entitlements.credit_code')
    .innerJoin('list_imports', 'list_imports.id', 'entitlements.import_id')
    .leftJoin('applications', 'applications.id', 'entitlements.application_id')
    .selectAll('entitlements')
    .select(['beneficiaries.name as beneficiary_name', 'applications.status as application_status', 'list_imports.kind', 'list_imports.file_name', 'list_imports.imported_at', 'list_imports.imported_by_label']);
}

function viewOf(pack: Pack, row: Joined): EntitlementView {
  const provision = pack.provisions.find((p) => p.id === row.provision);
  return {
    id: row.id, credit_code: row.credit_code, beneficiary_name: row.beneficiary_name, provision: row.provision,
    provision_title: provision ? { zh: provision.title.zh, en: provision.title.en } : { zh: row.provision, en: row.provision }, quote: provision?.quote ?? '',
    department: row.department, year: row.year, event_ref: row.event_ref, status: row.status, engine_status: row.engine_status,
    amount_yuan: row.engine_amount_yuan === null ? null : Number(row.engine_amount_yuan), amount_kind: row.engine_amount_kind,
    application_id: row.application_id, application_status: row.application_status, reason: row.reason, created_at: row.created_at,
    decided_at: row.decided_at, version: row.version,
    import: importOf({ id: row.import_id, kind: row.kind, file_name: row.file_name, imported_at: row.imported_at, imported_by_label: row.imported_by_label }),
  };
}

export interface EntitlementFilter {
  status?: EntitlementStatus;
  importId?: string;
}

/**
 * The entitlements the actor may see: the enterprise its own, a reviewer its department's, the auditor all;
 * 'operator': all of them (the command line, run by whoever holds the database).
 */
export async function listEntitlements(db: Db, pack: Pack, actor: Actor | 'operator', filter: EntitlementFilter = {}): Promise<EntitlementView[]> {
  if (actor !== 'operator' && !['enterprise', 'reviewer', 'auditor'].includes(actor.role)) throw forbidden(`a ${actor.role} account may not read entitlements`);
  let query = joined(db).orderBy('entitlements.created_at', 'desc').orderBy('entitlements.id').limit(100_000);
  if (actor !== 'operator' && actor.role === 'enterprise') query = query.where('entitlements.credit_code', '=', actor.creditCode ?? '');
  if (actor !== 'operator' && actor.role === 'reviewer') query = query.where('entitlements.department', '=', actor.department ?? '');
  if (filter.status) query = query.where('entitlements.status', '=', filter.status);
  if (filter.importId) query = query.where('entitlements.import_id', '=', filter.importId);
  return (await query.execute()).map((r) => viewOf(pack, r as Joined));
}

/** The entitlements one import offered (the import's readers; a reviewer sees its department's). */
export async function importEntitlements(db: Db, pack: Pack, actor: Actor, importId: string): Promise<EntitlementView[]> {
  await getImport(db, actor, importId);
  let query = joined(db).where('entitlements.import_id', '=', importId).orderBy('entitlements.credit_code').orderBy('entitlements.id');
  if (actor.role === 'reviewer') query = query.where('entitlements.department', '=', actor.department ?? '');
  return (await query.execute()).map((r) => viewOf(pack, r as Joined));
}

export async function visibleEntitlement(db: Db, actor: Actor, id: string): Promise<EntitlementRow> {
  if (!['enterprise', 'reviewer', 'auditor'].includes(actor.role)) throw forbidden(`a ${actor.role} account may not read entitlements`);
  const row = await db.selectFrom('entitlements').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !maySee(actor, row)) throw notFound(`entitlement ${id}`);
  return row;
}

export async function entitlementView(db: Db, pack: Pack, id: string): Promise<EntitlementView> {
  return viewOf(pack, (await joined(db).where('entitlements.id', '=', id).executeTakeFirstOrThrow()) as Joined);
}

/** One entitlement with the engine's answer now (amount and the clause trace) and the payee to prefill. */
export async function entitlementDetail(db: Db, calculator: Calculator, actor: Actor, id: string): Promise<EntitlementDetail> {
  const row = await visibleEntitlement(db, actor, id);
  const view = await entitlementView(db, calculator.pack, id);
  const beneficiary = await db.selectFrom('beneficiaries').selectAll().where('credit_code', '=', row.credit_code).executeTakeFirstOrThrow();
  const result = await evaluateCase(db, calculator, beneficiary, row.provision, row.year).then((e) => e.result, () => null);
  const own = actor.role === 'enterprise';
  return {
    ...view, result, pledge_text: row.pledge ?? PLEDGE_TEXT, bank_name: beneficiary.bank_name,
    bank_account: own ? beneficiary.bank_account : maskBankAccount(beneficiary.bank_account), contact_email: own ? beneficiary.contact_email : null,
  };
}

function ownInbox(actor: Actor): string {
  if (actor.role !== 'enterprise' || !actor.creditCode) throw forbidden(`a ${actor.role} account has no inbox: enterprises do`);
  return actor.creditCode;
}

export async function inbox(db: Db, actor: Actor): Promise<{ messages: InboxMessageView[]; unread: number }> {
  const code = ownInbox(actor);
  const rows = await db.selectFrom('inbox_messages').selectAll().where('credit_code', '=', code).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  const messages = rows.map((r) => ({ id: Number(r.id), kind: r.kind, title: r.title, body: r.body, link: r.link, created_at: r.created_at, read_at: r.read_at }));
  return { messages, unread: messages.filter((m) => m.read_at === null).length };
}

export async function markRead(db: Db, actor: Actor, id: number): Promise<InboxMessageView> {
  const code = ownInbox(actor);
  const row = await db.selectFrom('inbox_messages').selectAll().where('id', '=', id).where('credit_code', '=', code).executeTakeFirst();
  if (!row) throw notFound(`inbox message ${id}`);
  let readAt = row.read_at;
  if (readAt === null) {
    readAt = new Date().toISOString();
    const at = readAt;
    await writeTransaction(db, async (trx) => {
      await trx.updateTable('inbox_messages').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute();
      await appendAudit(trx, { actor: actorLabel(actor), action: 'inbox.read', subject: `inbox:${id}`, after: { read_at: at } });
    });
  }
  return { id: Number(row.id), kind: row.kind, title: row.title, body: row.body, link: row.link, created_at: row.created_at, read_at: readAt };
}
