// The interpreter of rule expressions: three-valued (a value, unknown for missing facts, pending for
// unset parameters), with a trace of every step and the failed thresholds that make near misses.
import type { Bilingual, ParameterUnit } from '../pack-schema.ts';
import type { Profile } from '../profile.ts';
import type { Expr, Scalar } from './expr.ts';
import { describeNode, displayValue, factLabel, fieldLabel, fyLabel, isMoneyField } from './labels.ts';

export interface ParamValue {
  id: string;
  label: Bilingual;
  unit: ParameterUnit;
  value: number | null;
  denominator?: number;
  /** The dated entry used: its first day and the document that states it. */
  from: string;
  source: string;
  quote: string;
}

export interface EvalContext {
  profile: Profile;
  year: number;
  params: ReadonlyMap<string, ParamValue>;
}

export type Out = { s: 'v'; v: Scalar } | { s: 'u'; missing: string[] } | { s: 'p'; params: string[] };

/** A threshold that was not met, with how far off it was (for near misses). */
export interface Miss {
  numeric: boolean;
  label: Bilingual;
  quote?: string;
  /** How much more of `subject` would meet it (in the subject's unit); numeric misses only. */
  shortfall?: number;
  subject?: Bilingual;
  subjectIsMoney?: boolean;
}

export interface TraceStep {
  label: Bilingual;
  quote?: string;
  /** The value the step produced; absent when unknown or pending. */
  value?: Scalar;
  display?: string;
  status: 'value' | 'unknown' | 'pending';
  missing?: string[];
  pending?: string[];
  parameter?: { id: string; from: string; source: string };
  children?: TraceStep[];
}

interface Evaluated {
  out: Out;
  step?: TraceStep;
  misses?: Miss[];
}

/** Items bound by enclosing quantifiers, innermost first. */
interface Scope {
  name: string;
  item: Record<string, unknown>;
  listPath: string;
  index: number;
  parent: Scope | undefined;
}

function lookup(scope: Scope | undefined, name: string): Scope | undefined {
  for (let s = scope; s; s = s.parent) if (s.name === name) return s;
  return undefined;
}

const pathOf = (s: Scope) => `${s.listPath}[${s.index}]`;
const TRUE: Out = { s: 'v', v: true };
const FALSE: Out = { s: 'v', v: false };
const bool = (b: boolean): Out => (b ? TRUE : FALSE);

const UNKNOWN = (missing: string[]): Out => ({ s: 'u', missing });
const MAX_ITEM_STEPS = 12;

export function evaluate(expr: Expr, ctx: EvalContext, trace = true): Evaluated {
  return new Interpreter(ctx, trace).run(expr, undefined);
}

class Interpreter {
  constructor(private readonly ctx: EvalContext, private readonly trace: boolean) {}

  run(e: Expr, scope: Scope | undefined): Evaluated {
    const result = this.node(e, scope);
    if (this.trace && result.step) {
      if (e.label) result.step.label = e.label;
      if (e.quote) result.step.quote = e.quote;
    }
    return result;
  }

  private step(e: Expr, out: Out, label: Bilingual, children?: (TraceStep | undefined)[], extra?: Partial<TraceStep>): TraceStep | undefined {
    if (!this.trace) return undefined;
    const step: TraceStep = { label, status: out.s === 'v' ? 'value' : out.s === 'u' ? 'unknown' : 'pending' };
    if (out.s === 'v') step.value = out.v;
    else if (out.s === 'u') step.missing = out.missing;
    else step.pending = out.params;
    if (children) {
      const kids: TraceStep[] = [];
      for (const c of children) if (c !== undefined) kids.push(c);
      if (kids.length > 0) step.children = kids;
    }
    if (extra) Object.assign(step, extra);
    if (e.quote) step.quote = e.quote;
    return step;
  }

