// audit_log: every state change and money movement, append-only, hash-chained (SM3); audit_head: the seq
// and hash of the last record, so that records removed from the end of the chain are found too.
import type { Insertable, Selectable } from 'kysely';

export interface AuditLogTable {
  /** 1, 2, 3, … with no gaps. */
  seq: number;
  at: string;
  actor: string;
  /** e.g. ledger.reserve, budget-line.create */
  action: string;
  /** e.g. budget-line:D01-2025 */
  subject: string;
  /** Canonical JSON text, or null (nothing before a creation, nothing after a deletion). */
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  /** Always 1: a single row. */
  id: number;
  seq: number;
  hash: string;
}

export type AuditRecordRow = Selectable<AuditLogTable>;
export type NewAuditRecordRow = Insertable<AuditLogTable>;
export type AuditHeadRow = Selectable<AuditHeadTable>;
