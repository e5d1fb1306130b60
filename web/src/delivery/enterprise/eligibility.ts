// The enterprise's eligibility (GET /beneficiaries/:code/eligibility) read defensively: the evaluation's
// results either at the top level or under `evaluation`.
import type { ProvisionResult } from '../../../../src/core/engine/engine.ts';
import { useDeliveryApi } from '../session.tsx';
import type { Application, EligibilityResult } from '../types.ts';

export interface EligibilityView {
  results: EligibilityResult[];
  year: number;
}

type Raw = { results?: EligibilityResult[]; year?: number; evaluation?: { results?: ProvisionResult[]; year?: number } };

export function useEligibility(creditCode: string | null, year: number) {
  const state = useDeliveryApi<Raw>(creditCode ? `/beneficiaries/${encodeURIComponent(creditCode)}/eligibility?year=${year}` : null);
  const raw = state.data;
  const view: EligibilityView | undefined = raw ? { results: raw.results ?? raw.evaluation?.results ?? [], year: raw.year ?? raw.evaluation?.year ?? year } : undefined;
  return { ...state, data: view };
}

const CLOSED = new Set(['rejected', 'withdrawn']);

/** The live application of the enterprise for a provision and year, if any. */
export function liveApplication(applications: Application[] | undefined, provision: string, year: number): Application | undefined {
  return applications?.find((a) => a.provision === provision && a.year === year && !CLOSED.has(a.status));
}
