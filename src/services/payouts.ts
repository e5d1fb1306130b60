// Payout batches (支付批次): finance gathers payable cases into a batch, exports the treasury payment order
// (国库集中支付, payout-files.ts), and applies the bank's confirmation (payout-confirmation.ts). Payer,
// applicant and reviewer are three different people (also a CHECK on applications).
import { randomUUID } from 'node:crypto';
import type { Pack } from '../core/pack.ts';
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import type { ApplicationRow, PayoutBatchRow, PayoutItemRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { appendAudit } from './audit.ts';
import { creditBlock, creditBlockMessage } from './credit-list.ts';
import { conflict, forbidden, invalid, notFound } from './errors.ts';
import { applicationView, beneficiaryFacts, maskBankAccount, type ApplicationView } from './money-views.ts';
import type { PayoutBatchView } from './delivery-views.ts';

export type { PayoutBatchView, PayoutItemView } from './delivery-views.ts';

const mayRead = (actor: Actor) => actor.role === 'finance' || actor.role === 'auditor';

/** Payable cases not in a live batch (pending or paid item). */
async function payableRows(db: Db, ids?: readonly string[]): Promise<ApplicationRow[]> {
  let query = db.selectFrom('applications').selectAll().where('status', '=', 'payable')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('payout_items').select('payout_items.id')
      .whereRef('payout_items.application_id', '=', 'applications.id').where('payout_items.status', '<>', 'failed'))))
    .orderBy('id');
  if (ids) query = query.where('id', 'in', ids);
  return query.execute();
}

export async function listPayable(db: Db, pack: Pack, actor: Actor): Promise<ApplicationView[]> {
  if (actor.role !== 'finance') throw forbidden('only finance lists payable cases');
  const rows = await payableRows(db);
  const facts = await beneficiaryFacts(db, rows.map((r) => r.credit_code));
  return rows.map((r) => applicationView(pack, r, facts.get(r.credit_code)?.name ?? r.credit_code));
}

export interface BuildBatchResult {
  batch: PayoutBatchView;
  /** Payable cases left out, with why (no bank account on file). */
  skipped: { application_id: string; reason: string }[];
}

/**
 * Builds a batch from the payable cases named (or all of them). key: the request's idempotency key, stored
 * on the batch (unique), so the same request can never make two batches. Cases named that are not payable,
 * already in a live batch, or without a bank account are refused (409); unnamed ones without one are skipped.
 */
export async function buildBatch(db: Db, actor: Actor, key: string, applicationIds?: readonly string[]): Promise<BuildBatchResult> {
  if (actor.role !== 'finance') throw forbidden('only finance builds payout batches');
  if (applicationIds && (applicationIds.length === 0 || new Set(applicationIds).size !== applicationIds.length)) {
    throw invalid('application_ids must list distinct cases, at least one', [{ path: 'body.application_ids', message: 'empty or duplicates' }]);
  }
  return writeTransaction(db, async (trx) => {
    const prior = await trx.selectFrom('payout_batches').select('id').where('idempotency_key', '=', `${actor.id}:${key}`).executeTakeFirst();
    if (prior) return { batch: await batchView(trx, actor, prior.id), skipped: [] };
    // Lock the candidates first; then, on a fresh snapshot, see which are already in a live batch: a
    // concurrent builder that took them has committed by the time the lock is ours.
    let query = trx.selectFrom('applications').select('id').where('status', '=', 'payable').orderBy('id');
    if (applicationIds) query = query.where('id', 'in', applicationIds);
    await forUpdate(trx, query).execute();
    const rows = await payableRows(trx, applicationIds);
    if (applicationIds) {
      const found = new Set(rows.map((r) => r.id));
      const missing = applicationIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw conflict(`not payable or already in a live batch: ${missing.join(', ')}`);
    }
    const facts = await beneficiaryFacts(trx, rows.map((r) => r.credit_code));
    const skipped: BuildBatchResult['skipped'] = [];
    const blocks = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.credit_code))) {
      const block = await creditBlock(trx, code);
      if (block) blocks.set(code, creditBlockMessage(code, block));
    }
    const blocked = rows.filter((r) => blocks.has(r.credit_code));
    if (applicationIds && blocked.length > 0) throw conflict(`cannot pay ${blocked.map((r) => `${r.id}: ${blocks.get(r.credit_code)}`).join('; ')}`);
    const chosen = rows.filter((r) => {
      const f = facts.get(r.credit_code);
      const block = blocks.get(r.credit_code);
      if (block) skipped.push({ application_id: r.id, reason: block });
      else if (f?.bank_account && f.bank_name) return true;
      else skipped.push({ application_id: r.id, reason: `beneficiary ${r.credit_code} has no bank name and account on file` });
      return false;
    });
    if (applicationIds && skipped.length > 0) throw conflict(`cannot pay without a bank account: ${skipped.map((s) => s.application_id).join(', ')}`);
    const sameParty = chosen.filter((r) => r.applicant_id === actor.id || r.reviewer_id === actor.id);
    if (sameParty.length > 0) throw conflict(`the payer must be neither the applicant nor the reviewer: ${sameParty.map((r) => r.id).join(', ')}`);
    if (chosen.length === 0) throw conflict('no payable case to put in a batch');

    const batch: PayoutBatchRow = {
      id: `PB-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`, idempotency_key: `${actor.id}:${key}`,
      created_at: new Date().toISOString(), created_by: actor.id, status: 'open',
      total_yuan: chosen.reduce((sum, r) => sum + (r.granted_yuan ?? 0), 0), item_count: chosen.length,
    };
    await trx.insertInto('payout_batches').values(batch).execute();
    await trx.insertInto('payout_items').values(chosen.map((r) => ({
      batch_id: batch.id, application_id: r.id, amount_yuan: r.granted_yuan ?? 0, status: 'pending' as const, bank_reference: null, settled_at: null, failure_reason: null,
    }))).execute();
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'payout.batch', subject: `payout-batch:${batch.id}`,
      after: { ...batch, items: chosen.map((r) => ({ application_id: r.id, amount_yuan: r.granted_yuan })) },
    });
    return { batch: await batchView(trx, actor, batch.id), skipped };
  });
}

