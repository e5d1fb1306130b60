// target_reports: progress reports on the policy's targets (目标责任), append-only — a correction is a new
// row that names the report it supersedes. target_assignments: the lead department's decomposition
// (责任分解) of a target among its responsible units, append-only in versions: the latest version wins.
import type { Generated, Insertable, Selectable } from 'kysely';

export interface TargetReportsTable {
  id: string;
  /** K01…K71 or KM1…KM8. */
  target_id: string;
  /** The responsible unit reporting (department name as in departments.yaml). */
  unit: string;
  /** In the target's unit (亿元, 家, %…); a decimal 0–1 for share targets. */
  value: number;
  /** YYYY-MM-DD: the date the value is measured at. */
  as_of: string;
  note: string | null;
  evidence_url: string | null;
  evidence_file_name: string | null;
  evidence_sha256: string | null;
  /** Account id of the reporter; null for generated demo data. */
  reported_by: string | null;
  /** role:username of the reporter, as the audit log writes it. */
  reported_by_label: string;
  reported_at: string;
  /** The report this one corrects (same target and unit); each report is superseded at most once. */
  supersedes: string | null;
  /** 1: generated demo data (演示数据). */
  demo: number;
}

export interface TargetAssignmentsTable {
  id: Generated<number>;
  target_id: string;
  /** 1, 2, 3… per target: the rows of the highest version are the decomposition in force. */
  version: number;
  unit: string;
  /** Whole percent; the shares of one version add up to 100 (or null when values are given). */
  share: number | null;
  /** A sub-target in the target's unit; the values of one version add up to the target. */
  value: number | null;
  owner: string;
  assigned_by: string;
  assigned_at: string;
}

export type TargetReportRow = Selectable<TargetReportsTable>;
export type NewTargetReportRow = Insertable<TargetReportsTable>;
export type TargetAssignmentRow = Selectable<TargetAssignmentsTable>;
