// The delivery API's JSON as the web app reads it (the contract in the API docs; the route files own
// the zod schemas, the web app only needs the fields it shows).
import type { ProvisionResult } from '../../../src/core/engine/engine.ts';

export type Role = 'enterprise' | 'reviewer' | 'finance' | 'policy' | 'auditor' | 'admin' | 'leader';

export interface Me {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department: string | null;
  credit_code: string | null;
  totp_enabled: boolean;
}

export interface AuthAnswer {
  account: Me;
  csrf_token: string;
  second_factor_required?: boolean;
}

export type ApplicationStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'rejected' | 'withdrawn' | 'in-notice' | 'payable' | 'paid';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Application {
  id: string;
  credit_code: string;
  beneficiary_name: string;
  provision: string;
  provision_title: Bilingual;
  catalogue: string;
  article: number | null;
  department: string;
  year: number;
  event_ref: string;
  status: ApplicationStatus;
  requested_yuan: number | null;
  engine_status: string | null;
  engine_amount_yuan: number | null;
  engine_amount_kind: 'exact' | 'ceiling' | 'floor' | null;
  granted_yuan: number | null;
  budget_line: string | null;
  reason: string | null;
  notice_id: string | null;
  notice_ends_on: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  decided_at: string | null;
  paid_at: string | null;
  version: number;
}

export interface ApplicationEvent {
  at: string;
  actor: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  note: string | null;
}

export interface Decision {
  stage: 'submission' | 'approval';
  at: string;
  pack_edition: string;
  pack_version: string;
  profile_version: number;
  parameters_used: unknown;
  status: string;
  amount_yuan: number | null;
  trace: ProvisionResult['trace'] | null;
}

export interface Evidence {
  id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: string;
  application_id: string | null;
}

export interface Objection {
  id: string;
  application_id: string;
  notice_id?: string;
  at: string;
  objector: string;
  contact?: string | null;
  text: string;
  status: 'open' | 'upheld' | 'dismissed';
  resolution: string | null;
}

export interface ApplicationDetail {
  application: Application;
  events: ApplicationEvent[];
  decisions: Decision[];
  evidence: Evidence[];
  objections: Objection[];
}

export interface ProfileChange {
  version: number;
  fact: string;
  before: unknown;
  after: unknown;
  actor: string;
  at: string;
  evidence_id: string | null;
  note: string | null;
}

export interface Beneficiary {
  credit_code: string;
  name: string;
  profile: Record<string, unknown>;
  version: number;
  bank_name: string | null;
  bank_account_masked: string | null;
  created_at: string;
  updated_at: string;
}

/** GET /beneficiaries/:code/eligibility: the evaluation, each eligible result with its application if any. */
export type EligibilityResult = ProvisionResult & { application_id?: string | null; application_status?: ApplicationStatus | null };
export interface Eligibility {
  edition?: string;
  year: number;
  results: EligibilityResult[];
  totals?: { exact: number; ceilings: number; floors: number; eligible: number };
}

export interface NoticeItem {
  application_id: string;
  beneficiary_name: string;
  credit_code_masked: string;
  provision_title: string | Bilingual;
  catalogue: string;
  amount_yuan: number;
}

export interface Notice {
  id: string;
  title: string;
  department: string;
  published_at: string;
  starts_on: string;
  ends_on: string;
  items: NoticeItem[];
  open_objections: number;
  status?: string;
  objections?: Objection[];
}

export interface BudgetLine {
  id: string;
  year: number;
  label: string;
  pack_budget: string | null;
  provision: string | null;
  allocated_yuan: number;
  available_yuan: number;
  reserved_yuan: number;
  disbursed_yuan: number;
}

export interface Reservation {
  application_id: string;
  beneficiary_name: string;
  provision: string;
  line: string;
  reserved_yuan: number;
  disbursed_yuan: number;
  status: ApplicationStatus;
}

export interface PayoutItem {
  application_id: string;
  beneficiary_name: string;
  credit_code: string;
  bank_name: string | null;
  bank_account: string | null;
  amount_yuan: number;
  status: 'pending' | 'paid' | 'failed';
  bank_reference: string | null;
}

export interface PayoutBatch {
  id: string;
  created_at: string;
  created_by: string;
  status: 'open' | 'exported' | 'settled';
  total_yuan: number;
  item_count: number;
  items: PayoutItem[];
}

/** Titles in the notice may come as a string or bilingual. */
export const titleText = (title: string | Bilingual, isEn: boolean): string => (typeof title === 'string' ? title : isEn ? title.en : title.zh);
