// Batch mode: compiles the rules into one JavaScript function (no trace, no allocation per node), with
// the parameters in force baked in as constants. It returns the same statuses and amounts as the
// interpreter, as numbers: an amount ≥ 0, or one of the negative codes below.
import type { Expr } from './expr.ts';
import type { ParamValue } from './evaluate.ts';
import type { ProvisionRule, ResultStatus } from './engine.ts';
import type { Profile } from '../profile.ts';
import { resolveStacking, type StackingRuleSpec } from './stacking.ts';

export const CODE = {
  'not-eligible': -1,
  undetermined: -2,
  pending: -3,
  'not-applicable': -4,
  excluded: -5,
  'not-in-force': -6,
} as const;

const STATUS_OF_CODE = new Map<number, ResultStatus>(Object.entries(CODE).map(([status, code]) => [code, status as ResultStatus]));

export function statusOfCode(code: number): ResultStatus {
  if (code >= 0) return 'eligible';
  return STATUS_OF_CODE.get(code) ?? 'undetermined';
}

export interface CompiledRules {
  /** Provision ids, in the order of the output slots. */
  ids: string[];
  /** Writes one slot per provision into out (length ≥ ids.length). */
  run(profile: Profile, out: Float64Array): void;
  /** The generated source, for inspection (and for worker threads: see runnerOf). */
  source: string;
  /** The stacking rules run applies after the source's function. */
  stacking: readonly StackingRuleSpec[];
}

export interface CompileOptions {
  year: number;
  params: ReadonlyMap<string, ParamValue>;
  /** Pairs of mutually exclusive provisions: the higher amount stays, the other is excluded. */
  exclusions: readonly (readonly [string, string])[];
  /** False when the policy is not in force in the year: every slot is not-in-force. */
  inForce: boolean;
  /** Enabled stacking rules (see stackingSpecs). */
  stacking?: readonly StackingRuleSpec[];
}

// Values in generated code: a scalar, `undefined` for unknown (a missing fact), `null` for pending (an
// unset parameter). Truth values: 0 false, 1 true, 2 unknown, 3 pending.
class Generator {
  private lines: string[] = [];
  private next = 0;
  /** Variables that can be neither unknown nor pending (literals, the year, set parameters). */
  private readonly definite = new Set<string>();
  constructor(private readonly options: CompileOptions) {}

  tmp(): string {
    return `v${this.next++}`;
  }

  emit(line: string): void {
    this.lines.push(line);
  }

  take(): string[] {
    const lines = this.lines;
    this.lines = [];
    return lines;
  }

