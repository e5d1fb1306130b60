// beneficiaries: one row per 统一社会信用代码 with its current profile (the engine's schema, canonical JSON);
// profile_changes: every fact changed, by whom, when, from which evidence (append-only).
import type { Generated, Insertable, Selectable } from 'kysely';

export interface BeneficiariesTable {
  credit_code: string;
  name: string;
  /** Canonical JSON of the profile (src/core/profile.ts). */
  profile: string;
  /** 1 at registration, +1 per change. */
  version: number;
  /** Payee bank (开户行) and account (账号) for payment orders. */
  bank_name: string | null;
  bank_account: string | null;
  /** Where the e-mails about entitlements go (set by the enterprise with its bank account). */
  contact_email: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProfileChangesTable {
  id: Generated<number>;
  credit_code: string;
  /** The profile version this change produced. */
  version: number;
  /** Top-level fact name of the profile (e.g. rd_expense), or "name", "bank". */
  fact: string;
  /** Canonical JSON, null when the fact was absent (unknown). */
  before: string | null;
  after: string | null;
  actor: string;
  at: string;
  evidence_id: string | null;
  note: string | null;
}

export type BeneficiaryRow = Selectable<BeneficiariesTable>;
export type NewBeneficiaryRow = Insertable<BeneficiariesTable>;
export type ProfileChangeRow = Selectable<ProfileChangesTable>;
