// The policy office's parameter editor: the values the text leaves to implementing rules (实施细则) — e.g.
// 区级给予相应配套资助 with no ratio — are set here, each with the document that sets it. A value the text
// states is never overridden: the pack is the law, settings only fill its gaps (withParameterSettings).
import { parameterValueAt, type Pack } from '../core/pack.ts';
import { writeTransaction, type Db } from '../store/database.ts';
import type { ParameterSettingRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound, type ErrorDetail } from './errors.ts';
import type { Calculator } from './evaluation.ts';
import type { ParameterImpact, ParameterSettingView, ParameterView } from './delivery-views.ts';

export type { ParameterImpact, ParameterSettingView, ParameterValueView, ParameterView } from './delivery-views.ts';


type PackParameter = Pack['parameters'][number];

function findParameter(pack: Pack, id: string): PackParameter {
  const parameter = pack.parameters.find((p) => p.id === id);
  if (!parameter) throw notFound(`parameter ${id}`);
  return parameter;
}

const provisionsUsing = (pack: Pack, id: string) => pack.provisions.filter((p) => p.parameters.includes(id));

function isUnset(pack: Pack, parameter: PackParameter): boolean {
  return parameterValueAt(parameter, pack.meta.validity.from)?.value == null;
}

/** Settings of the pack's edition with the username of who set each, oldest first. */
export async function settingRows(db: Db, pack: Pack, parameter?: string): Promise<(ParameterSettingRow & { username: string | null })[]> {
  let query = db.selectFrom('parameter_settings')
    .leftJoin('accounts', 'accounts.id', 'parameter_settings.set_by')
    .selectAll('parameter_settings')
    .select('accounts.username as username')
    .where('parameter_settings.edition', '=', pack.meta.edition);
  if (parameter) query = query.where('parameter_settings.parameter', '=', parameter);
  const rows = await query.orderBy('parameter_settings.id').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), value: Number(r.value) }));
}

const settingView = (r: ParameterSettingRow & { username: string | null }): ParameterSettingView => ({
  id: r.id, parameter: r.parameter, value: r.value, effective_from: r.effective_from, effective_to: r.effective_to, document: r.document,
  set_by: r.username ?? r.set_by, set_at: r.set_at,
});

export function parameterView(pack: Pack, parameter: PackParameter, settings: ParameterSettingView[]): ParameterView {
  const at = pack.meta.validity.to;
  let effective = parameterValueAt(parameter, at)?.value ?? null;
  // The same rule as withParameterSettings + parameterValueAt: the last setting covering the date wins.
  for (const s of settings) if (s.effective_from <= at && (s.effective_to === null || at <= s.effective_to)) effective = s.value;
  return {
    id: parameter.id, label: parameter.label, unit: parameter.unit, denominator: parameter.denominator ?? null, quote: parameter.quote,
    provisions: provisionsUsing(pack, parameter.id).map((p) => p.id),
    unset: isUnset(pack, parameter),
    values: parameter.values.map((v) => ({ from: v.from, to: v.to ?? null, value: v.value, source: v.source })),
    settings, effective_value: effective,
  };
}

/** Every parameter of the pack, those the text leaves unset first (the ones the office has to act on). */
export function listParameters(pack: Pack, settings: readonly ParameterSettingView[]): ParameterView[] {
  const byParameter = new Map<string, ParameterSettingView[]>();
  for (const s of settings) byParameter.set(s.parameter, [...(byParameter.get(s.parameter) ?? []), s]);
  const views = pack.parameters.map((p) => parameterView(pack, p, byParameter.get(p.id) ?? []));
  return views.sort((a, b) => Number(b.unset) - Number(a.unset));
}

/** listParameters over the stored settings. */
export async function loadParameters(db: Db, pack: Pack, options: { unsetOnly?: boolean } = {}): Promise<ParameterView[]> {
  const views = listParameters(pack, (await settingRows(db, pack)).map(settingView));
  return options.unsetOnly ? views.filter((v) => v.unset) : views;
}

export async function loadParameter(db: Db, pack: Pack, id: string): Promise<ParameterView> {
  const parameter = findParameter(pack, id);
  return parameterView(pack, parameter, (await settingRows(db, pack, id)).map(settingView));
}

