// The calculator as it stands today: the pack's parameters plus the values the policy office has set for
// the ones the text leaves unset (parameter_settings). Every evaluation that decides money (submission,
// approval) and the public calculator use it, so a setting takes effect everywhere at once.
import { withParameterSettings, type ParameterSetting } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import { Calculator } from './evaluation.ts';

export async function parameterSettings(db: Db, edition: string): Promise<ParameterSetting[]> {
  const rows = await db.selectFrom('parameter_settings').selectAll().where('edition', '=', edition).orderBy('id').execute();
  return rows.map((r) => ({ parameter: r.parameter, value: r.value, from: r.effective_from, ...(r.effective_to ? { to: r.effective_to } : {}), source: r.document }));
}

const cache = new WeakMap<Calculator, { lastId: number; calculator: Calculator }>();

/** The base calculator with the stored settings applied; rebuilt only when a setting was added since. */
export async function effectiveCalculator(db: Db, base: Calculator): Promise<Calculator> {
  const edition = base.pack.meta.edition;
  const last = await db.selectFrom('parameter_settings').select((eb) => eb.fn.max('id').as('id')).where('edition', '=', edition).executeTakeFirst();
  const lastId = Number(last?.id ?? 0);
  const cached = cache.get(base);
  if (cached && cached.lastId === lastId) return cached.calculator;
  const calculator = lastId === 0 ? base : new Calculator(withParameterSettings(base.pack, await parameterSettings(db, edition)), base.rules);
  cache.set(base, { lastId, calculator });
  return calculator;
}