  /** Compiles a value expression; returns the name of a variable holding it. */
  value(e: Expr, scope: ReadonlySet<string>): string {
    const v = this.tmp();
    switch (e.k) {
      case 'lit': this.emit(`const ${v} = ${JSON.stringify(e.value)};`); this.definite.add(v); break;
      case 'year': this.emit(`const ${v} = ${this.options.year + e.offset};`); this.definite.add(v); break;
      case 'yearBound': this.emit(`const ${v} = "${this.options.year}-${e.end ? '12-31' : '01-01'}";`); this.definite.add(v); break;
      case 'param': {
        const p = this.options.params.get(e.id);
        if (!p) throw new Error(`rule error: parameter "${e.id}" is not in the pack`);
        this.emit(`const ${v} = ${p.value === null ? 'null' : String(p.value)};`);
        if (p.value !== null) this.definite.add(v);
        break;
      }
      case 'fact': {
        const [head, tail] = e.path.split('.');
        this.emit(tail === undefined ? `const ${v} = p.${head};` : `const ${v} = p.${head} === undefined ? undefined : p.${head}.${tail};`);
        break;
      }
      case 'field': {
        if (!scope.has(e.item)) throw new Error(`rule error: no item "${e.item}" in scope`);
        this.emit(`const ${v} = it_${e.item}.${e.name};`);
        break;
      }
      case 'fy': {
        const year = this.options.year + e.offset;
        this.emit(`let ${v} = undefined; { const fys = p.financial_years; if (fys !== undefined) for (let i = 0; i < fys.length; i++) if (fys[i].year === ${year}) { ${v} = fys[i].${e.field}; break; } }`);
        break;
      }
      case 'arith': {
        const parts = e.items.map((i) => this.value(i, scope));
        const op = { add: (a: string, b: string) => `${a} + ${b}`, sub: (a: string, b: string) => `${a} - ${b}`, mul: (a: string, b: string) => `${a} * ${b}`, min: (a: string, b: string) => `(${a} < ${b} ? ${a} : ${b})`, max: (a: string, b: string) => `(${a} > ${b} ? ${a} : ${b})` }[e.op];
        const body = parts.slice(1).reduce((acc, part) => op(acc, part), parts[0]!);
        this.emit(`const ${v} = ${this.guard(parts)} : ${body};`);
        break;
      }
      case 'pct': {
        const [b, r] = [this.value(e.base, scope), this.value(e.rate, scope)];
        this.emit(`const ${v} = ${this.guard([b, r])} : Math.floor(${b} * ${r} / 100);`);
        break;
      }
      case 'scale': {
        const [b, r] = [this.value(e.base, scope), this.value(e.ratio, scope)];
        const denominator = e.ratio.k === 'param' ? this.options.params.get(e.ratio.id)?.denominator ?? 1 : 1;
        this.emit(`const ${v} = ${this.guard([b, r])} : Math.floor(${b} * ${r} / ${denominator});`);
        break;
      }
      case 'if': {
        const c = this.truth(e.cond, scope);
        this.emit(`let ${v};`);
        this.emit(`if (${c} === 2) ${v} = undefined; else if (${c} === 3) ${v} = null; else if (${c} === 1) {`);
        const t = this.value(e.then, scope);
        this.emit(`${v} = ${t}; } else {`);
        const f = this.value(e.else, scope);
        this.emit(`${v} = ${f}; }`);
        break;
      }
      case 'addYears': {
        const [d, y] = [this.value(e.date, scope), this.value(e.years, scope)];
        this.emit(`const ${v} = ${this.guard([d, y])} : String(Number(${d}.slice(0, 4)) + ${y}).padStart(4, "0") + ${d}.slice(4);`);
        break;
      }
      case 'monthOf': {
        const d = this.value(e.date, scope);
        this.emit(`const ${v} = ${this.guard([d])} : ${d}.slice(0, 7);`);
        break;
      }
      case 'quant': {
        if (e.q === 'sum' || e.q === 'count') return this.quantValue(e, scope, v);
        const t = this.truth(e, scope);
        this.emit(`const ${v} = ${t} === 2 ? undefined : ${t} === 3 ? null : ${t} === 1;`);
        break;
      }
      default: {
        const t = this.truth(e, scope);
        this.emit(`const ${v} = ${t} === 2 ? undefined : ${t} === 3 ? null : ${t} === 1;`);
      }
    }
    return v;
  }

  /** `(any unknown) ? undefined : (any pending) ? null` — to be followed by `: value`; definite operands need no check. */
  private guard(vars: string[]): string {
    const open = vars.filter((x) => !this.definite.has(x));
    if (open.length === 0) return 'false ? undefined';
    return `(${open.map((x) => `${x} === undefined`).join(' || ')}) ? undefined : (${open.map((x) => `${x} === null`).join(' || ')}) ? null`;
  }

  /** Truth of a comparison of a and b with the three-valued guards (only on operands that need them). */
  private checked(vars: string[], test: string): string {
    const open = vars.filter((x) => !this.definite.has(x));
    if (open.length === 0) return `(${test} ? 1 : 0)`;
    return `(${open.map((x) => `${x} === undefined`).join(' || ')}) ? 2 : (${open.map((x) => `${x} === null`).join(' || ')}) ? 3 : (${test} ? 1 : 0)`;
  }