  private node(e: Expr, scope: Scope | undefined): Evaluated {
    const { ctx } = this;
    switch (e.k) {
      case 'lit': return { out: { s: 'v', v: e.value } };
      case 'year': return { out: { s: 'v', v: ctx.year + e.offset } };
      case 'yearBound': return { out: { s: 'v', v: `${ctx.year}-${e.end ? '12-31' : '01-01'}` } };
      case 'fact': {
        const dot = e.path.indexOf('.');
        const [head, tail] = dot < 0 ? [e.path, undefined] : [e.path.slice(0, dot), e.path.slice(dot + 1)];
        const top = (ctx.profile as Record<string, unknown>)[head];
        const value = tail === undefined ? top : (top as Record<string, unknown> | undefined)?.[tail];
        const out = value === undefined ? UNKNOWN([e.path]) : { s: 'v' as const, v: value as Scalar };
        return { out, step: this.trace ? this.step(e, out, factLabel(e.path), undefined, out.s === 'v' ? { display: displayValue(out.v, false) } : undefined) : undefined };
      }
      case 'fy': {
        const year = ctx.year + e.offset;
        const record = ctx.profile.financial_years?.find((f) => f.year === year);
        const value = record?.[e.field];
        const out = value === undefined ? UNKNOWN([`financial_years[${year}].${e.field}`]) : { s: 'v' as const, v: value };
        return { out, step: this.trace ? this.step(e, out, fyLabel(year, e.field), undefined, out.s === 'v' ? { display: displayValue(out.v, e.field !== 'above_scale') } : undefined) : undefined };
      }
      case 'field': {
        const bound = lookup(scope, e.item);
        if (!bound) throw new Error(`rule error: no item "${e.item}" in scope`);
        const value = bound.item[e.name];
        const out = value === undefined ? UNKNOWN([`${pathOf(bound)}.${e.name}`]) : { s: 'v' as const, v: value as Scalar };
        return { out, step: this.trace ? this.step(e, out, fieldLabel(e.name), undefined, out.s === 'v' ? { display: displayValue(out.v, isMoneyField(e.name)) } : undefined) : undefined };
      }
      case 'param': {
        const p = ctx.params.get(e.id);
        if (!p) throw new Error(`rule error: parameter "${e.id}" is not in the pack`);
        const out: Out = p.value === null ? { s: 'p', params: [e.id] } : { s: 'v', v: p.value };
        return {
          out,
          step: this.trace ? this.step(e, out, p.label, undefined, {
            parameter: { id: p.id, from: p.from, source: p.source },
            display: p.value === null ? undefined : displayParam(p),
            quote: p.quote,
          }) : undefined,
        };
      }
      case 'cmp': return this.compare(e, scope);
      case 'oneOf': {
        const a = this.run(e.a, scope);
        const out: Out = a.out.s === 'v' ? { s: 'v', v: e.values.includes(a.out.v) } : a.out;
        const misses = this.trace && out.s === 'v' && out.v === false ? [{ numeric: false, label: describeNode(e) }] : undefined;
        return { out, misses, step: this.trace ? this.step(e, out, describeNode(e), [a.step]) : undefined };
      }
      case 'ratioAtLeast': return this.ratio(e, scope);
      case 'and': case 'or': return this.logic(e, scope);
      case 'not': {
        const a = this.run(e.item, scope);
        const out: Out = a.out.s === 'v' ? { s: 'v', v: !a.out.v } : a.out;
        const misses = this.trace && out.s === 'v' && out.v === false ? [{ numeric: false, label: describeNode(e) }] : undefined;
        return { out, misses, step: this.trace ? this.step(e, out, describeNode(e), [a.step]) : undefined };
      }
      case 'arith': {
        const parts: Evaluated[] = [];
        const outs: Out[] = [];
        for (const item of e.items) {
          const part = this.run(item, scope);
          parts.push(part);
          outs.push(part.out);
        }
        const out = blocked(outs) ?? { s: 'v' as const, v: arithmetic(e.op, outs) };
        return { out, step: this.trace ? this.step(e, out, describeNode(e), parts.map((p) => p.step), out.s === 'v' ? { display: displayValue(out.v, e.items.some(moneyish)) } : undefined) : undefined };
      }
      case 'pct': {
        const base = this.run(e.base, scope);
        const rate = this.run(e.rate, scope);
        const out = blocked([base.out, rate.out]) ?? { s: 'v' as const, v: Math.floor((num(base.out) * num(rate.out)) / 100) };
        return { out, step: this.trace ? this.step(e, out, describeNode(e), [base.step, rate.step], out.s === 'v' ? { display: displayValue(out.v, true) } : undefined) : undefined };
      }
      case 'scale': {
        const base = this.run(e.base, scope);
        const ratio = this.run(e.ratio, scope);
        const denominator = e.ratio.k === 'param' ? ctx.params.get(e.ratio.id)?.denominator ?? 1 : 1;
        const out = blocked([base.out, ratio.out]) ?? { s: 'v' as const, v: Math.floor((num(base.out) * num(ratio.out)) / denominator) };
        return { out, step: this.trace ? this.step(e, out, describeNode(e), [base.step, ratio.step], out.s === 'v' ? { display: displayValue(out.v, true) } : undefined) : undefined };
      }
      case 'if': {
        const cond = this.run(e.cond, scope);
        if (cond.out.s !== 'v') return { out: cond.out, step: this.trace ? this.step(e, cond.out, describeNode(e), [cond.step]) : undefined };
        const branch = this.run(cond.out.v ? e.then : e.else, scope);
        return { out: branch.out, step: this.trace ? this.step(e, branch.out, describeNode(e), [cond.step, branch.step], branch.out.s === 'v' ? { display: displayValue(branch.out.v, typeof branch.out.v === 'number') } : undefined) : undefined };
      }
      case 'addYears': {
        const date = this.run(e.date, scope);
        const years = this.run(e.years, scope);
        const d = (date.out as { v: string }).v;
        const out = blocked([date.out, years.out]) ?? { s: 'v' as const, v: `${String(Number(d.slice(0, 4)) + num(years.out)).padStart(4, '0')}${d.slice(4)}` };
        return { out, step: this.trace ? this.step(e, out, describeNode(e), [date.step, years.step]) : undefined };
      }
      case 'monthOf': {
        const date = this.run(e.date, scope);
        const out = blocked([date.out]) ?? { s: 'v' as const, v: (date.out as { v: string }).v.slice(0, 7) };
        return { out, step: date.step };
      }
      case 'known': {
        const a = this.run(e.item, scope);
        const out: Out = a.out.s === 'u' ? FALSE : a.out.s === 'p' ? a.out : TRUE;
        return { out, step: this.trace ? this.step(e, out, describeNode(e), [a.step]) : undefined };
      }
      case 'quant': return this.quantifier(e, scope);
    }
  }

