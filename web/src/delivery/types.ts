// The delivery API's JSON as the web app reads it: the server's own view types (src/services/delivery-views.ts),
// under the names the pages use, and the few shapes that are the web app's own.
import type { ProvisionResult } from '../../../src/core/engine/engine.ts';
import type { AccountView, ApplicationStatus } from '../../../src/services/delivery-views.ts';

export type {
  AdminAccountView, ApplicationDetail, ApplicationStatus, ApplicationView as Application, BeneficiaryView as Beneficiary,
  BudgetLineView as BudgetLine, CaseObjectionView as Objection, DecisionView as Decision, EvidenceView as Evidence,
  ApplicationEventView as ApplicationEvent, NoticeItemView as NoticeItem, NoticeView as Notice, PayoutBatchView as PayoutBatch,
  PayoutItemView as PayoutItem, ProfileChangeView as ProfileChange, ReservationView as Reservation, Role,
} from '../../../src/services/delivery-views.ts';

export type Me = AccountView;

export interface AuthAnswer {
  account: Me;
  csrf_token: string;
  second_factor_required?: boolean;
}

export interface Bilingual {
  zh: string;
  en: string;
}

/** GET /beneficiaries/:code/eligibility: the evaluation, each eligible result with its application if any. */
export type EligibilityResult = ProvisionResult & { application_id?: string | null; application_status?: ApplicationStatus | null };
export interface Eligibility {
  edition?: string;
  year: number;
  results: EligibilityResult[];
  totals?: { exact: number; ceilings: number; floors: number; eligible: number };
}

/** Titles in the notice may come as a string or bilingual. */
export const titleText = (title: string | Bilingual, isEn: boolean): string => (typeof title === 'string' ? title : isEn ? title.en : title.zh);
