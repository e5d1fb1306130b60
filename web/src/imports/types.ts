// The import API's answers (src/api/import-routes.ts), as the pages read them.
export type ListKind = 'high-tech-new-2025' | 'credit-list';
export type ImportMode = 'all-or-nothing' | 'skip-bad';

export interface ImportSummary {
  id: string;
  kind: string;
  title: string;
  mode: ImportMode;
  status: 'applied' | 'rejected';
  file_name: string;
  rows_total: number;
  rows_ok: number;
  rows_bad: number;
  imported_by: string;
  imported_at: string;
  replayed: boolean;
}

export interface ReportRow {
  line: number;
  credit_code: string;
  name: string;
  status: 'ok' | 'error';
  outcome?: 'added' | 'unchanged' | 'listed';
  message: string;
}

export type ImportResult = ImportSummary & { report: ReportRow[] };
