// The import API's answers as the pages read them: the server's types (type-only imports), so they cannot drift.
export type { ImportMode } from '../../../src/store/tables/index.ts';
export type { ImportView as ImportSummary, ImportResult, RowReport as ReportRow } from '../../../src/services/list-import.ts';
/** The list kinds the wizard offers (src/services/list-import-kinds.ts accepts any high-tech-new-<year>). */
export type ListKind = 'high-tech-new-2025' | 'credit-list';