  /** Compiles a condition; returns the name of a variable holding 0/1/2/3. */
  truth(e: Expr, scope: ReadonlySet<string>): string {
    const t = this.tmp();
    switch (e.k) {
      case 'cmp': {
        const [a, b] = [this.value(e.a, scope), this.value(e.b, scope)];
        const op = e.op === '==' ? '===' : e.op === '!=' ? '!==' : e.op;
        this.emit(`const ${t} = ${this.checked([a, b], `${a} ${op} ${b}`)};`);
        break;
      }
      case 'oneOf': {
        const a = this.value(e.a, scope);
        this.emit(`const ${t} = ${a} === undefined ? 2 : ${a} === null ? 3 : (${e.values.map((x) => `${a} === ${JSON.stringify(x)}`).join(' || ') || 'false'}) ? 1 : 0;`);
        break;
      }
      case 'ratioAtLeast': {
        const [n, d, pc] = [this.value(e.num, scope), this.value(e.den, scope), this.value(e.percent, scope)];
        this.emit(`const ${t} = ${this.checked([n, d, pc], `${n} * 100 >= ${d} * (${e.plus} + ${pc})`)};`);
        break;
      }
      case 'and': case 'or': {
        // Short-circuits on the deciding value; otherwise unknown (2) wins over pending (3).
        const decisive = e.k === 'and' ? 0 : 1;
        const block = `b${t}`;
        this.emit(`let ${t} = ${1 - decisive}; ${block}: {`);
        for (const item of e.items) {
          const c = this.truth(item, scope);
          this.emit(`if (${c} === ${decisive}) { ${t} = ${decisive}; break ${block}; } if (${c} === 2) ${t} = 2; else if (${c} === 3 && ${t} !== 2) ${t} = 3;`);
        }
        this.emit('}');
        break;
      }
      case 'not': {
        const a = this.truth(e.item, scope);
        this.emit(`const ${t} = ${a} < 2 ? 1 - ${a} : ${a};`);
        break;
      }
      case 'known': {
        const a = this.value(e.item, scope);
        this.emit(`const ${t} = ${a} === undefined ? 0 : ${a} === null ? 3 : 1;`);
        break;
      }
      case 'quant': return this.quantTruth(e, scope, t);
      default: {
        const v = this.value(e, scope);
        this.emit(`const ${t} = ${v} === undefined ? 2 : ${v} === null ? 3 : (${v} ? 1 : 0);`);
      }
    }
    return t;
  }

  private listSource(e: Extract<Expr, { k: 'quant' }>, scope: ReadonlySet<string>): string {
    if (typeof e.list === 'string') return `p.${e.list}`;
    if (!scope.has(e.list.item)) throw new Error(`rule error: no item "${e.list.item}" in scope`);
    return `it_${e.list.item}.${e.list.name}`;
  }

  /** Loops over the list; for each item evaluates `where` and calls body(whereTruth). */
  private loop(e: Extract<Expr, { k: 'quant' }>, scope: ReadonlySet<string>, state: string, body: (inner: ReadonlySet<string>, where: string) => void): void {
    const list = this.tmp();
    const inner = new Set(scope).add(e.as);
    this.emit(`const ${list} = ${this.listSource(e, scope)};`);
    this.emit(`if (${list} === undefined) ${state} = 2; else for (let i_${e.as} = 0; i_${e.as} < ${list}.length; i_${e.as}++) { const it_${e.as} = ${list}[i_${e.as}];`);
    const where = e.where ? this.truth(e.where, inner) : '1';
    body(inner, where);
    this.emit('}');
  }

  private quantValue(e: Extract<Expr, { k: 'quant' }>, scope: ReadonlySet<string>, v: string): string {
    const acc = this.tmp();
    const state = this.tmp(); // 0 fine, 2 unknown seen, 3 pending seen
    this.emit(`let ${acc} = 0; let ${state} = 0;`);
    this.loop(e, scope, state, (inner, where) => {
      this.emit(`if (${where} === 2) { ${state} = 2; } else if (${where} === 3) { if (${state} === 0) ${state} = 3; } else if (${where} === 1) {`);
      if (e.q === 'sum' && e.value) {
        const x = this.value(e.value, inner);
        this.emit(`if (${x} === undefined) ${state} = 2; else if (${x} === null) { if (${state} === 0) ${state} = 3; } else ${acc} += ${x};`);
      } else {
        this.emit(`${acc}++;`);
      }
      this.emit('}');
    });
    this.emit(`const ${v} = ${state} === 2 ? undefined : ${state} === 3 ? null : ${acc};`);
    return v;
  }

