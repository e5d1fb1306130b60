// The targets and dashboard API's JSON as the web app reads it: the server's own view types
// (src/services/target-views.ts), under the names the pages use.
import type { PaceStatus } from '../../../src/core/pace.ts';

export type {
  ArticleProgress, AssignmentView, BudgetFigures, Dashboard, DomainSummary as DashboardDomain, PaceStatus, Reminder, ReportView,
  TargetDetail as TargetDetailAnswer, TargetFigure, TargetsAnswer, TargetView,
} from '../../../src/services/target-views.ts';

export type StatusCounts = Record<PaceStatus, number>;

/** The order statuses are shown in (the web app takes no values from the server's modules). */
export const PACE_STATUSES: readonly PaceStatus[] = ['met', 'on-track', 'at-risk', 'behind', 'no-report'];
