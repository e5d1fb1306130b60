// The delivery API's views: the JSON the routes answer with and the web app reads. Types only, importing
// only other type-only modules, so the web app can `import type` them (web/src/delivery/types.ts) and the
// two sides cannot drift apart.
import type { ProvisionResult } from '../core/engine/engine.ts';
import type { Profile } from '../core/profile.ts';
import type { Bilingual, ParameterUnit } from '../core/pack-schema.ts';
import type { ApplicationStatus, AuditRecordRow, Role } from '../store/tables/index.ts';
import type { CaseOrigin } from './entitlement-views.ts';

export type { ApplicationStatus, Role } from '../store/tables/index.ts';

/** The account as its owner and the web app see it. */
export interface AccountView {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department: string | null;
  credit_code: string | null;
  totp_enabled: boolean;
}

/** The account as the administrator's list shows it. */
export interface AdminAccountView extends AccountView {
  disabled: boolean;
  locked_until: string | null;
  created_at: string;
}

/** A case with its provision's titles from the pack and its beneficiary's name. */
export interface ApplicationView {
  id: string;
  credit_code: string;
  beneficiary_name: string;
  provision: string;
  provision_title: { zh: string; en: string };
  catalogue: string | null;
  /** 第（一）条 when the provision is stated in an article. */
  article: string | null;
  department: string;
  year: number;
  event_ref: string;
  status: ApplicationStatus;
  requested_yuan: number | null;
  engine_status: string | null;
  engine_amount_yuan: number | null;
  engine_amount_kind: string | null;
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
  /** Present while the beneficiary is on a credit list (失信): approval and payout are refused. */
  credit_block?: { list_name: string; reason: string; listed_on: string; message: string };
}

export interface ApplicationEventView {
  at: string;
  actor: string;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  note: string | null;
}

export interface EvidenceView {
  id: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: string;
  application_id: string | null;
}

/** The engine's decision stored at submission and at approval, with the versions it used. */
export interface DecisionView {
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

export type ObjectionStatus = 'open' | 'upheld' | 'dismissed';

/** An objection as the case's parties see it (with the text and the objector's contact). */
export interface CaseObjectionView {
  id: string;
  notice_id: string;
  at: string;
  objector: string;
  contact: string | null;
  text: string;
  status: ObjectionStatus;
  resolution: string | null;
  resolved_at: string | null;
}

export interface ApplicationDetail {
  application: ApplicationView;
  events: ApplicationEventView[];
  decisions: DecisionView[];
  evidence: EvidenceView[];
  objections: CaseObjectionView[];
  /** 免申即享: the entitlement and the list import the case comes from (null: the enterprise applied). */
  origin: CaseOrigin | null;
}

/** An objection as filing and resolving answer it (no text or contact). */
export interface ObjectionView {
  id: string;
  notice_id: string;
  application_id: string;
  at: string;
  objector: string;
  status: ObjectionStatus;
  resolution: string | null;
  resolved_at: string | null;
}

export interface BeneficiaryView {
  credit_code: string;
  name: string;
  profile: Profile;
  version: number;
  bank_name: string | null;
  bank_account_masked: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProfileChangeView {
  version: number;
  fact: string;
  before: unknown;
  after: unknown;
  actor: string;
  at: string;
  evidence_id: string | null;
  note: string | null;
}

export interface NoticeItemView {
  application_id: string;
  beneficiary_name: string;
  credit_code_masked: string;
  provision_title: string;
  catalogue: string | null;
  amount_yuan: number;
  /** in-notice, payable, paid, or rejected when an objection was upheld. */
  status: ApplicationStatus;
  open_objections: number;
}

export interface NoticeView {
  id: string;
  title: string;
  department: string;
  published_at: string;
  starts_on: string;
  ends_on: string;
  items: NoticeItemView[];
  open_objections: number;
}

export interface BudgetLineView {
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

export interface MovementView {
  id: number;
  key: string;
  operation: string;
  line: string;
  case_id: string | null;
  amount_yuan: number;
  at: string;
  actor: string;
}

/** What a case holds on its line (reserved, disbursed), from the ledger entries. */
export interface ReservationView {
  application_id: string;
  beneficiary_name: string;
  provision: string;
  line: string;
  reserved_yuan: number;
  disbursed_yuan: number;
  /** unknown: a ledger entry whose case is not in this store (never expected; shown rather than hidden). */
  status: ApplicationStatus | 'unknown';
}

export interface PayoutItemView {
  application_id: string;
  beneficiary_name: string;
  credit_code: string;
  bank_name: string | null;
  /** In full for finance; masked for everyone else. */
  bank_account: string | null;
  amount_yuan: number;
  status: 'pending' | 'paid' | 'failed';
  bank_reference: string | null;
  settled_at: string | null;
  failure_reason: string | null;
}

export interface PayoutBatchView {
  id: string;
  created_at: string;
  created_by: string;
  status: 'open' | 'exported' | 'settled';
  total_yuan: number;
  item_count: number;
  items: PayoutItemView[];
}

export interface ParameterValueView { from: string; to: string | null; value: number | null; source: string }
export interface ParameterSettingView {
  id: number; parameter: string; value: number; effective_from: string; effective_to: string | null; document: string; set_by: string; set_at: string;
}
export interface ParameterView {
  id: string;
  label: Bilingual;
  unit: ParameterUnit;
  denominator: number | null;
  quote: string;
  provisions: string[];
  /** The text leaves it unset (no stated value at the start of the edition's validity): the office may set it. */
  unset: boolean;
  /** The text's values, as the pack states them. */
  values: ParameterValueView[];
  /** Values set by the policy office, oldest first (a later one wins where they overlap). */
  settings: ParameterSettingView[];
  /** What the calculator reads at the end of the edition's validity, settings included; null: still pending. */
  effective_value: number | null;
}

export interface ParameterImpact {
  parameter: ParameterView;
  provisions: { id: string; title: Bilingual; catalogue: string }[];
  cases: { total: number; open: number; pending: number; by_status: Record<string, number> };
  /** Registered beneficiaries whose stored profile is pending on this parameter (when a calculator is given). */
  profiles_affected?: number;
}

export interface AuditRecord extends Omit<AuditRecordRow, 'before' | 'after'> {
  before: unknown;
  after: unknown;
}

export type AuditProblemKind = 'altered' | 'relinked' | 'deleted' | 'inserted';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The first sequence number concerned. */
  seq: number;
  message: string;
}

export interface AuditReport {
  ok: boolean;
  records: number;
  head: { seq: number; hash: string };
  problems: AuditProblem[];
  /** Problems found beyond those listed (the list stops at MAX_PROBLEMS). */
  more: number;
}
