// The rule language: a provision is written once as an expression tree built with these functions.
// Because the rule is data, one definition yields the evaluation, the trace, the missing facts, the near
// misses and the compiled batch function. Rules never hold an amount: amounts, rates, caps and thresholds
// are parameters of the pack, read with param().
import type { Bilingual } from '../pack-schema.ts';

export type Scalar = number | string | boolean;
export type CmpOp = '>=' | '>' | '<=' | '<' | '==' | '!=';
/** Lists of the profile that rules quantify over. */
export type ProfileList =
  | 'recognitions' | 'assessments' | 'financial_years' | 'incubation' | 'contracts' | 'projects' | 'premiums'
  | 'prizes' | 'grants_received' | 'compute_spend';
/** Scalar facts at the top of the profile (dotted for welfare.* and software_tax.*). */
export type ProfileFact =
  | 'kind' | 'industrial' | 'above_scale_entry_year'
  | 'welfare.dibao_household' | 'welfare.elderly_in_hardship' | 'welfare.assisted_reproduction_needed'
  | 'welfare.trade_in_digital_purchase' | 'welfare.event_hotel_stay'
  | 'software_tax.first_profit_year' | 'software_tax.statutory_rate_percent';
export type FinancialField = 'revenue' | 'rd_expense' | 'above_scale' | 'taxable_profit';

interface Base {
  /** Words for the trace; generated from the node when absent. */
  label?: Bilingual;
  /** The phrase of the clause this node encodes. */
  quote?: string;
}

export type Expr =
  | (Base & { k: 'fact'; path: ProfileFact })
  | (Base & { k: 'field'; item: string; name: string })
  | (Base & { k: 'fy'; offset: number; field: FinancialField })
  | (Base & { k: 'year'; offset: number })
  | (Base & { k: 'yearBound'; end: boolean })
  | (Base & { k: 'param'; id: string })
  | (Base & { k: 'lit'; value: Scalar })
  | (Base & { k: 'cmp'; op: CmpOp; a: Expr; b: Expr })
  | (Base & { k: 'oneOf'; a: Expr; values: Scalar[] })
  | (Base & { k: 'ratioAtLeast'; num: Expr; den: Expr; percent: Expr; plus: number })
  | (Base & { k: 'and' | 'or'; items: Expr[] })
  | (Base & { k: 'not'; item: Expr })
  | (Base & { k: 'arith'; op: 'add' | 'sub' | 'mul' | 'min' | 'max'; items: Expr[] })
  | (Base & { k: 'pct'; base: Expr; rate: Expr })
  | (Base & { k: 'scale'; base: Expr; ratio: Expr })
  | (Base & { k: 'if'; cond: Expr; then: Expr; else: Expr })
  | (Base & { k: 'addYears'; date: Expr; years: Expr })
  | (Base & { k: 'monthOf'; date: Expr })
  | (Base & { k: 'known'; item: Expr })
  | (Base & { k: 'quant'; q: 'sum' | 'count' | 'exists' | 'every'; as: string; list: ProfileList | { item: string; name: string }; where?: Expr; value?: Expr });

// ---- builders -------------------------------------------------------------------------------------

type Opts = Base;
const withOpts = <T extends Expr>(node: T, opts?: Opts): T => (opts ? { ...node, ...opts } : node);

/** A scalar fact of the profile (absent → unknown). */
export const fact = (path: ProfileFact, opts?: Opts): Expr => withOpts({ k: 'fact', path }, opts);
/** A field of the item bound by a quantifier (absent → unknown). */
export const field = (item: string, name: string, opts?: Opts): Expr => withOpts({ k: 'field', item, name }, opts);
/** A field of the financial year (policy year + offset): fy(-1, 'rd_expense') is last year's R&D. */
export const fy = (offset: number, name: FinancialField, opts?: Opts): Expr => withOpts({ k: 'fy', offset, field: name }, opts);
/** The policy year + offset, as a number. */
export const policyYear = (offset = 0): Expr => ({ k: 'year', offset });
/** First (YYYY-01-01) and last (YYYY-12-31) day of the policy year. */
export const yearStart = (): Expr => ({ k: 'yearBound', end: false });
export const yearEnd = (): Expr => ({ k: 'yearBound', end: true });
/** A parameter of the pack, in force on the evaluation date. */
export const param = (id: string, opts?: Opts): Expr => withOpts({ k: 'param', id }, opts);
/** A literal: enum strings, booleans and structural numbers (0, 1) only — never an amount. */
export const lit = (value: Scalar): Expr => ({ k: 'lit', value });

