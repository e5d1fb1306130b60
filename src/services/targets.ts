// Targets and responsibilities (目标责任): every target of the pack with its latest reported (or derived)
// value, its pace (src/core/pace.ts), and when its next report is due. Read by the leadership (leader),
// departments (reviewer) and the policy, finance, audit and admin offices; never by enterprises.
import type { Pack } from '../core/pack.ts';
import { elapsedShare, nextReportDue, paceOf, PACE_RULE, type PaceStatus } from '../core/pace.ts';
import type { Db } from '../store/database.ts';
import type { TargetAssignmentRow, TargetReportRow } from '../store/tables/index.ts';
import type { Actor } from './actor.ts';
import { resolveDepartment } from './accounts.ts';
import { forbidden, invalid, notFound } from './errors.ts';
import { derivedValues } from './targets-derived.ts';
import { targetDef, targetDefs, type TargetDef } from './targets-catalogue.ts';
import type { AssignmentView, Reminder, ReportView, TargetDetail, TargetView } from './target-views.ts';

export type { AssignmentView, Reminder, ReportView, TargetDetail, TargetView } from './target-views.ts';

export interface TargetFilter {
  status?: PaceStatus;
  domain?: string;
  /** A department (name, alias or id): targets it is responsible for or leads. */
  department?: string;
  /** 'A06' */
  article?: string;
  asOf?: string;
}

const READERS = new Set(['leader', 'reviewer', 'policy', 'auditor', 'finance', 'admin']);

export function requireTargetReader(actor: Actor): void {
  if (!READERS.has(actor.role)) throw forbidden(`a ${actor.role} account may not read targets`);
}

/** The policy year of the pack (2025). */
export const packYear = (pack: Pack): number => Number(pack.meta.validity.from.slice(0, 4));

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** The as-of date of a view: the one asked for, else today, and never past the policy year's end. */
export function viewDate(pack: Pack, asOf: string | undefined, today: string = todayUtc()): string {
  const yearEnd = `${packYear(pack)}-12-31`;
  if (asOf !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) {
      throw invalid(`asOf must be a date YYYY-MM-DD: ${asOf}`, [{ path: 'querystring.asOf', message: 'not a date' }]);
    }
    return asOf;
  }
  return today < yearEnd ? today : yearEnd;
}

export const reportView = (r: TargetReportRow, supersededBy: string | null): ReportView => ({
  id: r.id, targetId: r.target_id, unit: r.unit, value: r.value, asOf: r.as_of, note: r.note,
  evidence: r.evidence_url || r.evidence_file_name
    ? { ...(r.evidence_url ? { url: r.evidence_url } : {}), ...(r.evidence_file_name ? { fileName: r.evidence_file_name } : {}), ...(r.evidence_sha256 ? { sha256: r.evidence_sha256 } : {}) }
    : null,
  reportedBy: r.reported_by_label, reportedAt: r.reported_at, supersedes: r.supersedes, supersededBy, demo: r.demo === 1,
});

export const assignmentView = (a: TargetAssignmentRow): AssignmentView => ({
  unit: a.unit, share: a.share, value: a.value, owner: a.owner, assignedBy: a.assigned_by, assignedAt: a.assigned_at, version: a.version,
});

/** Newest first: by as-of date, then by when it was filed. */
const newestFirst = (a: TargetReportRow, b: TargetReportRow): number => b.as_of.localeCompare(a.as_of) || b.reported_at.localeCompare(a.reported_at) || b.id.localeCompare(a.id);

/** Reports grouped by target, newest first, with the id of the correction that supersedes each (if any). */
async function loadReports(db: Db, targetId?: string): Promise<{ byTarget: Map<string, TargetReportRow[]>; supersededBy: Map<string, string> }> {
  let query = db.selectFrom('target_reports').selectAll();
  if (targetId !== undefined) query = query.where('target_id', '=', targetId);
  const rows = await query.execute();
  const supersededBy = new Map<string, string>();
  for (const r of rows) if (r.supersedes) supersededBy.set(r.supersedes, r.id);
  const byTarget = new Map<string, TargetReportRow[]>();
  for (const r of rows.sort(newestFirst)) byTarget.set(r.target_id, [...(byTarget.get(r.target_id) ?? []), r]);
  return { byTarget, supersededBy };
}

