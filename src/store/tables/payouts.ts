// notices (公示) and objections; payout batches and their items; parameter settings; idempotent answers.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface NoticesTable {
  id: string;
  title: string;
  department: string;
  published_at: string;
  /** YYYY-MM-DD, the first and last day of the notice period (working days). */
  starts_on: string;
  ends_on: string;
  published_by: string;
}

export interface ObjectionsTable {
  id: string;
  application_id: string;
  notice_id: string;
  at: string;
  objector: string;
  contact: string | null;
  text: string;
  status: 'open' | 'upheld' | 'dismissed';
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
}

export interface PayoutBatchesTable {
  id: string;
  idempotency_key: string;
  created_at: string;
  created_by: string;
  status: 'open' | 'exported' | 'settled';
  total_yuan: number;
  item_count: number;
}

export interface PayoutItemsTable {
  id: Generated<number>;
  batch_id: string;
  application_id: string;
  amount_yuan: number;
  status: 'pending' | 'paid' | 'failed';
  bank_reference: string | null;
  settled_at: string | null;
  failure_reason: string | null;
}

export interface ParameterSettingsTable {
  id: Generated<number>;
  edition: string;
  parameter: string;
  value: number;
  /** YYYY-MM-DD */
  effective_from: string;
  effective_to: string | null;
  /** The implementing document (实施细则) that sets the value. */
  document: string;
  set_by: string;
  set_at: string;
}

export interface IdempotentRequestsTable {
  key: string;
  account_id: string;
  route: string;
  request_hash: string;
  status_code: number;
  response: string;
  at: string;
}

export type NoticeRow = Selectable<NoticesTable>;
export type ObjectionRow = Selectable<ObjectionsTable>;
export type PayoutBatchRow = Selectable<PayoutBatchesTable>;
export type PayoutItemRow = Selectable<PayoutItemsTable>;
export type NewPayoutItemRow = Insertable<PayoutItemsTable>;
export type ParameterSettingRow = Selectable<ParameterSettingsTable>;
