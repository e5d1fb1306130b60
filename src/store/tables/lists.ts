// list_imports: each official list imported, with its row report (append-only);
// credit_list_entries: the negative lists' entries that block approval and payout (append-only).
import type { Generated, Selectable } from 'kysely';

export type ImportMode = 'all-or-nothing' | 'skip-bad';
export type ImportStatus = 'applied' | 'rejected';

export interface ListImportsTable {
  id: string;
  kind: string;
  mode: ImportMode;
  sha256: string;
  file_name: string;
  size_bytes: number | string | bigint;
  status: ImportStatus;
  rows_total: number;
  rows_ok: number;
  rows_bad: number;
  /** JSON array of credit codes whose facts changed. */
  affected: string;
  /** JSON array of row results. */
  report: string;
  department: string | null;
  imported_by: string;
  imported_by_label: string;
  imported_at: string;
  /** JSON: the entitlements the import offered and the events it skipped, with why (null before migration 007). */
  offers: string | null;
}

export interface CreditListEntriesTable {
  id: Generated<number>;
  credit_code: string;
  /** 失信被执行人 or 严重失信主体. */
  list_name: string;
  reason: string;
  listed_on: string;
  import_id: string;
}

export type ListImportRow = Selectable<ListImportsTable>;
export type CreditListEntryRow = Selectable<CreditListEntriesTable>;
