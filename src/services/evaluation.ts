// The policy calculator: validates a profile, evaluates it against the edition in force, and explains
// the result. The same function serves the API, the CLI, review and the web calculator.
import { z } from 'zod';
import { evaluateProfile, type Evaluation } from '../core/engine/engine.ts';
import { explainProvision, summariseProfile, type EvaluationSummary } from '../core/engine/summary.ts';
import type { ProvisionResult } from '../core/engine/engine.ts';
import type { Pack } from '../core/pack.ts';
import { Profile, validateProfile, type ProfileProblem } from '../core/profile.ts';
import type { ProvisionRule } from '../core/engine/engine.ts';
import { Bilingual } from '../core/pack-schema.ts';

/** A fact the calculator should ask for next: it blocks these undetermined provisions. */
export interface NextQuestion {
  fact: string;
  label: Bilingual;
  provisions: string[];
}

export type EvaluationWithQuestions = Evaluation & { next_questions: NextQuestion[] };
export type EvaluationOutcome = { ok: true; evaluation: EvaluationWithQuestions } | { ok: false; problems: ProfileProblem[] };
export type ProvisionOutcome =
  | { ok: true; result: ProvisionResult | undefined; parameters_used: Evaluation['parameters_used'] }
  | { ok: false; problems: ProfileProblem[] };
export type SummaryWithQuestions = EvaluationSummary & { next_questions: NextQuestion[] };
export type SummaryOutcome = { ok: true; summary: SummaryWithQuestions } | { ok: false; problems: ProfileProblem[] };

const FACT_GROUPS: Record<string, Bilingual> = {
  kind: { zh: '主体类型', en: 'kind of beneficiary' },
  industrial: { zh: '是否工业企业', en: 'industrial enterprise or not' },
  above_scale_entry_year: { zh: '首次上规纳统年份', en: 'year of entry into the above-scale statistics' },
  recognitions: { zh: '资质认定（高企、科技型中小企业、孵化器等）', en: 'recognitions (high-tech, S&T SME, incubator …)' },
  assessments: { zh: '考核与绩效评价结果', en: 'assessment and evaluation results' },
  financial_years: { zh: '各年度财务数据（营业收入、研发费用、是否规上）', en: 'financial years (revenue, R&D, above scale)' },
  incubation: { zh: '入驻孵化载体与房租', en: 'incubation and rent' },
  contracts: { zh: '认定登记的技术合同', en: 'registered technology contracts' },
  projects: { zh: '项目（设备更新、重大科技项目）', en: 'projects (equipment upgrade, major S&T projects)' },
  premiums: { zh: '出口信用保险保费', en: 'export credit insurance premiums' },
  prizes: { zh: '国家科学技术奖', en: 'national science and technology prizes' },
  grants_received: { zh: '已获上级资助', en: 'grants received from higher levels' },
  compute_spend: { zh: '算力支出', en: 'compute-power spending' },
  welfare: { zh: '家庭与个人情况', en: 'household and personal circumstances' },
  software_tax: { zh: '软件企业获利年度与税率', en: 'software enterprise profit year and tax rate' },
};

/** The missing facts of undetermined results, grouped by profile field, most blocking first. */
export function nextQuestions(evaluation: { results: readonly { provision: string; status: string; missing_facts?: readonly string[] }[] }): NextQuestion[] {
  const byFact = new Map<string, Set<string>>();
  for (const r of evaluation.results) {
    if (r.status !== 'undetermined') continue;
    for (const path of r.missing_facts ?? []) {
      const fact = /^[a-z_]+/.exec(path)?.[0] ?? path;
      if (!byFact.has(fact)) byFact.set(fact, new Set());
      byFact.get(fact)!.add(r.provision);
    }
  }
  return [...byFact.entries()]
    .map(([fact, provisions]) => ({ fact, label: FACT_GROUPS[fact] ?? { zh: fact, en: fact }, provisions: [...provisions] }))
    .sort((a, b) => b.provisions.length - a.provisions.length || a.fact.localeCompare(b.fact));
}

