// Policy editions drafted in the database (政策版本): the policy office drafts a reform of the edition in force
// — new amounts, rates, caps and thresholds, values for the parameters the text leaves unset — for a period,
// sees the structured diff against the base, runs the what-if (baseline against reform on a stored
// population), and publishes it. Publishing writes each value as a parameter setting effective over the
// period with the edition as its document, so evaluations on dates in the period use it; cases already
// decided keep their decision rows (pack version and parameters used), which nothing rewrites.
//
// Unlike POST /parameters/:id/settings, an edition may change values the text states: it is a new policy
// document superseding them for its period (the setting names it), not an implementing rule filling a gap.
import { diffEditions, type EditionDiff } from '../core/edition-diff.ts';
import { withParameterSettings, type Pack, type ParameterSetting } from '../core/pack.ts';
import { writeTransaction, type Db } from '../store/database.ts';
import type { PolicyEditionRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound, type ErrorDetail } from './errors.ts';
import { parameterSettings } from './parameter-settings.ts';
import { reformSettings, simulate, type SimulationReport } from './simulation.ts';
import type { RunOptions } from './simulation-run.ts';

export interface EditionView {
  id: string;
  base_edition: string;
  title: string;
  period: { from: string; to: string };
  reform: Record<string, number>;
  status: 'draft' | 'published';
  created_by: string;
  created_at: string;
  published_by: string | null;
  published_at: string | null;
}

export interface NewEditionInput { id?: unknown; base?: unknown; title?: unknown; period?: unknown; reform?: unknown }

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: unknown): s is string => typeof s === 'string' && ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** Who reads editions: the policy office writes them; finance, leadership and the auditor read them. */
export const mayReadEditions = (actor: Actor) => ['policy', 'finance', 'leader', 'auditor'].includes(actor.role);
const mayWrite = (actor: Actor) => actor.role === 'policy';

function view(row: PolicyEditionRow): EditionView {
  return {
    id: row.id, base_edition: row.base_edition, title: row.title, period: { from: row.period_from, to: row.period_to },
    reform: JSON.parse(row.reform) as Record<string, number>, status: row.status, created_by: row.created_by, created_at: row.created_at,
    published_by: row.published_by, published_at: row.published_at,
  };
}

