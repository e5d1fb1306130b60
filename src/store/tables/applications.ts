// applications (申报/兑现 cases), their timeline (application_events, append-only), the engine's decisions
// (application_decisions, append-only) and evidence files.
import type { Generated, Insertable, Selectable } from 'kysely';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'in-notice', 'payable', 'paid'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface ApplicationsTable {
  id: string;
  credit_code: string;
  provision: string;
  /** The reviewing department (the provision's). */
  department: string;
  /** Policy year the case belongs to. */
  year: number;
  /** One event pays once: unique among live cases (not rejected / withdrawn). */
  event_key: string;
  /** The applicant's reference of the event (certificate number, contract number, year…). */
  event_ref: string;
  status: ApplicationStatus;
  requested_yuan: number | null;
  /** The engine's answer at the last evaluation. */
  engine_status: string | null;
  engine_amount_yuan: number | null;
  /** exact | ceiling | floor */
  engine_amount_kind: string | null;
  granted_yuan: number | null;
  budget_line: string | null;
  applicant_id: string;
  reviewer_id: string | null;
  payer_id: string | null;
  /** Reason of the last return / rejection. */
  reason: string | null;
  notice_id: string | null;
  notice_ends_on: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  paid_at: string | null;
  /** Optimistic concurrency: +1 per change. */
  version: Generated<number>;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: string;
  at: string;
  actor: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  note: string | null;
}

export interface ApplicationDecisionsTable {
  id: Generated<number>;
  application_id: string;
  stage: 'submission' | 'approval';
  at: string;
  pack_edition: string;
  pack_version: string;
  profile_version: number;
  /** JSON: parameter id → { value, from, source } as the engine used them. */
  parameters_used: string;
  status: string;
  amount_yuan: number | null;
  /** JSON of the engine's trace for this provision. */
  trace: string;
}

export interface EvidenceTable {
  id: string;
  credit_code: string;
  application_id: string | null;
  filename: string;
  /** Sniffed from the content, not taken from the client. */
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
}

export type ApplicationRow = Selectable<ApplicationsTable>;
export type NewApplicationRow = Insertable<ApplicationsTable>;
export type ApplicationEventRow = Selectable<ApplicationEventsTable>;
export type ApplicationDecisionRow = Selectable<ApplicationDecisionsTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
