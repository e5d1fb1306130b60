// Progress reports (进度报送) and the decomposition of targets (责任分解): the only writers of
// target_reports and target_assignments. Both tables are append-only: a correction is a new report naming
// the one it supersedes, a new decomposition a new version. Each write is audited in its transaction.
import { randomUUID } from 'node:crypto';
import type { Pack } from '../core/pack.ts';
import { isValidDate } from '../core/pace.ts';
import { convertibleUnits, convertValue, valueRule } from '../core/target-units.ts';
import { writeTransaction, type Db } from '../store/database.ts';
import { actorLabel, type Actor } from './actor.ts';
import { resolveDepartment } from './accounts.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound, type ErrorDetail } from './errors.ts';
import { assignableUnits, targetDef, type TargetDef } from './targets-catalogue.ts';
import { assignmentView, currentAssignments, packYear, reportView, todayUtc, type AssignmentView, type ReportView } from './targets.ts';

export interface ReportInput {
  unit?: unknown;
  value?: unknown;
  /** The unit the value is given in, when not the target's (万元 for a target in 亿元). */
  valueUnit?: unknown;
  asOf?: unknown;
  note?: unknown;
  evidenceUrl?: unknown;
  evidenceFileName?: unknown;
  evidenceSha256?: unknown;
  supersedes?: unknown;
}

export interface ReportOptions {
  /** Generated demo data (演示数据). */
  demo?: boolean;
  /** Today (YYYY-MM-DD) for the future-date check; default the UTC date. */
  today?: string;
  /** When it was filed (demo data spread over the year); default now. */
  reportedAt?: string;
  /** false: the caller audits a batch as one record (the demo seeding's thousand generated reports). */
  audit?: boolean;
}

/** Who files a report: a department's account, or the demo seeding on a department's behalf (no account). */
export interface Reporter {
  accountId: string | null;
  /** As the audit log writes it (role:username, or demo-seed). */
  label: string;
  department: string;
}

const optionalText = (value: unknown, path: string, max: number, problems: ErrorDetail[]): string | null => {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || value.trim().length > max) {
    problems.push({ path, message: `text of at most ${max} characters` });
    return null;
  }
  return value.trim() || null;
};

function requireTarget(pack: Pack, id: string): TargetDef {
  const def = targetDef(pack, id);
  if (!def) throw notFound(`target ${id}`);
  return def;
}

/** Files a report (or, with `supersedes`, a correction) for a unit responsible for the target. */
export async function fileReport(db: Db, pack: Pack, actor: Actor, targetId: string, input: ReportInput, options: ReportOptions = {}): Promise<ReportView> {
  requireTarget(pack, targetId);
  if (actor.role !== 'reviewer' || !actor.department) throw forbidden(`a ${actor.role} account may not report on targets (a department's account does)`);
  return recordReport(db, pack, { accountId: actor.id, label: actorLabel(actor), department: actor.department }, targetId, input, options);
}

