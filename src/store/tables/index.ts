// The database as the query layer sees it: one interface from the per-table files (migrations do not use it:
// they describe the schema as it was on their date).
import type { AuditHeadTable, AuditLogTable } from './audit-log.ts';
import type { BudgetLinesTable } from './budget-lines.ts';
import type { LedgerEntriesTable, LedgerMovementsTable } from './ledger.ts';

export interface Database {
  budget_lines: BudgetLinesTable;
  ledger_movements: LedgerMovementsTable;
  ledger_entries: LedgerEntriesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
}

export type * from './audit-log.ts';
export type * from './budget-lines.ts';
export * from './ledger.ts';