const cmp = (op: CmpOp) => (a: Expr, b: Expr, opts?: Opts): Expr => withOpts({ k: 'cmp', op, a, b }, opts);
export const gte = cmp('>=');
export const gt = cmp('>');
export const lte = cmp('<=');
export const lt = cmp('<');
export const eq = cmp('==');
export const ne = cmp('!=');
export const oneOf = (a: Expr, values: Scalar[], opts?: Opts): Expr => withOpts({ k: 'oneOf', a, values }, opts);
/** num ÷ den ≥ percent %, cross-multiplied so no division or float enters (num·100 ≥ den·percent). */
export const ratioAtLeast = (num: Expr, den: Expr, percent: Expr, opts?: Opts): Expr => withOpts({ k: 'ratioAtLeast', num, den, percent, plus: 0 }, opts);
/** Growth of cur over prev ≥ percent %: cur·100 ≥ prev·(100 + percent). */
export const growthAtLeast = (cur: Expr, prev: Expr, percent: Expr, opts?: Opts): Expr => withOpts({ k: 'ratioAtLeast', num: cur, den: prev, percent, plus: 100 }, opts);

export const all = (items: Expr[], opts?: Opts): Expr => withOpts({ k: 'and', items }, opts);
export const any = (items: Expr[], opts?: Opts): Expr => withOpts({ k: 'or', items }, opts);
export const not = (item: Expr, opts?: Opts): Expr => withOpts({ k: 'not', item }, opts);

export const add = (...items: Expr[]): Expr => ({ k: 'arith', op: 'add', items });
export const sub = (a: Expr, b: Expr): Expr => ({ k: 'arith', op: 'sub', items: [a, b] });
/** a × b, for a count of events times an amount per event. */
export const mul = (a: Expr, b: Expr, opts?: Opts): Expr => withOpts({ k: 'arith', op: 'mul', items: [a, b] }, opts);
export const min = (items: Expr[], opts?: Opts): Expr => withOpts({ k: 'arith', op: 'min', items }, opts);
export const max = (items: Expr[], opts?: Opts): Expr => withOpts({ k: 'arith', op: 'max', items }, opts);
/** floor(base × rate ÷ 100): a percentage of an integer amount, in integers. */
export const pct = (base: Expr, rate: Expr, opts?: Opts): Expr => withOpts({ k: 'pct', base, rate }, opts);
/** floor(base × ratio), where ratio is a ratio parameter (value ÷ denominator), e.g. 减半 = 1/2. */
export const scale = (base: Expr, ratio: Expr, opts?: Opts): Expr => withOpts({ k: 'scale', base, ratio }, opts);
export const ifThen = (cond: Expr, then: Expr, otherwise: Expr, opts?: Opts): Expr => withOpts({ k: 'if', cond, then, else: otherwise }, opts);
/** A date (YYYY-MM-DD) plus whole years. */
export const addYears = (date: Expr, years: Expr): Expr => ({ k: 'addYears', date, years });
/** YYYY-MM of a date. */
export const monthOf = (date: Expr): Expr => ({ k: 'monthOf', date });
/** True when the fact is given, false when absent: for optional facts whose absence means something (no graduation yet). */
export const known = (item: Expr, opts?: Opts): Expr => withOpts({ k: 'known', item }, opts);

type ListRef = ProfileList | { item: string; name: string };
const quant = (q: 'sum' | 'count' | 'exists' | 'every') =>
  (as: string, list: ListRef, where?: Expr, value?: Expr, opts?: Opts): Expr => withOpts({ k: 'quant', q, as, list, where, value }, opts);
/** Σ value over the items of a list that satisfy where. */
export const sumOf = (as: string, list: ListRef, where: Expr | undefined, value: Expr, opts?: Opts) => quant('sum')(as, list, where, value, opts);
export const countOf = (as: string, list: ListRef, where?: Expr, opts?: Opts) => quant('count')(as, list, where, undefined, opts);
export const exists = (as: string, list: ListRef, where: Expr, opts?: Opts) => quant('exists')(as, list, where, undefined, opts);
export const every = (as: string, list: ListRef, where: Expr, opts?: Opts) => quant('every')(as, list, where, undefined, opts);
/** A nested list: the field `name` of the item bound as `item`. */
export const itemList = (item: string, name: string): ListRef => ({ item, name });

/** Every parameter an expression reads. */
export function parametersOf(expr: Expr, into = new Set<string>()): Set<string> {
  if (expr.k === 'param') into.add(expr.id);
  for (const child of childrenOf(expr)) parametersOf(child, into);
  return into;
}

export function childrenOf(expr: Expr): Expr[] {
  switch (expr.k) {
    case 'cmp': return [expr.a, expr.b];
    case 'oneOf': return [expr.a];
    case 'ratioAtLeast': return [expr.num, expr.den, expr.percent];
    case 'and': case 'or': case 'arith': return expr.items;
    case 'not': return [expr.item];
    case 'pct': return [expr.base, expr.rate];
    case 'scale': return [expr.base, expr.ratio];
    case 'if': return [expr.cond, expr.then, expr.else];
    case 'addYears': return [expr.date, expr.years];
    case 'monthOf': return [expr.date];
    case 'known': return [expr.item];
    case 'quant': return [expr.where, expr.value].filter((e): e is Expr => e !== undefined);
    default: return [];
  }
}