export class Calculator {
  constructor(readonly pack: Pack, readonly rules: readonly ProvisionRule[]) {}

  evaluate(input: unknown, options: { year?: number; asOf?: string; trace?: boolean } = {}): EvaluationOutcome {
    const valid = validateProfile(input);
    if (!valid.ok) return valid;
    const year = options.year ?? Number(this.pack.meta.validity.from.slice(0, 4));
    // Near misses come from the trace, so the trace is always built; `trace: false` only leaves it out of the answer.
    const evaluation = evaluateProfile(this.pack, this.rules, valid.profile, { year, asOf: options.asOf, trace: true });
    if (options.trace === false) for (const r of evaluation.results) delete r.trace;
    return { ok: true, evaluation: { ...evaluation, next_questions: nextQuestions(evaluation) } };
  }

  /** The screening view: status, amount and what open results wait on, from the compiled rules; no trace. */
  summarise(input: unknown, options: { year?: number; asOf?: string } = {}): SummaryOutcome {
    const valid = validateProfile(input);
    if (!valid.ok) return valid;
    const year = options.year ?? Number(this.pack.meta.validity.from.slice(0, 4));
    const summary = summariseProfile(this.pack, this.rules, valid.profile, { year, asOf: options.asOf });
    return { ok: true, summary: { ...summary, next_questions: nextQuestions(summary) } };
  }

  /**
   * One provision's result with its trace and the parameters read: what a case (submission, approval)
   * needs, at a fraction of evaluating and tracing every provision. Same result as evaluate().
   */
  explainProvision(input: unknown, provision: string, options: { year?: number; asOf?: string } = {}): ProvisionOutcome {
    const valid = validateProfile(input);
    if (!valid.ok) return valid;
    const year = options.year ?? Number(this.pack.meta.validity.from.slice(0, 4));
    const one = explainProvision(this.pack, this.rules, valid.profile, provision, { year, asOf: options.asOf });
    if (one) return { ok: true, result: one.result, parameters_used: one.parametersUsed };
    // Excluded (the full evaluation names the winner) or not a rule of this pack.
    const evaluation = evaluateProfile(this.pack, this.rules, valid.profile, { year, asOf: options.asOf, trace: true });
    const result = evaluation.results.find((r) => r.provision === provision);
    return result ? { ok: true, result, parameters_used: evaluation.parameters_used } : { ok: true, result: undefined, parameters_used: [] };
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
  /** What to ask next: missing facts grouped by profile field, the most blocking first. */
  next_questions: z.array(z.object({ fact: z.string(), label: Bilingual, provisions: z.array(z.string()) })),
});

const Totals = z.object({ exact: z.number().int(), ceilings: z.number().int(), floors: z.number().int(), eligible: z.number().int(), pending: z.number().int(), undetermined: z.number().int() });
const NextQuestionView = z.object({ fact: z.string(), label: Bilingual, provisions: z.array(z.string()) });

/** `?view=summary`: the screening view, one compact line per provision. */
export const EvaluationSummaryView = z.object({
  edition: z.string(),
  year: z.number().int(),
  as_of: z.string(),
  beneficiary: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
  in_force: z.boolean(),
  results: z.array(z.object({
    provision: z.string(),
    catalogue: z.string(),
    status: ProvisionResultView.shape.status,
    amount: z.number().int().optional(),
    amount_kind: ProvisionResultView.shape.amount_kind,
    missing_facts: z.array(z.string()).optional().describe('present when undetermined: the facts it waits on'),
    pending_parameters: z.array(z.string()).optional().describe('present when pending: the unset parameters it waits on'),
  })),
  totals: Totals,
  next_questions: z.array(NextQuestionView),
});

export const ProfileProblemsView = z.object({
  error: z.object({
    code: z.literal('invalid_profile'),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: Bilingual })),
  }),
});
