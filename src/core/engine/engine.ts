// Evaluates a beneficiary profile for a policy year against every provision of a pack: the status, the
// amount, the trace in the policy's words, the missing facts, the unset parameters and the near misses.
import type { Pack } from '../pack.ts';
import { parameterValueAt } from '../pack.ts';
import type { Bilingual } from '../pack-schema.ts';
import type { BeneficiaryKind, Profile } from '../profile.ts';
import type { Expr } from './expr.ts';
import { parametersOf } from './expr.ts';
import { evaluate, type Miss, type ParamValue, type TraceStep } from './evaluate.ts';
import { formatYuan } from '../money.ts';
import { resolveStacking, type StackingRuleSpec } from './stacking.ts';

/** One provision (or stated tax preference) as executable rule. */
export interface ProvisionRule {
  /** Pack id of the provision or tax preference. */
  provision: string;
  /** Kinds of beneficiary the provision is for; others get "not applicable". */
  who: BeneficiaryKind[];
  /** The conditions, all from the clause. */
  when: Expr;
  /** The amount in whole yuan (a ceiling for 最高/不超过 provisions, a floor for 不低于 ones). */
  amount: Expr;
}

export type ResultStatus = 'eligible' | 'not-eligible' | 'undetermined' | 'pending' | 'not-in-force' | 'not-applicable' | 'excluded';
export type AmountKind = 'exact' | 'ceiling' | 'floor';

export interface NearMiss {
  /** e.g. "2024年研发费用较2023年研发费用增长率达到门槛: 19.9% < 20%" */
  condition: Bilingual;
  quote?: string;
  shortfall: number;
  /** e.g. "再增加 12000元 的 2024年研发费用 即可满足" */
  advice: Bilingual;
}

export interface ProvisionResult {
  provision: string;
  catalogue: string;
  kind: 'provision' | 'tax-preference';
  title: Bilingual;
  article: number | undefined;
  quote: string;
  status: ResultStatus;
  amount?: number;
  amount_kind: AmountKind;
  missing_facts: string[];
  pending_parameters: string[];
  excluded_by?: { provision: string; reason: Bilingual };
  near_misses: NearMiss[];
  trace?: { conditions: TraceStep; amount?: TraceStep };
}

export interface Evaluation {
  edition: string;
  year: number;
  as_of: string;
  beneficiary: { id: string; name: string; kind: BeneficiaryKind };
  in_force: boolean;
  results: ProvisionResult[];
  /** Sums of eligible provision amounts by kind: exact sums, ceilings (最高), floors (不低于 / standards). */
  totals: { exact: number; ceilings: number; floors: number; eligible: number; pending: number; undetermined: number };
  /** Stacking rules that disagreed about the same awards: reported, not resolved. */
  conflicts: { rules: [string, string]; provisions: string[] }[];
  /** Every parameter read, with the dated entry used: the evaluation can be reproduced. */
  parameters_used: { id: string; value: number | null; from: string; source: string }[];
}

export interface EvaluateOptions {
  year: number;
  /** Date at which parameters are read; default the last day of the year. */
  asOf?: string;
  trace?: boolean;
}

const AMOUNT_KIND: Record<string, AmountKind> = { ceiling: 'ceiling', 'rate-ceiling': 'ceiling', floor: 'floor' };

/** Parameters in force on a date, as the interpreter reads them. */
export function parametersAt(pack: Pack, date: string): Map<string, ParamValue> {
  const map = new Map<string, ParamValue>();
  for (const p of pack.parameters) {
    const entry = parameterValueAt(p, date);
    map.set(p.id, {
      id: p.id, label: p.label, unit: p.unit, denominator: p.denominator, quote: p.quote,
      value: entry?.value ?? null, from: entry?.from ?? '', source: entry?.source ?? `no value in force on ${date}`,
    });
  }
  return map;
}

export interface PreparedRule {
  rule: ProvisionRule;
  meta: ReturnType<typeof describe>;
  whenParams: string[];
  amountParams: string[];
}

export interface Prepared {
  params: Map<string, ParamValue>;
  rules: PreparedRule[];
  /** [loser candidate index, other index] pairs of mutually exclusive provisions, each pair once. */
  exclusions: [number, number][];
  order: Map<string, number>;
  stacking: StackingRuleSpec[];
}

// Rules and parameters are prepared once per pack, rule set and evaluation date, not per profile.
const prepared = new WeakMap<Pack, WeakMap<readonly ProvisionRule[], Map<string, Prepared>>>();

