// The entitlement API's views (免申即享): types only, so the web app can `import type` them.
import type { ProvisionResult } from '../core/engine/engine.ts';
import type { EntitlementStatus } from '../store/tables/index.ts';

export type { EntitlementStatus } from '../store/tables/index.ts';

/** What an import offered, and the events it did not offer, with why (the import's answer). */
export interface OfferReport {
  offered: number;
  skipped: { credit_code: string; provision: string; reason: string }[];
  /** Inbox messages "新可申报" for other provisions the import made eligible. */
  newly_eligible: number;
}

/** The import an entitlement comes from: its evidence and origin. */
export interface EntitlementImport {
  id: string;
  title: string;
  file_name: string;
  imported_at: string;
  imported_by: string;
}

export interface EntitlementView {
  id: string;
  credit_code: string;
  beneficiary_name: string;
  provision: string;
  provision_title: { zh: string; en: string };
  quote: string;
  department: string;
  year: number;
  event_ref: string;
  status: EntitlementStatus;
  engine_status: string;
  amount_yuan: number | null;
  amount_kind: string | null;
  application_id: string | null;
  application_status: string | null;
  reason: string | null;
  created_at: string;
  decided_at: string | null;
  version: number;
  import: EntitlementImport;
}

export interface EntitlementDetail extends EntitlementView {
  /** The engine's answer now, with the clause trace. */
  result: ProvisionResult | null;
  /** The pledge text the enterprise accepts (or accepted) at confirmation. */
  pledge_text: string;
  /** The payee on the profile (prefill for the enterprise; masked for others). */
  bank_name: string | null;
  bank_account: string | null;
  contact_email: string | null;
}

export interface InboxMessageView {
  id: number;
  kind: 'entitlement' | 'newly-eligible';
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
}

/** The 免申即享 origin of a case created by confirming an entitlement. */
export interface CaseOrigin {
  kind: 'entitlement';
  entitlement_id: string;
  import: EntitlementImport;
}
