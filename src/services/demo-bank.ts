// Demo mode only: the bank's confirmation file a visitor would otherwise have to make by hand — every pending
// line of the batch paid, in the columns parseConfirmation reads (序号 as in the treasury order). Uploading it
// goes through the real confirmation path.
import type { Db } from '../store/database.ts';
import type { Actor } from './actor.ts';
import { forbidden } from './errors.ts';
import { batchItems, batchRow } from './payouts.ts';

const csvField = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export async function demoBankConfirmationCsv(db: Db, actor: Actor, batchId: string): Promise<string> {
  if (actor.role !== 'finance') throw forbidden('only finance receives the bank\'s confirmation');
  await batchRow(db, actor, batchId);
  const lines = ['序号,业务编号,收款人名称,收款人账号,金额,支付状态,银行流水号'];
  (await batchItems(db, batchId)).forEach((detail, i) => {
    if (detail.item.status !== 'pending') return;
    const row = [String(i + 1), detail.application.id, detail.beneficiaryName, detail.bankAccount ?? '', String(detail.item.amount_yuan), '成功', `DEMO-${batchId.slice(0, 8)}-${i + 1}`];
    lines.push(row.map(csvField).join(','));
  });
  return `${lines.join('\n')}\n`;
}
