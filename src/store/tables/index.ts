// The database as the query layer sees it: one interface from the per-table files (migrations do not use it:
// they describe the schema as it was on their date).
import type { AccountsTable, SessionsTable } from './accounts.ts';
import type { ApplicationDecisionsTable, ApplicationEventsTable, ApplicationsTable, EvidenceTable } from './applications.ts';
import type { AuditHeadTable, AuditLogTable } from './audit-log.ts';
import type { BeneficiariesTable, ProfileChangesTable } from './beneficiaries.ts';
import type { BudgetLinesTable } from './budget-lines.ts';
import type { LedgerEntriesTable, LedgerMovementsTable } from './ledger.ts';
import type { PolicyEditionsTable } from './editions.ts';
import type { EntitlementsTable, InboxMessagesTable, MailOutboxTable } from './entitlements.ts';
import type { CreditListEntriesTable, ListImportsTable } from './lists.ts';
import type {
  IdempotentRequestsTable, NoticesTable, ObjectionsTable, ParameterSettingsTable, PayoutBatchesTable, PayoutItemsTable,
} from './payouts.ts';
import type { PopulationProfilesTable, PopulationsTable } from './populations.ts';
import type { TargetAssignmentsTable, TargetReportsTable } from './targets.ts';

export interface Database {
  budget_lines: BudgetLinesTable;
  ledger_movements: LedgerMovementsTable;
  ledger_entries: LedgerEntriesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  beneficiaries: BeneficiariesTable;
  profile_changes: ProfileChangesTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  application_decisions: ApplicationDecisionsTable;
  evidence: EvidenceTable;
  notices: NoticesTable;
  objections: ObjectionsTable;
  payout_batches: PayoutBatchesTable;
  payout_items: PayoutItemsTable;
  parameter_settings: ParameterSettingsTable;
  idempotent_requests: IdempotentRequestsTable;
  target_reports: TargetReportsTable;
  target_assignments: TargetAssignmentsTable;
  list_imports: ListImportsTable;
  credit_list_entries: CreditListEntriesTable;
  populations: PopulationsTable;
  population_profiles: PopulationProfilesTable;
  policy_editions: PolicyEditionsTable;
  entitlements: EntitlementsTable;
  inbox_messages: InboxMessagesTable;
  mail_outbox: MailOutboxTable;
}

export * from './accounts.ts';
export * from './applications.ts';
export type * from './audit-log.ts';
export type * from './beneficiaries.ts';
export type * from './budget-lines.ts';
export * from './entitlements.ts';
export * from './ledger.ts';
export type * from './lists.ts';
export type * from './payouts.ts';
export type * from './populations.ts';
export type * from './editions.ts';
export type * from './targets.ts';