export function prepare(pack: Pack, rules: readonly ProvisionRule[], asOf: string): Prepared {
  let byRules = prepared.get(pack);
  if (!byRules) {
    byRules = new WeakMap();
    prepared.set(pack, byRules);
  }
  let byDate = byRules.get(rules);
  if (!byDate) {
    byDate = new Map();
    byRules.set(rules, byDate);
  }
  const key = asOf;
  let p = byDate.get(key);
  if (!p) {
    const index = new Map(rules.map((r, i) => [r.provision, i]));
    const exclusions: [number, number][] = [];
    for (const [a, b] of exclusionPairs(pack)) {
      const [i, j] = [index.get(a), index.get(b)];
      if (i !== undefined && j !== undefined) exclusions.push([i, j]);
    }
    p = {
      params: parametersAt(pack, asOf),
      rules: rules.map((rule) => ({ rule, meta: describe(pack, rule.provision), whenParams: [...parametersOf(rule.when)], amountParams: [...parametersOf(rule.amount)] })),
      exclusions,
      order: new Map([...pack.provisions, ...pack.taxPreferences].map((x, i) => [x.id, i])),
      stacking: stackingSpecs(pack, rules.map((r) => r.provision)),
    };
    byDate.set(key, p);
  }
  return p;
}

/** The edition is in force for the policy year, read on asOf. */
export function inForceOn(pack: Pack, year: number, asOf: string): boolean {
  return pack.meta.validity.from <= asOf && `${year}-01-01` <= pack.meta.validity.to && asOf >= `${year}-01-01`;
}

export function evaluateProfile(pack: Pack, rules: readonly ProvisionRule[], profile: Profile, options: EvaluateOptions): Evaluation {
  const asOf = options.asOf ?? `${options.year}-12-31`;
  const inForce = inForceOn(pack, options.year, asOf);
  const prep = prepare(pack, rules, asOf);
  const trace = options.trace ?? true;
  const used = new Set<string>();
  const results = prep.rules.map((r) => evaluateRule(r, profile, options.year, prep.params, inForce, trace, used));
  applyExclusions(pack, prep, results);
  const conflicts = applyStacking(pack, prep, results);
  const paid = results.filter((r) => r.status === 'eligible' && r.amount !== undefined);
  return {
    edition: pack.meta.edition,
    year: options.year,
    as_of: asOf,
    beneficiary: { id: profile.id, name: profile.name, kind: profile.kind },
    in_force: inForce,
    results,
    totals: {
      exact: paid.filter((r) => r.amount_kind === 'exact' && r.kind === 'provision').reduce((s, r) => s + r.amount!, 0),
      ceilings: paid.filter((r) => r.amount_kind === 'ceiling' && r.kind === 'provision').reduce((s, r) => s + r.amount!, 0),
      floors: paid.filter((r) => r.amount_kind === 'floor' && r.kind === 'provision').reduce((s, r) => s + r.amount!, 0),
      eligible: results.filter((r) => r.status === 'eligible').length,
      pending: results.filter((r) => r.status === 'pending').length,
      undetermined: results.filter((r) => r.status === 'undetermined').length,
    },
    conflicts,
    parameters_used: [...used].sort().map((id) => {
      const p = prep.params.get(id)!;
      return { id, value: p.value, from: p.from, source: p.source };
    }),
  };
}

function describe(pack: Pack, id: string) {
  const provision = pack.provisions.find((p) => p.id === id);
  if (provision) {
    return {
      kind: 'provision' as const, catalogue: provision.catalogue, title: provision.title, quote: provision.quote,
      article: provision.section.kind === 'article' ? provision.section.number : undefined, amountKind: AMOUNT_KIND[provision.basis] ?? 'exact',
    };
  }
  const tax = pack.taxPreferences.find((t) => t.id === id);
  if (tax) {
    return { kind: 'tax-preference' as const, catalogue: tax.catalogue, title: tax.title, quote: tax.quote, article: tax.section.kind === 'article' ? tax.section.number : undefined, amountKind: 'exact' as AmountKind };
  }
  throw new Error(`rule for unknown provision "${id}"`);
}

export function evaluateRule(prepared: PreparedRule, profile: Profile, year: number, params: Map<string, ParamValue>, inForce: boolean, trace: boolean, used: Set<string>): ProvisionResult {
  const { rule, meta } = prepared;
  const result: ProvisionResult = {
    provision: rule.provision, catalogue: meta.catalogue, kind: meta.kind, title: meta.title, article: meta.article, quote: meta.quote,
    status: 'not-eligible', amount_kind: meta.amountKind, missing_facts: [], pending_parameters: [], near_misses: [],
  };
  if (!inForce) return settle(result, 'not-in-force');
  if (!rule.who.includes(profile.kind)) return settle(result, 'not-applicable');
  for (const id of prepared.whenParams) used.add(id);
  const ctx = { profile, year, params };
  const when = evaluate(rule.when, ctx, trace);
  if (when.step) result.trace = { conditions: when.step };
  if (when.out.s === 'u') {
    result.missing_facts = when.out.missing;
    return settle(result, 'undetermined');
  }
  if (when.out.s === 'v' && !when.out.v) {
    if (trace) result.near_misses = nearMisses(when.misses ?? []);
    return settle(result, 'not-eligible');
  }
  for (const id of prepared.amountParams) used.add(id);
  const amount = evaluate(rule.amount, ctx, trace);
  if (result.trace) result.trace.amount = amount.step;
  const pendingInWhen = when.out.s === 'p' ? when.out.params : [];
  if (amount.out.s === 'u') {
    result.missing_facts = amount.out.missing;
    result.pending_parameters = pendingInWhen;
    return settle(result, 'undetermined');
  }
  if (amount.out.s === 'p' || pendingInWhen.length > 0) {
    result.pending_parameters = [...new Set([...pendingInWhen, ...(amount.out.s === 'p' ? amount.out.params : [])])];
    return settle(result, 'pending');
  }
  const value = amount.out.v as number;
  result.amount = value <= 0 ? 0 : value;
  return settle(result, value <= 0 ? 'not-eligible' : 'eligible');
}

