// The policy calculator: validates a profile, evaluates it against the edition in force, and explains
// the result. The same function serves the API, the CLI, review and the web calculator.
import { z } from 'zod';
import { evaluateProfile, type Evaluation } from '../core/engine/engine.ts';
import type { Pack } from '../core/pack.ts';
import { Profile, validateProfile, type ProfileProblem } from '../core/profile.ts';
import type { ProvisionRule } from '../core/engine/engine.ts';
import { Bilingual } from '../core/pack-schema.ts';

export type EvaluationOutcome = { ok: true; evaluation: Evaluation } | { ok: false; problems: ProfileProblem[] };

export class Calculator {
  constructor(readonly pack: Pack, readonly rules: readonly ProvisionRule[]) {}

  evaluate(input: unknown, options: { year?: number; asOf?: string; trace?: boolean } = {}): EvaluationOutcome {
    const valid = validateProfile(input);
    if (!valid.ok) return valid;
    const year = options.year ?? Number(this.pack.meta.validity.from.slice(0, 4));
    return { ok: true, evaluation: evaluateProfile(this.pack, this.rules, valid.profile, { year, asOf: options.asOf, trace: options.trace ?? true }) };
  }

  /** The profile schema as JSON Schema (what `zhida schema profile` prints and the API publishes). */
  static profileJsonSchema(): unknown {
    return z.toJSONSchema(Profile, { io: 'input' });
  }
}

// Response shapes (the trace is recursive).
const Scalar = z.union([z.number(), z.string(), z.boolean()]);
export interface TraceStepView {
  label: Bilingual;
  quote?: string;
  value?: number | string | boolean;
  display?: string;
  status: 'value' | 'unknown' | 'pending';
  missing?: string[];
  pending?: string[];
  parameter?: { id: string; from: string; source: string };
  children?: TraceStepView[];
}
export const TraceStepView: z.ZodType<TraceStepView> = z.lazy(() => z.object({
  label: Bilingual,
  quote: z.string().optional(),
  value: Scalar.optional(),
  display: z.string().optional(),
  status: z.enum(['value', 'unknown', 'pending']),
  missing: z.array(z.string()).optional(),
  pending: z.array(z.string()).optional(),
  parameter: z.object({ id: z.string(), from: z.string(), source: z.string() }).optional(),
  children: z.array(TraceStepView).optional(),
}));

export const ProvisionResultView = z.object({
  provision: z.string(),
  catalogue: z.string(),
  kind: z.enum(['provision', 'tax-preference']),
  title: Bilingual,
  article: z.number().int().optional(),
  quote: z.string(),
  status: z.enum(['eligible', 'not-eligible', 'undetermined', 'pending', 'not-in-force', 'not-applicable', 'excluded']),
  amount: z.number().int().optional(),
  amount_kind: z.enum(['exact', 'ceiling', 'floor']),
  missing_facts: z.array(z.string()),
  pending_parameters: z.array(z.string()),
  excluded_by: z.object({ provision: z.string(), reason: Bilingual }).optional(),
  near_misses: z.array(z.object({ condition: Bilingual, quote: z.string().optional(), shortfall: z.number(), advice: Bilingual })),
  trace: z.object({ conditions: TraceStepView, amount: TraceStepView.optional() }).optional(),
});

export const EvaluationView = z.object({
  edition: z.string(),
  year: z.number().int(),
  as_of: z.string(),
  beneficiary: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  in_force: z.boolean(),
  results: z.array(ProvisionResultView),
  totals: z.object({ exact: z.number().int(), ceilings: z.number().int(), floors: z.number().int(), eligible: z.number().int(), pending: z.number().int(), undetermined: z.number().int() }),
  conflicts: z.array(z.object({ rules: z.tuple([z.string(), z.string()]), provisions: z.array(z.string()) })),
  parameters_used: z.array(z.object({ id: z.string(), value: z.number().nullable(), from: z.string(), source: z.string() })),
});

export const ProfileProblemsView = z.object({
  error: z.object({
    code: z.literal('invalid_profile'),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: Bilingual })),
  }),
});