  private compare(e: Extract<Expr, { k: 'cmp' }>, scope: Scope | undefined): Evaluated {
    const a = this.run(e.a, scope);
    const b = this.run(e.b, scope);
    const out = a.out.s === 'v' && b.out.s === 'v' ? bool(compareScalars(e.op, a.out.v, b.out.v)) : blocked([a.out, b.out])!;
    let misses: Miss[] | undefined;
    if (this.trace && out.s === 'v' && out.v === false) {
      const numeric = typeof (a.out as { v: unknown }).v === 'number' && typeof (b.out as { v: unknown }).v === 'number' && (e.op === '>=' || e.op === '>');
      const av = (a.out as { v: number }).v;
      const bv = (b.out as { v: number }).v;
      misses = [numeric
        ? { numeric: true, label: this.cmpLabel(e, a, b), quote: e.quote, shortfall: bv - av + (e.op === '>' ? 1 : 0), subject: labelOf(e.a, a), subjectIsMoney: moneyish(e.a) }
        : { numeric: false, label: describeNode(e), quote: e.quote }];
    }
    const display = this.trace && out.s === 'v' && a.step?.display !== undefined && b.step?.display !== undefined ? `${a.step.display} ${e.op === '==' ? '=' : e.op} ${b.step.display}` : undefined;
    return { out, misses, step: this.trace ? this.step(e, out, this.cmpLabel(e, a, b), [a.step, b.step], display ? { display } : undefined) : undefined };
  }

  private ratio(e: Extract<Expr, { k: 'ratioAtLeast' }>, scope: Scope | undefined): Evaluated {
    const numerator = this.run(e.num, scope);
    const den = this.run(e.den, scope);
    const percent = this.run(e.percent, scope);
    const out = blocked([numerator.out, den.out, percent.out]) ?? bool(num(numerator.out) * 100 >= num(den.out) * (e.plus + num(percent.out)));
    let display: string | undefined;
    let misses: Miss[] | undefined;
    if (this.trace && numerator.out.s === 'v' && den.out.s === 'v' && percent.out.s === 'v') {
      const n = numerator.out.v as number;
      const d = den.out.v as number;
      const p = percent.out.v as number;
      const actual = d === 0 ? '∞' : `${(Math.floor(((n - (e.plus * d) / 100) * 1000) / d) / 10).toFixed(1)}%`;
      display = `${actual} ${out.s === 'v' && out.v ? '≥' : '<'} ${p}%`;
      if (out.s === 'v' && out.v === false) {
        const needed = Math.ceil((d * (e.plus + p)) / 100);
        misses = [{ numeric: true, label: this.ratioLabel(e, numerator, den, display), quote: e.quote, shortfall: needed - n, subject: labelOf(e.num, numerator), subjectIsMoney: moneyish(e.num) }];
      }
    }
    return { out, misses, step: this.trace ? this.step(e, out, this.ratioLabel(e, numerator, den), [numerator.step, den.step, percent.step], display ? { display } : undefined) : undefined };
  }

