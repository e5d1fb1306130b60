// The targets and dashboard API's JSON as the web app reads it (docs/targets-api.md and the brief's
// contract; the server's zod schemas own the shapes, the web app only needs the fields it shows).
import type { Bilingual } from '../delivery/types.ts';

export type PaceStatus = 'met' | 'on-track' | 'at-risk' | 'behind' | 'no-report';
export const PACE_STATUSES: PaceStatus[] = ['met', 'on-track', 'at-risk', 'behind', 'no-report'];

export interface TargetFigure {
  value: number | null;
  numerator?: number;
  denominator?: number;
  unit: string;
  direction: '>=' | '>' | '=';
  firmness: 'firm' | 'plain' | 'soft';
  marker?: string;
}

export interface TargetView {
  id: string;
  kind: 'target' | 'milestone';
  /** 'A06'; null (or a domain id) for targets stated in a domain's heading. */
  article: string | null;
  domain: string;
  metric: Bilingual;
  target: TargetFigure;
  quote: string;
  responsible: string[];
  lead: string;
  derived: boolean;
  latest: { value: number; asOf: string; reportId: string; by: string } | null;
  pace: { status: PaceStatus; expected: number | null; forecast: number | null; rule: string };
  /** nextReportBy: null once the year-end value is in, and for derived targets. */
  due: { nextReportBy: string | null; overdue: boolean };
}

export interface Evidence {
  url?: string;
  fileName?: string;
  sha256?: string;
}

export interface ReportView {
  id: string;
  targetId: string;
  unit: string;
  value: number;
  asOf: string;
  note: string | null;
  evidence: Evidence | null;
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
  version?: number;
}

/** GET /targets/:id: the view plus its reports, assignments, provisions and the article. */
export type TargetDetailAnswer = Omit<TargetView, 'article'> & {
  reports: ReportView[];
  assignments: AssignmentView[];
  provisions: { id: string; title: string }[];
  /** The article (or, for a domain-level target, the domain heading) the target is stated in. */
  article: { id: string; title: string; text: string };
  /** 'A06'; null for a domain-level target. */
  articleId: string | null;
};

/** GET /dashboard/articles/:id: an article (A06) or a domain heading (d2) with its targets and its provisions' cases in aggregate. */
export interface ArticleProgress {
  id: string;
  title: string;
  text: string;
  domain: string;
  responsible: string[];
  targets: TargetView[];
  provisions: {
    id: string;
    catalogue: string;
    title: Bilingual;
    department: string;
    cases: { total: number; byStatus: Record<string, number>; paid: { count: number; amount: number } };
  }[];
}

export interface TargetsAnswer {
  asOf: string;
  targets: TargetView[];
  /** The documented pace rule, for the legend. */
  rule?: Bilingual;
}

export interface Reminder {
  targetId: string;
  unit: string;
  dueBy: string;
  lastReportAsOf: string | null;
}

export type StatusCounts = Record<PaceStatus, number>;

export interface BudgetFigures {
  planned: number;
  allocated: number;
  reserved: number;
  paid: number;
}

export interface DashboardDomain {
  id: string;
  name: Bilingual;
  lead: string;
  targets: StatusCounts;
  budget: (BudgetFigures & { lineId: string }) | null;
  awardsPaid: { count: number; amount: number };
}

export interface Dashboard {
  asOf: string;
  yearElapsed: number;
  domains: DashboardDomain[];
  budgetLines: (BudgetFigures & { id: string; label: string | Bilingual })[];
  awardsByDepartment: { department: string; count: number; amount: number }[];
  lagging: TargetView[];
}
