// The screening view: every provision's status and amount from the compiled rules (no trace, no labels),
// with the interpreter asked only about the open results, for the facts or parameters they wait on.
// Same statuses and amounts as evaluateProfile (test/engine/summary.test.ts); no explanation. And one
// provision explained the same way, for a case that needs only its own provision's trace.
import type { Pack } from '../pack.ts';
import type { BeneficiaryKind, Profile } from '../profile.ts';
import { CODE, compileRules, statusOfCode, type CompiledRules } from './compile.ts';
import { evaluateRule, exclusionPairs, inForceOn, prepare, type AmountKind, type Prepared, type ProvisionResult, type ProvisionRule, type ResultStatus } from './engine.ts';

export interface ProvisionSummary {
  provision: string;
  catalogue: string;
  status: ResultStatus;
  amount?: number;
  amount_kind: AmountKind;
  /** Present when the result is undetermined: the facts it waits on. */
  missing_facts?: string[];
  /** Present when the result is pending (or undetermined with unset parameters too): the parameters it waits on. */
  pending_parameters?: string[];
}

export interface EvaluationSummary {
  edition: string;
  year: number;
  as_of: string;
  beneficiary: { id: string; name: string; kind: BeneficiaryKind };
  in_force: boolean;
  results: ProvisionSummary[];
  totals: { exact: number; ceilings: number; floors: number; eligible: number; pending: number; undetermined: number };
}

// Compiled once per prepared rule set (pack, rules, date) and policy year.
const compiledByPrep = new WeakMap<Prepared, Map<number, CompiledRules>>();

function compiledFor(pack: Pack, prep: Prepared, year: number, asOf: string): CompiledRules {
  let byYear = compiledByPrep.get(prep);
  if (!byYear) {
    byYear = new Map();
    compiledByPrep.set(prep, byYear);
  }
  let compiled = byYear.get(year);
  if (!compiled) {
    compiled = compileRules(prep.rules.map((r) => r.rule), {
      year, params: prep.params, exclusions: exclusionPairs(pack), stacking: prep.stacking, inForce: inForceOn(pack, year, asOf),
    });
    byYear.set(year, compiled);
  }
  return compiled;
}

/** One provision's status and amount as the screening view gives it, without what open results wait on. */
export interface ScreenedResult {
  provision: string;
  status: ResultStatus;
  amount?: number;
  amount_kind: AmountKind;
}

/**
 * Statuses and amounts only, from the compiled rules: the same as summariseProfile's results less
 * missing_facts and pending_parameters (the interpreter's part), for batch callers (the list import's offers)
 * that decide on status and amount alone. The profile must be valid (a stored one is).
 */
export function screenProfile(pack: Pack, rules: readonly ProvisionRule[], profile: Profile, options: { year: number; asOf?: string }): ScreenedResult[] {
  const asOf = options.asOf ?? `${options.year}-12-31`;
  const prep = prepare(pack, rules, asOf);
  const compiled = compiledFor(pack, prep, options.year, asOf);
  const out = new Float64Array(compiled.ids.length);
  compiled.run(profile, out);
  return prep.rules.map((prepared, slot): ScreenedResult => {
    const code = out[slot]!;
    const result: ScreenedResult = { provision: prepared.rule.provision, status: statusOfCode(code), amount_kind: prepared.meta.amountKind };
    if (code >= 0) result.amount = code;
    return result;
  });
}

export function summariseProfile(pack: Pack, rules: readonly ProvisionRule[], profile: Profile, options: { year: number; asOf?: string }): EvaluationSummary {
  const asOf = options.asOf ?? `${options.year}-12-31`;
  const prep = prepare(pack, rules, asOf);
  const compiled = compiledFor(pack, prep, options.year, asOf);
  const out = new Float64Array(compiled.ids.length);
  compiled.run(profile, out);
  const inForce = inForceOn(pack, options.year, asOf);
  const totals = { exact: 0, ceilings: 0, floors: 0, eligible: 0, pending: 0, undetermined: 0 };
  const unused = new Set<string>();
  const results = prep.rules.map((prepared, slot): ProvisionSummary => {
    const code = out[slot]!;
    const { meta } = prepared;
    const result: ProvisionSummary = {
      provision: prepared.rule.provision, catalogue: meta.catalogue, status: statusOfCode(code), amount_kind: meta.amountKind,
    };
    if (code >= 0) {
      result.amount = code;
      totals.eligible++;
      if (meta.kind === 'provision') totals[meta.amountKind === 'exact' ? 'exact' : meta.amountKind === 'ceiling' ? 'ceilings' : 'floors'] += code;
    } else if (code === CODE.undetermined || code === CODE.pending) {
      // What an open result waits on is worth the interpreter's time; the decided ones are not.
      const open = evaluateRule(prepared, profile, options.year, prep.params, inForce, false, unused);
      if (open.missing_facts.length > 0) result.missing_facts = open.missing_facts;
      if (open.pending_parameters.length > 0) result.pending_parameters = open.pending_parameters;
      totals[code === CODE.pending ? 'pending' : 'undetermined']++;
    }
    return result;
  });
  return {
    edition: pack.meta.edition, year: options.year, as_of: asOf,
    beneficiary: { id: profile.id, name: profile.name, kind: profile.kind }, in_force: inForce, results, totals,
  };
}

/**
 * One provision's full result (trace, near misses) without tracing the other forty: the compiled rules
 * decide exclusions and stacking, the interpreter explains this provision. Undefined when the provision
 * is excluded (the full evaluation names the winner) or unknown: the caller evaluates everything then.
 */
export function explainProvision(pack: Pack, rules: readonly ProvisionRule[], profile: Profile, provision: string, options: { year: number; asOf?: string }):
  { result: ProvisionResult; parametersUsed: { id: string; value: number | null; from: string; source: string }[] } | undefined {
  const asOf = options.asOf ?? `${options.year}-12-31`;
  const prep = prepare(pack, rules, asOf);
  const slot = prep.rules.findIndex((r) => r.rule.provision === provision);
  if (slot < 0) return undefined;
  const compiled = compiledFor(pack, prep, options.year, asOf);
  const out = new Float64Array(compiled.ids.length);
  compiled.run(profile, out);
  if (out[slot] === CODE.excluded) return undefined;
  const used = new Set<string>();
  const result = evaluateRule(prep.rules[slot]!, profile, options.year, prep.params, inForceOn(pack, options.year, asOf), true, used);
  const parametersUsed = [...used].sort().map((id) => {
    const p = prep.params.get(id)!;
    return { id, value: p.value, from: p.from, source: p.source };
  });
  return { result, parametersUsed };
}
