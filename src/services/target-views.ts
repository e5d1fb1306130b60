// The targets and dashboard API's views: the JSON the routes answer with and the web app reads. Types only,
// importing only type-only or pure modules, so the web app can `import type` them (web/src/targets/types.ts)
// and the two sides cannot drift apart.
import type { Direction, PaceStatus } from '../core/pace.ts';

export type { PaceStatus } from '../core/pace.ts';

interface Bilingual { zh: string; en: string }

export interface TargetFigure {
  value: number;
  numerator?: number;
  denominator?: number;
  unit: string;
  direction: Direction;
  firmness: 'firm' | 'plain' | 'soft';
  marker?: string;
}

/** What the pack states of a target (K01…) or milestone (KM1…). */
export interface TargetBase {
  id: string;
  kind: 'target' | 'milestone';
  /** 'A06'; null for a target stated in a domain heading. */
  article: string | null;
  /** 'd1'…'d7' */
  domain: string;
  metric: Bilingual;
  target: TargetFigure;
  quote: string;
  /** Department names, in the order the text gives them (the first reports). */
  responsible: string[];
  lead: string;
  /** Computed by Zhida from the data it holds, not reported. */
  derived: boolean;
}

export interface TargetView extends TargetBase {
  latest: { value: number; asOf: string; reportId: string; by: string } | null;
  pace: { status: PaceStatus; expected: number | null; forecast: number | null; rule: string };
  /** nextReportBy: null once the year-end value is in, and for derived targets. */
  due: { nextReportBy: string | null; overdue: boolean };
}

/** GET /targets: the targets as of a date, with the documented pace rule for the legend. */
export interface TargetsAnswer {
  asOf: string;
  targets: TargetView[];
  rule: Bilingual;
}

export interface ReportView {
  id: string;
  targetId: string;
  unit: string;
  value: number;
  asOf: string;
  note: string | null;
  evidence: { url?: string; fileName?: string; sha256?: string } | null;
  reportedBy: string;
  reportedAt: string;
  supersedes: string | null;
  supersededBy: string | null;
  demo: boolean;
}

export interface AssignmentView {
  unit: string;
  share: number | null;
  value: number | null;
  owner: string;
  assignedBy: string;
  assignedAt: string;
  version: number;
}

export interface TargetDetail extends Omit<TargetView, 'article'> {
  reports: ReportView[];
  assignments: AssignmentView[];
  provisions: { id: string; title: string }[];
  /** The article's text; for a target stated in a domain heading, the domain's (id 'd2'). */
  article: { id: string; title: string; text: string };
  /** 'A06', or null for a domain-level target (TargetView's `article`). */
  articleId: string | null;
}

export interface Reminder {
  targetId: string;
  unit: string;
  dueBy: string;
  lastReportAsOf: string | null;
}

export interface BudgetFigures {
  planned: number;
  allocated: number;
  reserved: number;
  paid: number;
}

export interface BudgetLineFigures extends BudgetFigures {
  id: string;
  label: string;
}

export interface DomainSummary {
  id: string;
  name: Bilingual;
  lead: string;
  targets: Record<PaceStatus, number>;
  budget: (BudgetFigures & { lineId: string }) | null;
  awardsPaid: { count: number; amount: number };
}

export interface Dashboard {
  asOf: string;
  yearElapsed: number;
  domains: DomainSummary[];
  budgetLines: BudgetLineFigures[];
  awardsByDepartment: { department: string; count: number; amount: number }[];
  lagging: TargetView[];
}

export interface ArticleProgress {
  /** 'A06', or 'd2' for the heading of a domain (its domain-level targets). */
  id: string;
  title: string;
  text: string;
  domain: string;
  responsible: string[];
  targets: TargetView[];
  /** The provisions stated there, with their cases in aggregate (no beneficiary is named). */
  provisions: {
    id: string;
    catalogue: string;
    title: Bilingual;
    department: string;
    cases: { total: number; byStatus: Record<string, number>; paid: { count: number; amount: number } };
  }[];
}