export interface SetParameterInput {
  parameter: string;
  value?: unknown;
  effective_from?: unknown;
  effective_to?: unknown;
  document?: unknown;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function isRealDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Checks the input field by field; every problem is named, nothing is written when there is one. */
function validateSetting(pack: Pack, parameter: PackParameter, input: SetParameterInput) {
  const problems: ErrorDetail[] = [];
  const { from: validFrom, to: validTo } = pack.meta.validity;
  const value = input.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > Number.MAX_SAFE_INTEGER) {
    problems.push({ path: 'value', message: `must be a whole number ≥ 0 (${parameter.unit === 'yuan' ? 'whole yuan' : parameter.unit})` });
  } else if (parameter.unit === 'percent' && value > 100) {
    problems.push({ path: 'value', message: 'a percentage must be between 0 and 100' });
  }
  const from = input.effective_from;
  if (typeof from !== 'string' || !isRealDate(from)) problems.push({ path: 'effective_from', message: 'must be a date YYYY-MM-DD' });
  else if (from < validFrom || from > validTo) problems.push({ path: 'effective_from', message: `must lie within the edition's validity ${validFrom} – ${validTo}` });
  const to = input.effective_to ?? null;
  if (to !== null) {
    if (typeof to !== 'string' || !isRealDate(to)) problems.push({ path: 'effective_to', message: 'must be a date YYYY-MM-DD' });
    else if (to < validFrom || to > validTo) problems.push({ path: 'effective_to', message: `must lie within the edition's validity ${validFrom} – ${validTo}` });
    else if (typeof from === 'string' && to < from) problems.push({ path: 'effective_to', message: 'must not be before effective_from' });
  }
  const document = typeof input.document === 'string' ? input.document.trim() : '';
  if (!document) problems.push({ path: 'document', message: 'name the implementing document (实施细则) and its number' });
  else if (document.length > 500) problems.push({ path: 'document', message: 'at most 500 characters' });
  if (problems.length > 0) throw invalid(`invalid parameter setting: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  return { value: value as number, from: from as string, to: to as string | null, document };
}

/**
 * Records the value an implementing document sets for a parameter the text leaves unset, from a date (to
 * the end of the edition's validity unless effective_to says otherwise). Policy officers only.
 */
export async function setParameter(db: Db, actor: Actor, pack: Pack, input: SetParameterInput): Promise<ParameterSettingView> {
  if (actor.role !== 'policy') throw forbidden(`a ${actor.role} account may not set parameters (needs policy)`);
  const parameter = findParameter(pack, input.parameter);
  const setting = validateSetting(pack, parameter, input);
  const until = setting.to ?? pack.meta.validity.to;
  const stated = parameter.values.find((v) => v.value != null && v.from <= until && (v.to === undefined || setting.from <= v.to));
  if (stated) {
    throw conflict(`parameter ${parameter.id} is stated by the text (「${parameter.quote}」 = ${stated.value}, ${stated.source}): only values the text leaves unset can be set`);
  }
  return writeTransaction(db, async (trx) => {
    const before = await loadParameter(trx, pack, parameter.id);
    const setAt = new Date().toISOString();
    const inserted = await trx.insertInto('parameter_settings').values({
      edition: pack.meta.edition, parameter: parameter.id, value: setting.value, effective_from: setting.from, effective_to: setting.to,
      document: setting.document, set_by: actor.id, set_at: setAt,
    }).returning('id').executeTakeFirstOrThrow();
    const view: ParameterSettingView = {
      id: Number(inserted.id), parameter: parameter.id, value: setting.value, effective_from: setting.from, effective_to: setting.to, document: setting.document,
      set_by: actor.username, set_at: setAt,
    };
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'parameter.set', subject: `parameter:${parameter.id}`,
      before: { effective_value: before.effective_value, settings: before.settings.length },
      after: { edition: pack.meta.edition, ...view },
    });
    return view;
  });
}

const CLOSED_STATUSES = new Set(['paid', 'rejected', 'withdrawn']);


/**
 * What a change of the parameter reaches: the provisions that read it, their cases by status (open: not paid,
 * rejected or withdrawn; pending: open ones the engine left pending), and the beneficiaries it would decide.
 */
export async function parameterImpact(db: Db, pack: Pack, id: string, calculator?: Calculator): Promise<ParameterImpact> {
  const parameter = await loadParameter(db, pack, id);
  const provisions = provisionsUsing(pack, id);
  const ids = provisions.map((p) => p.id);
  const byStatus: Record<string, number> = {};
  let total = 0;
  let open = 0;
  let pending = 0;
  if (ids.length > 0) {
    const rows = await db.selectFrom('applications')
      .select(['status', 'engine_status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('provision', 'in', ids).groupBy(['status', 'engine_status']).execute();
    for (const row of rows) {
      const n = Number(row.n);
      byStatus[row.status] = (byStatus[row.status] ?? 0) + n;
      total += n;
      if (!CLOSED_STATUSES.has(row.status)) {
        open += n;
        if (row.engine_status === 'pending') pending += n;
      }
    }
  }
  const impact: ParameterImpact = {
    parameter,
    provisions: provisions.map((p) => ({ id: p.id, title: p.title, catalogue: p.catalogue })),
    cases: { total, open, pending, by_status: byStatus },
  };
  if (calculator && ids.length > 0) impact.profiles_affected = await profilesPendingOn(db, calculator, id, ids);
  return impact;
}

async function profilesPendingOn(db: Db, calculator: Calculator, id: string, provisions: string[]): Promise<number> {
  const wanted = new Set(provisions);
  const year = Number(calculator.pack.meta.validity.from.slice(0, 4));
  let count = 0;
  for (const row of await db.selectFrom('beneficiaries').select('profile').execute()) {
    let profile: unknown;
    try { profile = JSON.parse(row.profile); } catch { continue; }
    const outcome = calculator.summarise(profile, { year });
    if (!outcome.ok) continue;
    if (outcome.summary.results.some((r) => wanted.has(r.provision) && (r.pending_parameters ?? []).includes(id))) count += 1;
  }
  return count;
}