function buildView(def: TargetDef, reports: readonly TargetReportRow[], supersededBy: Map<string, string>, derived: Map<string, number>, year: number, asOf: string): TargetView {
  const { articleNumber: _a, domainNumber: _d, growth: _g, ...rest } = def;
  let latest: TargetView['latest'] = null;
  if (def.derived) {
    const value = derived.get(def.id);
    if (value !== undefined) latest = { value, asOf, reportId: 'derived', by: 'Zhida' };
  } else {
    const current = reports.find((r) => r.as_of <= asOf && !supersededBy.has(r.id));
    if (current) latest = { value: current.value, asOf: current.as_of, reportId: current.id, by: current.unit };
  }
  const pace = paceOf({ id: def.id, kind: def.kind, value: def.target.value, unit: def.target.unit, direction: def.target.direction }, latest, year);
  const due = def.derived ? { dueBy: null, overdue: false } : nextReportDue(latest?.asOf ?? null, year, asOf);
  return { ...rest, latest, pace, due: { nextReportBy: due.dueBy, overdue: due.overdue } };
}

/** Every target (and milestone) as of a date, filtered. */
export async function listTargets(db: Db, pack: Pack, actor: Actor, filter: TargetFilter = {}): Promise<{ asOf: string; targets: TargetView[] }> {
  requireTargetReader(actor);
  const asOf = viewDate(pack, filter.asOf);
  const targets = await targetViews(db, pack, asOf);
  let department: string | undefined;
  if (filter.department !== undefined) {
    department = resolveDepartment(pack, filter.department);
    if (!department) throw invalid(`department ${filter.department} is not in the registry`, [{ path: 'querystring.department', message: 'unknown department' }]);
  }
  return {
    asOf,
    targets: targets.filter((t) => (filter.status === undefined || t.pace.status === filter.status)
      && (filter.domain === undefined || t.domain === filter.domain.toLowerCase())
      && (filter.article === undefined || t.article === filter.article.toUpperCase())
      && (department === undefined || t.responsible.includes(department) || t.lead === department)),
  };
}

/** All target views as of a date, no access check (the dashboard's and the CLI's). */
export async function targetViews(db: Db, pack: Pack, asOf: string): Promise<TargetView[]> {
  const year = packYear(pack);
  const [{ byTarget, supersededBy }, derived] = await Promise.all([loadReports(db), derivedValues(db, pack, asOf)]);
  return targetDefs(pack).map((def) => buildView(def, byTarget.get(def.id) ?? [], supersededBy, derived, year, asOf));
}

export async function getTarget(db: Db, pack: Pack, actor: Actor, id: string, asOfParam?: string): Promise<TargetDetail> {
  requireTargetReader(actor);
  const def = targetDef(pack, id);
  if (!def) throw notFound(`target ${id}`);
  const asOf = viewDate(pack, asOfParam);
  const [{ byTarget, supersededBy }, derived, assignments] = await Promise.all([
    loadReports(db, def.id), derivedValues(db, pack, asOf), currentAssignments(db, def.id),
  ]);
  const reports = byTarget.get(def.id) ?? [];
  const view = buildView(def, reports, supersededBy, derived, packYear(pack), asOf);
  const article = def.articleNumber === null ? undefined : pack.articles.find((a) => a.number === def.articleNumber);
  const domain = pack.domains.find((d) => d.number === def.domainNumber);
  const section = (p: Pack['provisions'][number]) => (def.articleNumber === null
    ? p.section.kind === 'domain' && p.section.number === def.domainNumber
    : p.section.kind === 'article' && p.section.number === def.articleNumber);
  return {
    ...view,
    reports: reports.map((r) => reportView(r, supersededBy.get(r.id) ?? null)),
    assignments: assignments.map(assignmentView),
    provisions: pack.provisions.filter(section).map((p) => ({ id: p.id, title: p.title.zh })),
    article: article
      ? { id: def.article!, title: `（${article.numeral}）${article.title}`, text: article.text }
      : { id: def.domain, title: `${domain?.numeral ?? ''}、${domain?.title ?? ''}`, text: domain?.text ?? '' },
    articleId: def.article,
  };
}

/** The decomposition in force: the rows of the highest version. */
export async function currentAssignments(db: Db, targetId: string): Promise<TargetAssignmentRow[]> {
  const rows = await db.selectFrom('target_assignments').selectAll().where('target_id', '=', targetId).orderBy('version', 'desc').orderBy('id').execute();
  const version = rows[0]?.version;
  return rows.filter((r) => r.version === version);
}

/**
 * Reports overdue on `asOf` (default today): reporting calendar in src/core/pace.ts (monthly, due by the
 * 10th of the next month). The report is owed by the target's first responsible unit (the text names the
 * leading unit first); `department` lists those of the targets it is responsible for or leads.
 */
export async function listReminders(db: Db, pack: Pack, actor: Actor, filter: { department?: string; asOf?: string } = {}): Promise<Reminder[]> {
  const { targets } = await listTargets(db, pack, actor, filter);
  return targets.filter((t) => t.due.overdue && t.due.nextReportBy !== null).map((t) => ({
    targetId: t.id, unit: t.responsible[0] ?? t.lead, dueBy: t.due.nextReportBy!, lastReportAsOf: t.latest?.asOf ?? null,
  }));
}

export { PACE_RULE, elapsedShare };
