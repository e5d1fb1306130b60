// entitlements (免申即享 offers made by an official list's import), inbox_messages (what the enterprise is
// told), mail_outbox (e-mails sent after commit).
import type { Generated, Selectable } from 'kysely';

export const ENTITLEMENT_STATUSES = ['offered', 'confirmed', 'declined', 'lapsed'] as const;
export type EntitlementStatus = (typeof ENTITLEMENT_STATUSES)[number];

export interface EntitlementsTable {
  id: string;
  credit_code: string;
  provision: string;
  department: string;
  year: number;
  /** The event key an application of the same event has: one event pays once across both paths. */
  event_key: string;
  event_ref: string;
  import_id: string;
  engine_status: string;
  engine_amount_yuan: number | null;
  engine_amount_kind: string | null;
  status: EntitlementStatus;
  /** The application created at confirmation. */
  application_id: string | null;
  /** Why it was declined or lapsed. */
  reason: string | null;
  /** The 信用承诺 text accepted at confirmation. */
  pledge: string | null;
  created_at: string;
  updated_at: string;
  decided_at: string | null;
  confirmed_by: string | null;
  version: Generated<number>;
}

export interface InboxMessagesTable {
  id: Generated<number>;
  credit_code: string;
  kind: 'entitlement' | 'newly-eligible';
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

export interface MailOutboxTable {
  id: Generated<number>;
  recipient: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export type EntitlementRow = Selectable<EntitlementsTable>;
export type InboxMessageRow = Selectable<InboxMessagesTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;
