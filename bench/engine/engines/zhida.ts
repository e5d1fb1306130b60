// R1–R10 as Zhida rules, in the rule language of src/core/engine/dsl.ts. Every amount, rate, cap and
// threshold is a parameter (the map below, from params.ts); the only literals are enum strings, booleans
// and the structural year offsets. Two ways to run them:
//   batch — compileRules() into one generated function, over every profile into a reused Float64Array;
//   trace — the interpreter, evaluate() per rule with trace on (steps, values, near-miss material).
import { compileRules, type CompiledRules } from '../../../src/core/engine/compile.ts';
import {
  add, all, any, countOf, eq, every, exists, fact, field, fy, gte, growthAtLeast, ifThen, inPolicyYear, lit, lt, lte, min, param,
  pct, policyYear, ratioAtLeast, recognisedInYear, sub, sumOf, yearEnd, yearStart, type Expr, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';
import { evaluate, type EvalContext, type ParamValue } from '../../../src/core/engine/evaluate.ts';
import type { Profile } from '../../../src/core/profile.ts';
import { PARAM_LIST, RULES, Y } from '../params.ts';

/** The workload's parameters as the engine reads them (ParamValue of evaluate.ts). */
export function workloadParams(): Map<string, ParamValue> {
  return new Map(PARAM_LIST.map((p) => [p.id, {
    id: p.id, label: { zh: p.zh, en: p.en }, unit: p.unit, value: p.value,
    from: `${Y}-01-01`, source: 'bench/engine/README.md (peer workload)', quote: p.en,
  }]));
}

/** R5's three tests for financial year Y+offset against the year before. */
function highRdYear(offset: number): Expr {
  return all([
    growthAtLeast(fy(offset, 'rd_expense'), fy(offset - 1, 'rd_expense'), param('r5.growth')),
    ratioAtLeast(fy(offset, 'rd_expense'), fy(offset, 'revenue'), param('r5.intensity')),
    gte(sub(fy(offset, 'rd_expense'), fy(offset - 1, 'rd_expense')), param('r5.increase')),
  ]);
}

const validCertificate = exists('c', 'recognitions', all([
  eq(field('c', 'type'), lit('high-tech-enterprise')),
  lte(field('c', 'date'), yearEnd()),
  gte(field('c', 'valid_until'), yearStart()),
]));

const contractInYear = inPolicyYear(field('c', 'registered_on'));
const upgradeInYear = all([eq(field('j', 'kind'), lit('equipment-upgrade')), eq(field('j', 'key_sector'), lit(true)), eq(field('j', 'year'), policyYear())]);
const premiumInYear = all([eq(field('m', 'kind'), lit('short-term-export-credit')), eq(field('m', 'year'), policyYear())]);
const entry = fact('above_scale_entry_year');
const enteredInYear = eq(entry, policyYear());
const retained = all([
  lte(add(entry, param('r10.years')), policyYear()),
  // Every year from the entry year to Y−1 on record and above scale: financial years are unique, so
  // the count of such records equals Y − entry year.
  eq(countOf('y', 'financial_years', all([gte(field('y', 'year'), entry), lte(field('y', 'year'), policyYear(-1)), eq(field('y', 'above_scale'), lit(true))])), sub(policyYear(), entry)),
]);

const rule = (provision: string, when: Expr, amount: Expr): ProvisionRule => ({ provision, who: ['enterprise'], when, amount });

export const zhidaRules: ProvisionRule[] = [
  rule('r1', recognisedInYear('high-tech-enterprise', { event: 'new' }), param('r1.amount')),
  // "and not newly granted in Y": the exclusion r1 ⟂ r2 below (the higher amount, R1's, stays).
  rule('r2', recognisedInYear('high-tech-enterprise', { event: 'reexam' }), param('r2.amount')),
  rule('r3', recognisedInYear('sci-tech-sme', { event: 'new', levels: ['provincial'] }), param('r3.amount')),
  rule('r4', recognisedInYear('eaglet', { levels: ['city'] }), param('r4.amount')),
  rule('r5', all([validCertificate, highRdYear(-1), highRdYear(-2)]),
    min([pct(sub(fy(-1, 'rd_expense'), fy(-2, 'rd_expense')), param('r5.rate')), param('r5.cap')])),
  rule('r6', all([
    eq(fy(-1, 'above_scale'), lit(true)),
    gte(fy(-1, 'rd_expense'), param('r6.threshold')),
    every('y', 'financial_years', any([gte(field('y', 'year'), policyYear(-1)), lt(field('y', 'rd_expense'), param('r6.threshold'))])),
  ]), param('r6.amount')),
  rule('r7', exists('c', 'contracts', contractInYear),
    min([pct(sumOf('c', 'contracts', contractInYear, field('c', 'amount')), param('r7.rate')), param('r7.cap')])),
  rule('r8', exists('j', 'projects', upgradeInYear), pct(sumOf('j', 'projects', upgradeInYear, field('j', 'actual_investment')), param('r8.rate'))),
  rule('r9', exists('m', 'premiums', premiumInYear),
    sumOf('m', 'premiums', premiumInYear, ifThen(eq(field('m', 'key_country'), lit(true)), pct(field('m', 'amount'), param('r9.key-rate')), pct(field('m', 'amount'), param('r9.rate'))))),
  rule('r10', all([eq(fact('industrial'), lit(true)), any([enteredInYear, retained])]),
    ifThen(enteredInYear, param('r10.entry'), param('r10.retention'))),
];

export const EXCLUSIONS: [string, string][] = [['r1', 'r2']];

export function compileWorkload(): CompiledRules {
  return compileRules(zhidaRules, { year: Y, params: workloadParams(), exclusions: EXCLUSIONS, inForce: true });
}

/** Batch: the compiled function over every profile, into one reused Float64Array, copied to the result rows. */
export function runBatch(compiled: CompiledRules, profiles: readonly Profile[], out: Float64Array): void {
  const slot = new Float64Array(RULES);
  const run = compiled.run;
  for (let i = 0; i < profiles.length; i++) {
    run(profiles[i]!, slot);
    out.set(slot, i * RULES);
  }
}

const NOT_ELIGIBLE = -1, UNDETERMINED = -2, PENDING = -3, EXCLUDED = -5;
const exclusionSlots = EXCLUSIONS.map(([a, b]) => [zhidaRules.findIndex((r) => r.provision === a), zhidaRules.findIndex((r) => r.provision === b)] as const);

/**
 * Trace: the interpreter with full trace, evaluate() per rule (conditions, then the amount when they
 * hold), the same status codes as the compiled function, and the same exclusion. Returns the number of
 * trace steps built (so the work cannot be optimised away).
 */
export function runTrace(profiles: readonly Profile[], out: Float64Array, params: ReadonlyMap<string, ParamValue>): number {
  let steps = 0;
  for (let i = 0; i < profiles.length; i++) {
    const ctx: EvalContext = { profile: profiles[i]!, year: Y, params };
    const o = i * RULES;
    for (let r = 0; r < RULES; r++) {
      const { when, amount } = zhidaRules[r]!;
      const w = evaluate(when, ctx, true);
      if (w.step) steps++;
      if (w.out.s === 'u') { out[o + r] = UNDETERMINED; continue; }
      if (w.out.s === 'v' && !w.out.v) { out[o + r] = NOT_ELIGIBLE; continue; }
      const a = evaluate(amount, ctx, true);
      if (a.step) steps++;
      if (a.out.s === 'u') out[o + r] = UNDETERMINED;
      else if (a.out.s === 'p' || w.out.s === 'p') out[o + r] = PENDING;
      else out[o + r] = (a.out.v as number) > 0 ? (a.out.v as number) : NOT_ELIGIBLE;
    }
    for (const [a, b] of exclusionSlots) {
      const x = out[o + a]!, y = out[o + b]!;
      if ((x >= 0 || x === PENDING) && (y >= 0 || y === PENDING)) {
        if ((x >= 0 ? x : -1) >= (y >= 0 ? y : -1)) out[o + b] = EXCLUDED;
        else out[o + a] = EXCLUDED;
      }
    }
  }
  return steps;
}
