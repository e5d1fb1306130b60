// The engine's answer for one case: the stored profile evaluated for the case's year by the calculator as
// it stands (parameter settings applied), the provision's result with its trace, and the decision row that
// keeps what it was computed from (pack edition and version, profile version, parameters used).
import { createHash } from 'node:crypto';
import type { ProvisionResult } from '../core/engine/engine.ts';
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import type { ApplicationRow, BeneficiaryRow } from '../store/tables/index.ts';
import { canonicalJson } from './audit.ts';
import { parseProfile } from './beneficiaries.ts';
import { conflict } from './errors.ts';
import type { Calculator } from './evaluation.ts';
import { effectiveCalculator } from './parameter-settings.ts';

export interface CaseEvaluation {
  result: ProvisionResult;
  parametersUsed: Record<string, { value: number | null; from: string; source: string }>;
  pack: Pack;
  profileVersion: number;
}

const versions = new WeakMap<Pack, string>();

/**
 * The pack's version: a digest of what decides amounts (provisions and parameter values, settings
 * included), so two decisions with the same version were computed from the same policy.
 */
export function packVersion(pack: Pack): string {
  let version = versions.get(pack);
  if (!version) {
    const digest = createHash('sha256').update(canonicalJson({ edition: pack.meta.edition, provisions: pack.provisions, parameters: pack.parameters })).digest('hex');
    version = `sha256:${digest.slice(0, 16)}`;
    versions.set(pack, version);
  }
  return version;
}

/** Evaluates the beneficiary's stored profile for the case's provision and year, with the trace. */
export async function evaluateCase(db: Db, base: Calculator, beneficiary: BeneficiaryRow, provision: string, year: number): Promise<CaseEvaluation> {
  const calculator = await effectiveCalculator(db, base);
  // Only this provision is traced (the compiled rules settle exclusions): a fraction of evaluate() (bench/api).
  const outcome = calculator.explainProvision(parseProfile(beneficiary), provision, { year });
  if (!outcome.ok) throw conflict(`the stored profile of ${beneficiary.credit_code} is no longer valid: ${outcome.problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`);
  const result = outcome.result;
  if (!result) throw conflict(`the engine has no result for provision ${provision}`);
  const relevant = new Set(calculator.pack.provisions.find((p) => p.id === provision)?.parameters ?? []);
  const parametersUsed: CaseEvaluation['parametersUsed'] = {};
  for (const p of outcome.parameters_used) {
    if (relevant.has(p.id)) parametersUsed[p.id] = { value: p.value, from: p.from, source: p.source };
  }
  return { result, parametersUsed, pack: calculator.pack, profileVersion: beneficiary.version };
}

/** Statuses the engine may give at submission: a case waits for review (undetermined, pending: facts or parameters to come). */
export const SUBMITTABLE: ReadonlySet<string> = new Set(['eligible', 'undetermined', 'pending']);

/** Why the engine refuses: the failing conditions of the trace, the exclusion, or what is not in force. */
export function refusalReasons(result: ProvisionResult, year: number): string {
  switch (result.status) {
    case 'excluded':
      return `excluded by ${result.excluded_by?.provision ?? 'another provision'}: ${result.excluded_by?.reason.zh ?? ''} (${result.excluded_by?.reason.en ?? ''})`;
    case 'not-in-force':
      return `the provision is not in force in ${year}`;
    case 'not-applicable':
      return 'the provision does not apply to this kind of beneficiary';
    case 'pending':
      return `the amount waits on parameters the policy office has not set: ${result.pending_parameters.join(', ')}`;
    case 'undetermined':
      return `facts are missing: ${result.missing_facts.join(', ')}`;
    default: {
      const failing = failingConditions(result.trace?.conditions);
      return failing.length > 0 ? `conditions not met: ${failing.join('; ')}` : 'the conditions are not met';
    }
  }
}

type Step = NonNullable<ProvisionResult['trace']>['conditions'];

/** The deepest false conditions along the false path, labelled zh (en) with their quote. */
function failingConditions(step: Step | undefined): string[] {
  if (!step || step.value !== false) return [];
  const falseChildren = (step.children ?? []).filter((c) => c.value === false);
  // An "all of" fails by its false children; an "any of" (every child false) or a leaf is the reason itself.
  const allFalse = (step.children ?? []).length > 0 && falseChildren.length === (step.children ?? []).length;
  if (falseChildren.length > 0 && !allFalse) return falseChildren.flatMap((c) => failingConditions(c));
  return [`${step.label.zh} (${step.label.en})${step.quote ? ` 「${step.quote}」` : ''}`];
}

/** The decision row of a stage, in the caller's transaction. */
export async function recordDecision(trx: Db, row: ApplicationRow, stage: 'submission' | 'approval', evaluation: CaseEvaluation): Promise<void> {
  const { result } = evaluation;
  await trx.insertInto('application_decisions').values({
    application_id: row.id, stage, at: new Date().toISOString(), pack_edition: evaluation.pack.meta.edition, pack_version: packVersion(evaluation.pack),
    profile_version: evaluation.profileVersion, parameters_used: canonicalJson(evaluation.parametersUsed), status: result.status,
    amount_yuan: result.amount ?? null, trace: canonicalJson(result),
  }).execute();
}

/** The engine columns of the case after an evaluation. */
export const enginePatch = (result: ProvisionResult) => ({
  engine_status: result.status, engine_amount_yuan: result.amount ?? null, engine_amount_kind: result.amount_kind,
});