/** The checks and the write of a report, for a reporter already known to act for its department. */
export async function recordReport(db: Db, pack: Pack, reporter: Reporter, targetId: string, input: ReportInput, options: ReportOptions = {}): Promise<ReportView> {
  const def = requireTarget(pack, targetId);
  if (def.derived) throw conflict(`${def.id} is computed by Zhida from the data it holds (derived): it takes no reports`);
  const problems: ErrorDetail[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });

  // The unit: the reporter's own department, which must be responsible for the target.
  const unitName = typeof input.unit === 'string' && input.unit.trim() ? resolveDepartment(pack, input.unit) : reporter.department;
  if (typeof input.unit === 'string' && input.unit.trim() && !unitName) problem('body.unit', `${input.unit} is not a department of the registry`);
  else if (input.unit !== undefined && typeof input.unit !== 'string') problem('body.unit', 'a department name');

  let value: number | undefined;
  if (typeof input.value !== 'number' || !Number.isFinite(input.value)) problem('body.value', 'a finite number');
  else {
    const from = input.valueUnit === undefined || input.valueUnit === '' ? def.target.unit : input.valueUnit;
    const converted = typeof from === 'string' ? convertValue(input.value, from, def.target.unit) : undefined;
    if (converted === undefined) problem('body.valueUnit', `the value of ${def.id} is in ${def.target.unit}; give it in ${convertibleUnits(def.target.unit).join(', ')}`);
    else {
      value = converted;
      const rule = valueRule(def.target.unit, def.growth);
      const unit = def.target.unit === 'share' ? '(a share 0–1)' : def.target.unit;
      if (value < rule.min) problem('body.value', value < 0 && rule.min === 0 ? `a negative value (${value}) is impossible for ${def.id} in ${unit}` : `at least ${rule.min} ${unit}`);
      else if (rule.max !== undefined && value > rule.max) problem('body.value', `${value} ${unit} is above ${rule.max}${def.target.unit === '%' ? '%: a percentage of a whole cannot exceed 100' : ''}`);
      else if (rule.integer && !Number.isInteger(value)) problem('body.value', `${def.id} counts ${def.target.unit}: a whole number`);
    }
  }

  const today = options.today ?? todayUtc();
  const yearStart = `${packYear(pack)}-01-01`;
  const yearEnd = `${packYear(pack)}-12-31`;
  const asOf = typeof input.asOf === 'string' ? input.asOf : '';
  if (!isValidDate(asOf)) problem('body.asOf', 'a date YYYY-MM-DD');
  else if (asOf > today) problem('body.asOf', `${asOf} is in the future (today is ${today})`);
  else if (asOf < yearStart) problem('body.asOf', `${asOf} is before ${yearStart}: the targets are for ${packYear(pack)}`);
  else if (asOf > yearEnd) problem('body.asOf', `${asOf} is after ${yearEnd}: the targets are for ${packYear(pack)} (report the year-end value as of ${yearEnd})`);

  const note = optionalText(input.note, 'body.note', 2000, problems);
  const evidenceUrl = optionalText(input.evidenceUrl, 'body.evidenceUrl', 2000, problems);
  if (evidenceUrl !== null && !/^https?:\/\/[^\s]+$/i.test(evidenceUrl)) problem('body.evidenceUrl', 'an http(s) link');
  const evidenceFileName = optionalText(input.evidenceFileName, 'body.evidenceFileName', 255, problems);
  const evidenceSha256 = optionalText(input.evidenceSha256, 'body.evidenceSha256', 64, problems);
  if (evidenceSha256 !== null && !/^[0-9a-f]{64}$/.test(evidenceSha256)) problem('body.evidenceSha256', 'a SHA-256 in hex');
  // A file is cited by both: the name to show, the hash to find it (POST /targets/:id/evidence gives them).
  if ((evidenceSha256 === null) !== (evidenceFileName === null)) problem(evidenceSha256 === null ? 'body.evidenceSha256' : 'body.evidenceFileName', 'a file is cited by its fileName and sha256 together');
  const supersedes = input.supersedes === undefined || input.supersedes === null || input.supersedes === '' ? null : input.supersedes;
  if (supersedes !== null && typeof supersedes !== 'string') problem('body.supersedes', 'a report id');
  if (problems.length > 0) throw invalid(`report refused: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);

  const unit = unitName!;
  if (unit !== reporter.department) throw forbidden(`the account of ${reporter.department} may not report for ${unit}`);
  if (!def.responsible.includes(unit)) throw forbidden(`${unit} is not a responsible unit of ${def.id} (${def.responsible.join('、')})`);

  return writeTransaction(db, async (trx) => {
    let before: ReportView | undefined;
    if (supersedes !== null) {
      const old = await trx.selectFrom('target_reports').selectAll().where('id', '=', supersedes as string).executeTakeFirst();
      if (!old || old.target_id !== def.id || old.unit !== unit) {
        throw invalid(`report ${String(supersedes)} is not a report of ${def.id} by ${unit}`, [{ path: 'body.supersedes', message: 'not a report of this target and unit' }]);
      }
      const correction = await trx.selectFrom('target_reports').select('id').where('supersedes', '=', old.id).executeTakeFirst();
      if (correction) throw conflict(`report ${old.id} is already corrected by ${correction.id}: correct that one`);
      before = reportView(old, null);
    }
    const row = {
      id: randomUUID(), target_id: def.id, unit, value: value!, as_of: asOf, note, evidence_url: evidenceUrl,
      evidence_file_name: evidenceFileName, evidence_sha256: evidenceSha256, reported_by: reporter.accountId, reported_by_label: reporter.label,
      reported_at: options.reportedAt ?? new Date().toISOString(), supersedes: supersedes as string | null, demo: options.demo ? 1 : 0,
    };
    await trx.insertInto('target_reports').values(row).execute();
    const view = reportView(row, null);
    if (options.audit !== false) await appendAudit(trx, {
      actor: reporter.label, action: supersedes ? 'target.report.correct' : 'target.report', subject: `target:${def.id}`,
      ...(before ? { before } : {}), after: view,
    });
    return view;
  });
}

export interface AssignmentPart {
  unit?: unknown;
  share?: unknown;
  value?: unknown;
  owner?: unknown;
}

/** A new version of the decomposition of a target, by its domain's lead department. */
export async function assignTarget(db: Db, pack: Pack, actor: Actor, targetId: string, parts: unknown): Promise<AssignmentView[]> {
  const def = requireTarget(pack, targetId);
  if (actor.role !== 'reviewer' || actor.department !== def.lead) {
    throw forbidden(`only the lead department of ${def.domain} (${def.lead}) decomposes ${def.id}`);
  }
  const problems: ErrorDetail[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!Array.isArray(parts) || parts.length === 0 || parts.length > 50) throw invalid('parts: 1–50 parts', [{ path: 'body.parts', message: '1–50 parts' }]);
  const allowed = assignableUnits(pack, def);
  const bySharing = parts.some((p: AssignmentPart) => p?.share !== undefined && p?.share !== null);
  const seen = new Set<string>();
  const rows = parts.map((p: AssignmentPart, i) => {
    const path = `body.parts.${i}`;
    const unit = typeof p?.unit === 'string' ? resolveDepartment(pack, p.unit) : undefined;
    if (!unit) problem(`${path}.unit`, 'a department of the registry');
    else if (!allowed.includes(unit)) problem(`${path}.unit`, `${unit} is not a responsible unit of ${def.id} (${allowed.join('、')})`);
    else if (seen.has(unit)) problem(`${path}.unit`, `${unit} appears twice`);
    if (unit) seen.add(unit);
    const owner = typeof p?.owner === 'string' ? p.owner.trim() : '';
    if (!owner || owner.length > 100) problem(`${path}.owner`, 'the person responsible: 1–100 characters');
    let share: number | null = null;
    let value: number | null = null;
    if (bySharing) {
      if (typeof p?.share !== 'number' || !Number.isInteger(p.share) || p.share < 0 || p.share > 100) problem(`${path}.share`, 'a whole percent 0–100');
      else share = p.share;
      if (p?.value !== undefined && p?.value !== null) problem(`${path}.value`, 'give shares or values, not both');
    } else if (typeof p?.value !== 'number' || !Number.isFinite(p.value) || p.value < 0) problem(`${path}.value`, `a sub-target ≥ 0 in ${def.target.unit}`);
    else value = p.value;
    return { unit: unit ?? '', owner, share, value };
  });
  if (problems.length === 0) {
    if (bySharing) {
      const total = rows.reduce((s, r) => s + (r.share ?? 0), 0);
      if (total !== 100) problem('body.parts', `the shares add up to ${total}, not 100`);
    } else {
      const total = rows.reduce((s, r) => s + (r.value ?? 0), 0);
      if (Math.abs(total - def.target.value) > 1e-9 * Math.max(1, def.target.value)) problem('body.parts', `the values add up to ${total}, not the target ${def.target.value} ${def.target.unit}`);
    }
  }
  if (problems.length > 0) throw invalid(`decomposition refused: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);

  return writeTransaction(db, async (trx) => {
    const previous = await currentAssignments(trx, def.id);
    const version = (previous[0]?.version ?? 0) + 1;
    const at = new Date().toISOString();
    await trx.insertInto('target_assignments').values(rows.map((r) => ({
      target_id: def.id, version, unit: r.unit, share: r.share, value: r.value, owner: r.owner, assigned_by: actorLabel(actor), assigned_at: at,
    }))).execute();
    const current = await currentAssignments(trx, def.id);
    const views = current.map(assignmentView);
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'target.assign', subject: `target:${def.id}`,
      ...(previous.length > 0 ? { before: previous.map(assignmentView) } : {}), after: views,
    });
    return views;
  });
}