export async function batchRow(db: Db, actor: Actor, id: string): Promise<PayoutBatchRow> {
  if (!mayRead(actor)) throw forbidden(`a ${actor.role} account may not read payout batches`);
  const batch = await db.selectFrom('payout_batches').selectAll().where('id', '=', id).executeTakeFirst();
  if (!batch) throw notFound(`payout batch ${id}`);
  return batch;
}

export interface BatchItemDetail {
  item: PayoutItemRow;
  application: ApplicationRow;
  beneficiaryName: string;
  bankName: string | null;
  bankAccount: string | null;
}

/** Items of a batch in their order (序号 = position + 1), with the case and its beneficiary's bank. */
export async function batchItems(db: Db, batchId: string): Promise<BatchItemDetail[]> {
  const items = await db.selectFrom('payout_items').selectAll().where('batch_id', '=', batchId).orderBy('id').execute();
  if (items.length === 0) return [];
  const apps = await db.selectFrom('applications').selectAll().where('id', 'in', items.map((i) => i.application_id)).execute();
  const appById = new Map(apps.map((a) => [a.id, a]));
  const facts = await beneficiaryFacts(db, apps.map((a) => a.credit_code));
  return items.map((item) => {
    const application = appById.get(item.application_id) as ApplicationRow;
    const f = facts.get(application.credit_code);
    return { item, application, beneficiaryName: f?.name ?? application.credit_code, bankName: f?.bank_name ?? null, bankAccount: f?.bank_account ?? null };
  });
}

export async function batchView(db: Db, actor: Actor, id: string): Promise<PayoutBatchView> {
  const batch = await batchRow(db, actor, id);
  const creator = await db.selectFrom('accounts').select('username').where('id', '=', batch.created_by).executeTakeFirst();
  const details = await batchItems(db, id);
  return {
    id: batch.id, created_at: batch.created_at, created_by: creator?.username ?? batch.created_by, status: batch.status,
    total_yuan: batch.total_yuan, item_count: batch.item_count,
    items: details.map((d) => ({
      application_id: d.item.application_id, beneficiary_name: d.beneficiaryName, credit_code: d.application.credit_code, bank_name: d.bankName,
      bank_account: actor.role === 'finance' ? d.bankAccount : maskBankAccount(d.bankAccount),
      amount_yuan: d.item.amount_yuan, status: d.item.status, bank_reference: d.item.bank_reference, settled_at: d.item.settled_at,
      failure_reason: d.item.failure_reason,
    })),
  };
}

export async function listBatches(db: Db, actor: Actor): Promise<PayoutBatchView[]> {
  if (!mayRead(actor)) throw forbidden(`a ${actor.role} account may not read payout batches`);
  const rows = await db.selectFrom('payout_batches').select('id').orderBy('created_at', 'desc').orderBy('id').limit(200).execute();
  const out: PayoutBatchView[] = [];
  for (const r of rows) out.push(await batchView(db, actor, r.id));
  return out;
}