  /** In a trace, comparisons are named after the facts they saw (with their years), not the rule's offsets. */
  private cmpLabel(e: Extract<Expr, { k: 'cmp' }>, a: Evaluated, b: Evaluated): Bilingual {
    if (e.label || !this.trace || !a.step || !b.step) return e.label ?? describeNode(e);
    const op = { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠' }[e.op];
    return { zh: `${a.step.label.zh} ${op} ${b.step.label.zh}`, en: `${a.step.label.en} ${op} ${b.step.label.en}` };
  }

  private ratioLabel(e: Extract<Expr, { k: 'ratioAtLeast' }>, num: Evaluated, den: Evaluated, display?: string): Bilingual {
    if (e.label || !this.trace || !num.step || !den.step) return e.label ?? describeNode(e);
    const [n, d] = [num.step.label, den.step.label];
    const tail = display ? `: ${display}` : '';
    return e.plus === 100
      ? { zh: `${n.zh}较${d.zh}的增长率${tail}`, en: `growth of ${n.en} over ${d.en}${tail}` }
      : { zh: `${n.zh}占${d.zh}的比例${tail}`, en: `${n.en} as a share of ${d.en}${tail}` };
  }

  private logic(e: Extract<Expr, { k: 'and' | 'or' }>, scope: Scope | undefined): Evaluated {
    const isAnd = e.k === 'and';
    const parts = e.items.map((i) => this.run(i, scope));
    let decided: boolean | undefined;
    const missing: string[] = [];
    const pending: string[] = [];
    for (const p of parts) {
      if (p.out.s === 'v' && Boolean(p.out.v) !== isAnd) decided = !isAnd;
      else if (p.out.s === 'u') missing.push(...p.out.missing);
      else if (p.out.s === 'p') pending.push(...p.out.params);
    }
    let out: Out;
    if (decided !== undefined) out = bool(decided);
    else if (missing.length > 0) out = UNKNOWN(unique(missing));
    else if (pending.length > 0) out = { s: 'p', params: unique(pending) };
    else out = bool(isAnd);
    let misses: Miss[] | undefined;
    if (this.trace && out.s === 'v' && out.v === false) {
      const failed = parts.filter((p) => p.out.s === 'v' && p.out.v === false);
      if (isAnd) misses = failed.flatMap((p) => p.misses ?? [{ numeric: false, label: describeNode(e) }]);
      else misses = failed.map((p) => p.misses ?? [{ numeric: false, label: describeNode(e) }]).sort((x, y) => score(x) - score(y))[0];
    }
    return { out, misses, step: this.trace ? this.step(e, out, describeNode(e), parts.map((p) => p.step)) : undefined };
  }

  private quantifier(e: Extract<Expr, { k: 'quant' }>, scope: Scope | undefined): Evaluated {
    let items: unknown[] | undefined;
    let path: string;
    if (typeof e.list === 'string') {
      items = (this.ctx.profile as Record<string, unknown>)[e.list] as unknown[] | undefined;
      path = e.list;
    } else {
      const bound = lookup(scope, e.list.item);
      if (!bound) throw new Error(`rule error: no item "${e.list.item}" in scope`);
      items = bound.item[e.list.name] as unknown[] | undefined;
      path = `${pathOf(bound)}.${e.list.name}`;
    }
    if (items === undefined) {
      const out = UNKNOWN([path]);
      return { out, step: this.trace ? this.step(e, out, describeNode(e)) : undefined };
    }
    let total = 0;
    let count = 0;
    let failed = 0;
    let unknownItems = 0;
    let pendingItems = 0;
    const missing: string[] = [];
    const pending: string[] = [];
    const steps: TraceStep[] = [];
    for (let i = 0; i < items.length; i++) {
      const inner: Scope = { name: e.as, item: items[i] as Record<string, unknown>, listPath: path, index: i, parent: scope };
      const where = e.where ? this.run(e.where, inner) : { out: { s: 'v', v: true } as Out, step: undefined };
      if (where.out.s === 'u') { unknownItems++; missing.push(...where.out.missing); continue; }
      if (where.out.s === 'p') { pendingItems++; pending.push(...where.out.params); continue; }
      if (!where.out.v) { failed++; continue; }
      count++;
      let valueStep: TraceStep | undefined;
      if (e.q === 'sum' && e.value) {
        const value = this.run(e.value, inner);
        valueStep = value.step;
        if (value.out.s === 'u') { unknownItems++; missing.push(...value.out.missing); }
        else if (value.out.s === 'p') { pendingItems++; pending.push(...value.out.params); }
        else total += value.out.v as number;
      }
      if (this.trace && steps.length < MAX_ITEM_STEPS) {
        steps.push({ label: { zh: `第 ${i + 1} 项`, en: `item ${i + 1}` }, status: 'value', value: true, children: [where.step, valueStep].filter((s): s is TraceStep => s !== undefined) });
      }
    }
    let out: Out;
    if (e.q === 'exists' && count > 0) out = { s: 'v', v: true };
    else if (e.q === 'every' && failed > 0) out = { s: 'v', v: false };
    else if (unknownItems > 0) out = UNKNOWN(unique(missing));
    else if (pendingItems > 0) out = { s: 'p', params: unique(pending) };
    else if (e.q === 'sum') out = { s: 'v', v: total };
    else if (e.q === 'count') out = { s: 'v', v: count };
    else out = { s: 'v', v: e.q === 'every' };
    const misses = this.trace && out.s === 'v' && out.v === false ? [{ numeric: false, label: describeNode(e), quote: e.quote }] : undefined;
    const display = this.trace && out.s === 'v' && typeof out.v === 'number' ? displayValue(out.v, e.q === 'sum') : undefined;
    return { out, misses, step: this.trace ? this.step(e, out, describeNode(e), steps, display ? { display } : undefined) : undefined };
  }
}

function score(misses: Miss[]): number {
  return misses.reduce((s, m) => s + (m.numeric ? 1 : 100), 0);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** The operands' unknown (which wins) or pending state; undefined when every operand has a value. */
function blocked(outs: Out[]): Out | undefined {
  let unknown = false;
  let pending = false;
  for (const o of outs) {
    if (o.s === 'u') unknown = true;
    else if (o.s === 'p') pending = true;
  }
  if (unknown) {
    const missing: string[] = [];
    for (const o of outs) if (o.s === 'u') missing.push(...o.missing);
    return UNKNOWN(unique(missing));
  }
  if (pending) {
    const params: string[] = [];
    for (const o of outs) if (o.s === 'p') params.push(...o.params);
    return { s: 'p', params: unique(params) };
  }
  return undefined;
}

function num(out: Out): number {
  return (out as { v: number }).v;
}

function arithmetic(op: 'add' | 'sub' | 'mul' | 'min' | 'max', outs: Out[]): number {
  let acc = num(outs[0]!);
  for (let i = 1; i < outs.length; i++) {
    const x = num(outs[i]!);
    if (op === 'add') acc += x;
    else if (op === 'sub') acc -= x;
    else if (op === 'mul') acc *= x;
    else if (op === 'min') acc = x < acc ? x : acc;
    else acc = x > acc ? x : acc;
  }
  return acc;
}

export function compareScalars(op: string, a: Scalar, b: Scalar): boolean {
  switch (op) {
    case '>=': return a >= b;
    case '>': return a > b;
    case '<=': return a <= b;
    case '<': return a < b;
    case '==': return a === b;
    default: return a !== b;
  }
}

function labelOf(e: Expr, evaluated: Evaluated): Bilingual {
  return e.label ?? evaluated.step?.label ?? describeNode(e);
}

function moneyish(e: Expr): boolean {
  if (e.k === 'fy') return e.field !== 'above_scale';
  if (e.k === 'field') return isMoneyField(e.name);
  if (e.k === 'param') return e.id.endsWith('amount') || /\.(cap|ceiling|annual-cap|threshold|increase-threshold|standard|annual)$/.test(e.id);
  if (e.k === 'arith') return e.items.some(moneyish);
  if (e.k === 'pct' || e.k === 'scale') return moneyish(e.base);
  return e.k === 'quant' && e.q === 'sum';
}

function displayParam(p: ParamValue): string {
  if (p.value === null) return '';
  switch (p.unit) {
    case 'yuan': return displayValue(p.value, true);
    case 'percent': return `${p.value}%`;
    case 'ratio': return `${p.value}/${p.denominator ?? 1}`;
    case 'years': return `${p.value}`;
    default: return String(p.value);
  }
}