/** Field by field; every problem named at once; the reform checked like a simulation's (naming the parameter). */
function validate(pack: Pack, input: NewEditionInput): { id: string; title: string; from: string; to: string; reform: Record<string, number> } {
  const problems: ErrorDetail[] = [];
  const { from: validFrom, to: validTo } = pack.meta.validity;
  const id = typeof input.id === 'string' ? input.id.trim() : '';
  if (!ID.test(id) || id.length > 64) problems.push({ path: 'id', message: 'a lower-case id of at most 64 characters, words joined by "-", e.g. reform-hte-2025' });
  else if (id === pack.meta.edition) problems.push({ path: 'id', message: `${id} is the base edition itself` });
  if (input.base !== undefined && input.base !== pack.meta.edition) problems.push({ path: 'base', message: `the base must be the edition in force, ${pack.meta.edition}` });
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title) problems.push({ path: 'title', message: 'name the edition (e.g. 关于调整高新技术企业认定奖励的通知)' });
  else if (title.length > 200) problems.push({ path: 'title', message: 'at most 200 characters' });
  const period = (typeof input.period === 'object' && input.period !== null ? input.period : {}) as { from?: unknown; to?: unknown };
  // The engine applies an edition's parameters within its validity; a period outside it would never apply.
  const within = `within the base edition's validity ${validFrom} – ${validTo}`;
  if (!isRealDate(period.from)) problems.push({ path: 'period.from', message: 'must be a date YYYY-MM-DD' });
  else if (period.from < validFrom || period.from > validTo) problems.push({ path: 'period.from', message: `must lie ${within}` });
  if (!isRealDate(period.to)) problems.push({ path: 'period.to', message: 'must be a date YYYY-MM-DD' });
  else if (period.to < validFrom || period.to > validTo) problems.push({ path: 'period.to', message: `must lie ${within}` });
  else if (isRealDate(period.from) && period.to < period.from) problems.push({ path: 'period.to', message: 'must not be before period.from' });
  const reform = input.reform;
  if (typeof reform !== 'object' || reform === null || Array.isArray(reform) || Object.keys(reform).length === 0) {
    problems.push({ path: 'reform', message: 'an object of parameter id → new whole value, with at least one parameter' });
  } else {
    try { reformSettings(pack, reform as Record<string, unknown>); } catch (error) {
      const details = (error as { details?: ErrorDetail[] }).details;
      if (details) problems.push(...details.map((d) => ({ ...d, message: `${d.message}: ${(error as Error).message}` })));
      else throw error;
    }
  }
  if (problems.length > 0) throw invalid(`invalid edition: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  return { id, title, from: period.from as string, to: period.to as string, reform: reform as Record<string, number> };
}

export async function createEdition(db: Db, actor: Actor, pack: Pack, input: NewEditionInput): Promise<EditionView> {
  if (!mayWrite(actor)) throw forbidden(`a ${actor.role} account may not draft editions (needs policy)`);
  const edition = validate(pack, input);
  return writeTransaction(db, async (trx) => {
    if (await trx.selectFrom('policy_editions').select('id').where('id', '=', edition.id).executeTakeFirst()) throw conflict(`edition ${edition.id} already exists`);
    const row: PolicyEditionRow = {
      id: edition.id, base_edition: pack.meta.edition, title: edition.title, period_from: edition.from, period_to: edition.to,
      reform: JSON.stringify(edition.reform), status: 'draft', created_by: actor.username, created_at: new Date().toISOString(), published_by: null, published_at: null,
    };
    await trx.insertInto('policy_editions').values(row).execute();
    await appendAudit(trx, { actor: actorLabel(actor), action: 'edition.draft', subject: `edition:${row.id}`, before: null, after: view(row) });
    return view(row);
  });
}

export async function listEditionViews(db: Db, actor: Actor, pack: Pack): Promise<EditionView[]> {
  if (!mayReadEditions(actor)) throw forbidden(`a ${actor.role} account may not read editions`);
  const rows = await db.selectFrom('policy_editions').selectAll().where('base_edition', '=', pack.meta.edition).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(view);
}

async function findEdition(db: Db, pack: Pack, id: string): Promise<EditionView> {
  const row = await db.selectFrom('policy_editions').selectAll().where('id', '=', id).where('base_edition', '=', pack.meta.edition).executeTakeFirst();
  if (!row) throw notFound(`edition ${id}`);
  return view(row);
}

export async function getEdition(db: Db, actor: Actor, pack: Pack, id: string): Promise<EditionView> {
  if (!mayReadEditions(actor)) throw forbidden(`a ${actor.role} account may not read editions`);
  return findEdition(db, pack, id);
}

const settingsOf = (edition: EditionView): ParameterSetting[] => Object.entries(edition.reform).map(([parameter, value]) => ({
  parameter, value, from: edition.period.from, to: edition.period.to, source: `${edition.title}（${edition.id}）`,
}));

/**
 * The edition against its base as in force at the period's start (stored settings applied), values compared
 * on that date. For a published edition the base is read without its own settings, so the diff stays what
 * was published.
 */
export async function editionDiff(db: Db, actor: Actor, pack: Pack, id: string): Promise<{ edition: EditionView; diff: EditionDiff }> {
  const edition = await getEdition(db, actor, pack, id);
  const { base, reformed } = await editionPacks(db, pack, edition);
  const diff = diffEditions(base, reformed, { onA: edition.period.from, onB: edition.period.from });
  diff.to.edition = edition.id;
  return { edition, diff };
}

/** The base as in force (stored settings but the edition's own) and the base with the edition's values. */
export async function editionPacks(db: Db, pack: Pack, edition: EditionView): Promise<{ base: Pack; reformed: Pack }> {
  const own = settingsOf(edition)[0]?.source;
  const stored = (await parameterSettings(db, pack.meta.edition)).filter((s) => s.source !== own);
  const base = withParameterSettings(pack, stored);
  return { base, reformed: withParameterSettings(base, settingsOf(edition)) };
}

/** An edition by id, for the system (the CLI run by the server's operator); undefined when there is none. */
export async function findEditionForSystem(db: Db, pack: Pack, id: string): Promise<EditionView | undefined> {
  const row = await db.selectFrom('policy_editions').selectAll().where('id', '=', id).where('base_edition', '=', pack.meta.edition).executeTakeFirst();
  return row ? view(row) : undefined;
}

export interface WhatIfInput { population?: unknown; take_up?: unknown }

/** Baseline against the edition's reform on a stored population, by the simulation service (policy, finance). */
export async function editionWhatIf(db: Db, actor: Actor, pack: Pack, id: string, input: WhatIfInput, options: RunOptions & { maxSize?: number } = {}): Promise<SimulationReport> {
  const edition = await getEdition(db, actor, pack, id);
  if (typeof input.population !== 'string' || input.population.trim() === '') throw invalid('population: name a stored population', [{ path: 'population', message: 'required' }]);
  const takeUp = input.take_up;
  if (takeUp !== undefined && (typeof takeUp !== 'object' || takeUp === null || Array.isArray(takeUp))) {
    throw invalid('take_up: an object of provision id → whole percent', [{ path: 'take_up', message: 'not an object' }]);
  }
  return simulate(db, actor, pack, { population: input.population, takeUp: takeUp as Record<string, unknown> | undefined, reform: edition.reform }, options);
}

/**
 * Puts the edition in force for its period (policy office; audited): its values become parameter settings
 * effective from period.from to period.to, documented as the edition. Once published it is read-only.
 */
export async function publishEdition(db: Db, actor: Actor, pack: Pack, id: string): Promise<EditionView> {
  if (!mayWrite(actor)) throw forbidden(`a ${actor.role} account may not publish editions (needs policy)`);
  return writeTransaction(db, async (trx) => {
    const edition = await findEdition(trx, pack, id);
    if (edition.status !== 'draft') throw conflict(`edition ${id} is already published (${edition.published_at}): a published edition is read-only`);
    // Re-checked at publication: the reform was valid when drafted, and the pack may have changed since.
    reformSettings(pack, edition.reform);
    const at = new Date().toISOString();
    // The conditional update is the guard against two publications at once: only one finds the draft.
    const updated = await trx.updateTable('policy_editions').set({ status: 'published', published_by: actor.username, published_at: at })
      .where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw conflict(`edition ${id} is already published`);
    for (const s of settingsOf(edition)) {
      await trx.insertInto('parameter_settings').values({
        edition: pack.meta.edition, parameter: s.parameter, value: s.value, effective_from: s.from, effective_to: s.to ?? null,
        document: s.source, set_by: actor.id, set_at: at,
      }).execute();
    }
    const published: EditionView = { ...edition, status: 'published', published_by: actor.username, published_at: at };
    await appendAudit(trx, { actor: actorLabel(actor), action: 'edition.published', subject: `edition:${id}`, before: { status: 'draft' }, after: published });
    return published;
  });
}
