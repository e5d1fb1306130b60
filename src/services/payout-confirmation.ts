// Applying the bank's confirmation to a batch. Every line must match an item of the batch (by 序号 or
// 业务编号, and by account and amount) before anything is applied: a mismatch is a 400 naming the line and
// nothing moves. 成功: the case's reservation is disbursed (ledger key pay:<application id>) and the case
// becomes paid; 失败: the item fails and the case stays payable, free to join another batch. A repeat of
// the same confirmation moves nothing: items already settled the same way are skipped.
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import { actorLabel, type Actor } from './actor.ts';
import { lockApplication, transition } from './application-state.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound } from './errors.ts';
import { disburse } from './ledger.ts';
import { parseConfirmation, type ConfirmationLine } from './payout-files.ts';
import { batchItems, batchView, type PayoutBatchView } from './payouts.ts';

export interface ConfirmationResult {
  batch: PayoutBatchView;
  /** Cases paid by this upload (not those paid before). */
  paid: string[];
  failed: string[];
  /** Lines that repeat what an earlier confirmation already applied. */
  unchanged: string[];
}

export async function applyConfirmation(db: Db, actor: Actor, batchId: string, file: Buffer): Promise<ConfirmationResult> {
  if (actor.role !== 'finance') throw forbidden('only finance applies bank confirmations');
  const lines = await parseConfirmation(file);
  const outcome = await writeTransaction(db, async (trx) => {
    const batch = await forUpdate(trx, trx.selectFrom('payout_batches').selectAll().where('id', '=', batchId)).executeTakeFirst();
    if (!batch) throw notFound(`payout batch ${batchId}`);
    const details = await batchItems(trx, batchId);
    const matched = new Map<number, { line: ConfirmationLine; detail: (typeof details)[number] }>();
    for (const line of lines) {
      const problem = (message: string) => invalid(`confirmation line ${line.line}: ${message}; nothing was applied`, [{ path: `file.line.${line.line}`, message }]);
      const detail = line.applicationId !== null
        ? details.find((d) => d.application.id === line.applicationId)
        : details[(line.sequence ?? 0) - 1];
      if (!detail) throw problem(`${line.applicationId !== null ? `业务编号 ${line.applicationId}` : `序号 ${line.sequence}`} is not an item of batch ${batchId}`);
      if (line.applicationId !== null && line.sequence !== null && details[line.sequence - 1] !== detail) throw problem(`序号 ${line.sequence} and 业务编号 ${line.applicationId} name different items`);
      if ((detail.bankAccount ?? '').replace(/\s/g, '') !== line.account) throw problem(`收款人账号 ${line.account} is not the account of item ${detail.application.id}`);
      if (detail.item.amount_yuan !== line.amount) throw problem(`金额 ${line.amount} differs from the item's ${detail.item.amount_yuan} yuan`);
      if (matched.has(detail.item.id)) throw problem(`item ${detail.application.id} is confirmed twice (also line ${matched.get(detail.item.id)?.line.line})`);
      if (detail.item.status === 'paid' && !line.paid) throw problem(`item ${detail.application.id} was already confirmed paid`);
      if (detail.item.status === 'failed' && line.paid) throw problem(`item ${detail.application.id} was already confirmed failed; pay it in a new batch`);
      matched.set(detail.item.id, { line, detail });
    }

    const paid: string[] = [];
    const failed: string[] = [];
    const unchanged: string[] = [];
    const settledAt = new Date().toISOString();
    for (const { line, detail } of matched.values()) {
      const { item, application } = detail;
      if (item.status !== 'pending') {
        unchanged.push(application.id);
        continue;
      }
      if (line.paid) {
        // Lock order: the case, then its budget line (disburse), then the audit head (transition).
        const row = await lockApplication(trx, application.id);
        if (row.status !== 'payable') throw conflict(`application ${row.id} is ${row.status}, not payable`);
        if (!row.budget_line) throw conflict(`application ${row.id} has no budget line to pay from`);
        await disburse(trx, { key: `pay:${row.id}`, actor: actorLabel(actor), line: row.budget_line, caseId: row.id, amount: item.amount_yuan });
        await transition(trx, {
          id: row.id, to: 'paid', actor, note: `支付批次 ${batchId}，银行流水号 ${line.bankReference ?? '—'}`, patch: { paid_at: settledAt, payer_id: actor.id },
        });
        await trx.updateTable('payout_items').set({ status: 'paid', bank_reference: line.bankReference, settled_at: settledAt }).where('id', '=', item.id).execute();
        paid.push(row.id);
      } else {
        await trx.updateTable('payout_items').set({ status: 'failed', bank_reference: line.bankReference, settled_at: settledAt, failure_reason: `银行回单：支付失败（第 ${line.line} 行）` })
          .where('id', '=', item.id).execute();
        failed.push(application.id);
      }
    }
    const pending = await trx.selectFrom('payout_items').select('id').where('batch_id', '=', batchId).where('status', '=', 'pending').executeTakeFirst();
    if (!pending && batch.status !== 'settled') await trx.updateTable('payout_batches').set({ status: 'settled' }).where('id', '=', batchId).execute();
    if (paid.length > 0 || failed.length > 0) {
      await appendAudit(trx, {
        actor: actorLabel(actor), action: 'payout.confirmation', subject: `payout-batch:${batchId}`,
        before: { status: batch.status }, after: { status: pending ? batch.status : 'settled', paid, failed },
      });
    }
    return { paid, failed, unchanged };
  });
  return { batch: await batchView(db, actor, batchId), ...outcome };
}
