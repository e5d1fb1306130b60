// The negative credit lists (失信被执行人, 严重失信主体) imported by src/services/list-import.ts: a beneficiary
// on one may not be approved nor paid, and the reason is told to whoever is refused and shown on its cases.
import type { Db } from '../store/database.ts';
import { conflict } from './errors.ts';

export interface CreditBlock {
  list_name: string;
  reason: string;
  listed_on: string;
  import_id: string;
}

/** The latest credit-list entry of the beneficiary, if it is on a list. */
export async function creditBlock(db: Db, code: string): Promise<CreditBlock | undefined> {
  return db.selectFrom('credit_list_entries').select(['list_name', 'reason', 'listed_on', 'import_id'])
    .where('credit_code', '=', code).orderBy('id', 'desc').executeTakeFirst();
}

export const creditBlockMessage = (code: string, block: CreditBlock): string =>
  `${code} is on the credit list ${block.list_name} since ${block.listed_on} (${block.reason}): approval and payout are blocked`;

/** 409 naming the list and the reason when the beneficiary is on a credit list. */
export async function refuseIfBlocked(db: Db, code: string): Promise<void> {
  const block = await creditBlock(db, code);
  if (block) throw conflict(creditBlockMessage(code, block));
}
