// The calculator as it stands today: the pack's parameters plus the values the policy office has set for
// the ones the text leaves unset (parameter_settings). Every evaluation that decides money (submission,
// approval) and the public calculator use it, so a setting takes effect everywhere at once.
import { withParameterSettings, type ParameterSetting } from '../core/pack.ts';
import type { CompiledQuery } from 'kysely';
import { dialectOf, type Db } from '../store/database.ts';
import { Calculator } from './evaluation.ts';

export async function parameterSettings(db: Db, edition: string): Promise<ParameterSetting[]> {
  const rows = await db.selectFrom('parameter_settings').selectAll().where('edition', '=', edition).orderBy('id').execute();
  return rows.map((r) => ({ parameter: r.parameter, value: r.value, from: r.effective_from, ...(r.effective_to ? { to: r.effective_to } : {}), source: r.document }));
}

const cache = new WeakMap<Calculator, { lastId: number; calculator: Calculator }>();

// This check runs on every evaluation (the public calculator included): the query is built and compiled
// once per dialect and edition, which halves its cost (bench/api).
const newestQueries = new Map<string, CompiledQuery<{ id: number | string | null }>>();

// Concurrent evaluations outside a transaction share the check in flight (under load, one query serves
// the requests that arrived while it ran) instead of queueing one query each on the connection.
const inFlight = new WeakMap<Db, Map<string, Promise<number>>>();

function newestSettingId(db: Db, edition: string): Promise<number> {
  if (db.isTransaction) return queryNewestSettingId(db, edition);
  let byEdition = inFlight.get(db);
  if (!byEdition) {
    byEdition = new Map();
    inFlight.set(db, byEdition);
  }
  let pending = byEdition.get(edition);
  if (!pending) {
    const running = queryNewestSettingId(db, edition).finally(() => byEdition.delete(edition));
    byEdition.set(edition, running);
    pending = running;
  }
  return pending;
}

async function queryNewestSettingId(db: Db, edition: string): Promise<number> {
  const key = `${dialectOf(db)}:${edition}`;
  let query = newestQueries.get(key);
  if (!query) {
    query = db.selectFrom('parameter_settings').select((eb) => eb.fn.max('id').as('id')).where('edition', '=', edition).compile();
    newestQueries.set(key, query);
  }
  const result = await db.executeQuery(query);
  return Number(result.rows[0]?.id ?? 0);
}

/** The base calculator with the stored settings applied; rebuilt only when a setting was added since. */
export async function effectiveCalculator(db: Db, base: Calculator): Promise<Calculator> {
  const edition = base.pack.meta.edition;
  const lastId = await newestSettingId(db, edition);
  const cached = cache.get(base);
  if (cached && cached.lastId === lastId) return cached.calculator;
  const calculator = lastId === 0 ? base : new Calculator(withParameterSettings(base.pack, await parameterSettings(db, edition)), base.rules);
  cache.set(base, { lastId, calculator });
  return calculator;
}
