// What the stored profile is eligible for in a year, as the calculator says today, with the application
// (if any) already made for each provision: the enterprise's "my awards" page.
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import type { ApplicationStatus } from '../store/tables/index.ts';
import type { Actor } from './actor.ts';
import { parseProfile, visibleBeneficiary } from './beneficiaries.ts';
import { conflict } from './errors.ts';
import type { Calculator, EvaluationWithQuestions } from './evaluation.ts';
import { effectiveCalculator } from './parameter-settings.ts';

export type EligibilityAnswer = EvaluationWithQuestions & {
  profile_version: number;
  results: (EvaluationWithQuestions['results'][number] & { application_id: string | null; application_status: ApplicationStatus | null })[];
};

export const defaultYear = (pack: Pack): number => Number(pack.meta.validity.from.slice(0, 4));

export async function eligibility(db: Db, base: Calculator, actor: Actor, code: string, year?: number): Promise<EligibilityAnswer> {
  const beneficiary = await visibleBeneficiary(db, actor, code);
  const calculator = await effectiveCalculator(db, base);
  const evaluationYear = year ?? defaultYear(calculator.pack);
  const outcome = calculator.evaluate(parseProfile(beneficiary), { year: evaluationYear, trace: true });
  if (!outcome.ok) throw conflict(`the stored profile of ${code} is no longer valid: ${outcome.problems.map((p) => `${p.path} ${p.message.en}`).join('; ')}`);
  // The latest case per provision; live cases come before closed ones of the same provision.
  const cases = await db.selectFrom('applications').select(['id', 'provision', 'status', 'created_at'])
    .where('credit_code', '=', code).where('year', '=', evaluationYear).orderBy('created_at').execute();
  const byProvision = new Map<string, { id: string; status: ApplicationStatus }>();
  for (const c of cases) {
    const known = byProvision.get(c.provision);
    const closed = (s: ApplicationStatus) => s === 'rejected' || s === 'withdrawn';
    if (!known || closed(known.status) || !closed(c.status)) byProvision.set(c.provision, { id: c.id, status: c.status });
  }
  return {
    ...outcome.evaluation,
    profile_version: beneficiary.version,
    results: outcome.evaluation.results.map((r) => {
      const found = byProvision.get(r.provision);
      return { ...r, application_id: found?.id ?? null, application_status: found?.status ?? null };
    }),
  };
}
