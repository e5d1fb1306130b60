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
  totals: { exact: number; ceilings: number; eligible: number; pending: number; undetermined: number };
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

export function evaluateProfile(pack: Pack, rules: readonly ProvisionRule[], profile: Profile, options: EvaluateOptions): Evaluation {
  const asOf = options.asOf ?? `${options.year}-12-31`;
  const inForce = pack.meta.validity.from <= asOf && `${options.year}-01-01` <= pack.meta.validity.to && asOf >= `${options.year}-01-01`;
  const params = parametersAt(pack, asOf);
  const trace = options.trace ?? true;
  const used = new Set<string>();
  const results = rules.map((rule) => evaluateRule(pack, rule, profile, options.year, params, inForce, trace, used));
  applyExclusions(pack, results);
  const paid = results.filter((r) => r.status === 'eligible' && r.amount !== undefined);
  return {
    edition: pack.meta.edition,
    year: options.year,
    as_of: asOf,
    beneficiary: { id: profile.id, name: profile.name, kind: profile.kind },
    in_force: inForce,
    results,
    totals: {
      exact: paid.filter((r) => r.amount_kind !== 'ceiling' && r.kind === 'provision').reduce((s, r) => s + r.amount!, 0),
      ceilings: paid.filter((r) => r.amount_kind === 'ceiling' && r.kind === 'provision').reduce((s, r) => s + r.amount!, 0),
      eligible: results.filter((r) => r.status === 'eligible').length,
      pending: results.filter((r) => r.status === 'pending').length,
      undetermined: results.filter((r) => r.status === 'undetermined').length,
    },
    parameters_used: [...used].sort().map((id) => {
      const p = params.get(id)!;
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

function evaluateRule(pack: Pack, rule: ProvisionRule, profile: Profile, year: number, params: Map<string, ParamValue>, inForce: boolean, trace: boolean, used: Set<string>): ProvisionResult {
  const meta = describe(pack, rule.provision);
  const base = {
    provision: rule.provision, catalogue: meta.catalogue, kind: meta.kind, title: meta.title, article: meta.article, quote: meta.quote,
    amount_kind: meta.amountKind, missing_facts: [] as string[], pending_parameters: [] as string[], near_misses: [] as NearMiss[],
  };
  if (!inForce) return { ...base, status: 'not-in-force' };
  if (!rule.who.includes(profile.kind)) return { ...base, status: 'not-applicable' };
  for (const id of parametersOf(rule.when)) used.add(id);
  const ctx = { profile, year, params };
  const when = evaluate(rule.when, ctx, trace);
  const conditions = when.step;
  if (when.out.s === 'u') return { ...base, status: 'undetermined', missing_facts: when.out.missing, trace: conditions && { conditions } };
  if (when.out.s === 'v' && !when.out.v) {
    return { ...base, status: 'not-eligible', near_misses: nearMisses(when.misses ?? []), trace: conditions && { conditions } };
  }
  for (const id of parametersOf(rule.amount)) used.add(id);
  const amount = evaluate(rule.amount, ctx, trace);
  const stepTrace = conditions && { conditions, amount: amount.step };
  const pendingInWhen = when.out.s === 'p' ? when.out.params : [];
  if (amount.out.s === 'u') return { ...base, status: 'undetermined', missing_facts: amount.out.missing, pending_parameters: pendingInWhen, trace: stepTrace };
  if (amount.out.s === 'p' || pendingInWhen.length > 0) {
    return { ...base, status: 'pending', pending_parameters: [...new Set([...pendingInWhen, ...(amount.out.s === 'p' ? amount.out.params : [])])], trace: stepTrace };
  }
  const value = amount.out.v as number;
  if (value <= 0) return { ...base, status: 'not-eligible', amount: 0, trace: stepTrace };
  return { ...base, status: 'eligible', amount: value, trace: stepTrace };
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
function applyExclusions(pack: Pack, results: ProvisionResult[]): void {
  const byId = new Map(results.map((r) => [r.provision, r]));
  for (const provision of pack.provisions) {
    const self = byId.get(provision.id);
    if (!self || (self.status !== 'eligible' && self.status !== 'pending')) continue;
    for (const otherId of provision.excludes) {
      const other = byId.get(otherId);
      if (!other || (other.status !== 'eligible' && other.status !== 'pending')) continue;
      const selfWins = (self.amount ?? -1) > (other.amount ?? -1) || ((self.amount ?? -1) === (other.amount ?? -1) && pack.provisions.findIndex((p) => p.id === self.provision) < pack.provisions.findIndex((p) => p.id === other.provision));
      const loser = selfWins ? other : self;
      const winner = selfWins ? self : other;
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
}