  private quantTruth(e: Extract<Expr, { k: 'quant' }>, scope: ReadonlySet<string>, t: string): string {
    const state = this.tmp(); // 0 all decided, 2 an item unknown, 3 an item pending (unknown wins)
    const hit = this.tmp();
    const fail = this.tmp();
    this.emit(`let ${state} = 0; let ${hit} = 0; let ${fail} = 0;`);
    this.loop(e, scope, state, (_inner, where) => {
      this.emit(`if (${where} === 1) ${hit}++; else if (${where} === 0) ${fail}++; else if (${where} === 2) ${state} = 2; else if (${state} === 0) ${state} = 3;`);
      if (e.q === 'exists') this.emit(`if (${where} === 1) break;`);
    });
    // As the interpreter: exists is true on a hit, every is false on a decided failure; else unknown, pending, or decided.
    if (e.q === 'exists') this.emit(`const ${t} = ${hit} > 0 ? 1 : ${state} !== 0 ? ${state} : 0;`);
    else if (e.q === 'every') this.emit(`const ${t} = ${fail} > 0 ? 0 : ${state} !== 0 ? ${state} : 1;`);
    else throw new Error(`quantifier ${e.q} is not a condition`);
    return t;
  }
}

export function compileRules(rules: readonly ProvisionRule[], options: CompileOptions): CompiledRules {
  const ids = rules.map((r) => r.provision);
  // One function per rule (small functions are the ones V8 optimises), called in turn by one entry point.
  const parts: string[] = ['"use strict";'];
  const body: string[] = [];
  if (!options.inForce) {
    body.push(`for (let i = 0; i < ${ids.length}; i++) out[i] = ${CODE['not-in-force']};`);
  } else {
    rules.forEach((rule, slot) => {
      const g = new Generator(options);
      const when = g.truth(rule.when, new Set());
      const whenLines = g.take();
      const amount = g.value(rule.amount, new Set());
      const amountLines = g.take();
      parts.push(`// ${rule.provision}`, `function rule${slot}(p, out) {`);
      parts.push(`if (!(${rule.who.map((k) => `p.kind === ${JSON.stringify(k)}`).join(' || ')})) { out[${slot}] = ${CODE['not-applicable']}; return; }`);
      parts.push(...whenLines);
      parts.push(`if (${when} === 0) { out[${slot}] = ${CODE['not-eligible']}; return; } if (${when} === 2) { out[${slot}] = ${CODE.undetermined}; return; }`);
      parts.push(...amountLines);
      parts.push(`out[${slot}] = ${amount} === undefined ? ${CODE.undetermined} : (${amount} === null || ${when} === 3) ? ${CODE.pending} : ${amount} > 0 ? ${amount} : ${CODE['not-eligible']};`);
      parts.push('}');
      body.push(`rule${slot}(p, out);`);
    });
    for (const [a, b] of options.exclusions) {
      const [i, j] = [ids.indexOf(a), ids.indexOf(b)];
      if (i < 0 || j < 0) continue;
      // Eligible or pending on both sides: the higher amount stays (pending counts as -1; ties keep the first).
      body.push(`if ((out[${i}] >= 0 || out[${i}] === ${CODE.pending}) && (out[${j}] >= 0 || out[${j}] === ${CODE.pending})) { const ai = out[${i}] >= 0 ? out[${i}] : -1, aj = out[${j}] >= 0 ? out[${j}] : -1; if (ai >= aj) out[${j}] = ${CODE.excluded}; else out[${i}] = ${CODE.excluded}; }`);
    }
  }
  parts.push(`return function run(p, out) {\n${body.join('\n')}\n};`);
  const source = parts.join('\n');
  const stacking = options.inForce ? options.stacking ?? [] : [];
  return { ids, run: runnerOf(source, stacking), source, stacking };
}

/**
 * The run function of a compiled source and its stacking rules: a worker thread given only these (plain
 * data) gets the same function without loading the pack and compiling again.
 */
export function runnerOf(source: string, stacking: readonly StackingRuleSpec[]): (p: Profile, out: Float64Array) => void {
  const compiled = new Function(source)() as (p: Profile, out: Float64Array) => void;
  return stacking.length === 0 ? compiled : (p: Profile, out: Float64Array) => {
    compiled(p, out);
    for (const slot of resolveStacking(out, stacking).excluded.keys()) out[slot] = CODE.excluded;
  };
}