function settle(result: ProvisionResult, status: ResultStatus): ProvisionResult {
  result.status = status;
  return result;
}

/** Near misses: every failed condition is a numeric threshold, at most two of them. */
function nearMisses(misses: Miss[]): NearMiss[] {
  if (misses.length === 0 || misses.length > 2 || misses.some((m) => !m.numeric || m.shortfall === undefined || m.shortfall <= 0)) return [];
  return misses.map((m) => {
    const amount = m.subjectIsMoney ? formatYuan(m.shortfall!) : String(m.shortfall);
    const amountEn = m.subjectIsMoney ? formatYuan(m.shortfall!, 'en') : String(m.shortfall);
    return {
      condition: m.label,
      quote: m.quote,
      shortfall: m.shortfall!,
      advice: {
        zh: `${m.subject?.zh ?? ''}再增加 ${amount} 即可满足`,
        en: `${amountEn} more ${m.subject?.en ?? ''} would meet it`,
      },
    };
  });
}

/** Mutually exclusive provisions (declared on both sides in the pack) pay one: the highest amount. */
function applyExclusions(pack: Pack, prep: Prepared, results: ProvisionResult[]): void {
  const live = (r: ProvisionResult) => r.status === 'eligible' || r.status === 'pending';
  for (const [i, j] of prep.exclusions) {
    const [a, b] = [results[i]!, results[j]!];
    if (!live(a) || !live(b)) continue;
    // Higher amount wins (pending counts as -1); on a tie the provision first in the pack wins.
    const [x, y] = [a.amount ?? -1, b.amount ?? -1];
    const aWins = x > y || (x === y && (prep.order.get(a.provision) ?? 0) < (prep.order.get(b.provision) ?? 0));
    const [winner, loser] = aWins ? [a, b] : [b, a];
    const rule = pack.rules.find((r) => r.exclusive?.includes(loser.provision));
    loser.status = 'excluded';
    loser.excluded_by = {
      provision: winner.provision,
      reason: {
        zh: `与「${winner.title.zh}」互斥，同一事项只享受一项${rule ? `（${rule.id}）` : ''}`,
        en: `exclusive with "${winner.title.en}": one event pays once${rule ? ` (${rule.id})` : ''}`,
      },
    };
  }
}

/** Mutually exclusive pairs (provisions, tax preferences), each once, the one earlier in the pack first (it wins ties). */
export function exclusionPairs(pack: Pack): [string, string][] {
  const items = [...pack.provisions, ...pack.taxPreferences];
  const order = new Map(items.map((p, i) => [p.id, i]));
  return items.flatMap((p) => p.excludes.filter((other) => (order.get(other) ?? -1) > order.get(p.id)!).map((other) => [p.id, other] as [string, string]));
}

/** Enabled stacking rules of the pack, with provision ids turned into result slots. */
export function stackingSpecs(pack: Pack, ids: readonly string[]): StackingRuleSpec[] {
  return pack.stacking.filter((r) => r.enabled).map((r) => ({
    id: r.id,
    policy: r.policy,
    groups: r.groups.map((g) => g.map((id) => ids.indexOf(id)).filter((slot) => slot >= 0)).filter((g) => g.length >= 2),
  }));
}

function applyStacking(pack: Pack, prep: Prepared, results: ProvisionResult[]): Evaluation['conflicts'] {
  if (prep.stacking.length === 0) return [];
  const values = results.map((r) => (r.status === 'eligible' ? r.amount ?? 0 : r.status === 'pending' ? -3 : -1));
  const outcome = resolveStacking(values, prep.stacking);
  for (const [slot, { rule, winner }] of outcome.excluded) {
    const loser = results[slot]!;
    const stayed = results[winner]!;
    const title = pack.stacking.find((s) => s.id === rule)?.title ?? { zh: rule, en: rule };
    loser.status = 'excluded';
    loser.excluded_by = {
      provision: stayed.provision,
      reason: { zh: `${title.zh}：与「${stayed.title.zh}」为同一事项，只享受一项`, en: `${title.en}: the same event as "${stayed.title.en}", paid once` },
    };
  }
  return outcome.conflicts.map((c) => ({ rules: c.rules, provisions: c.slots.map((slot) => results[slot]!.provision) }));
}
