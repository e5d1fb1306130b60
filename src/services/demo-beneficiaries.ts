// The demo beneficiaries `npm start` registers when absent: two enterprises of Binjiang with facts that make
// them eligible for different awards in 2025, so the delivery path can be walked end to end. Idempotent.
import { readFileSync } from 'node:fs';
import type { Pack } from '../core/pack.ts';
import type { Profile } from '../core/profile.ts';
import type { Db } from '../store/database.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { registerBeneficiary, type BeneficiaryView } from './beneficiaries.ts';

export interface DemoBeneficiary {
  profile: Profile;
  bank_name: string;
  bank_account: string;
}

export const DEMO_BENEFICIARIES: readonly DemoBeneficiary[] = [
  {
    // 新认定国家高新技术企业 (M02, 30万元) and 省科技型中小企业 (M01) in 2025: examples/high-tech-new.json.
    profile: {
      id: '91330108MA2AY1234G', name: '滨江示例科技有限公司', kind: 'enterprise', industrial: false,
      recognitions: [
        { type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-04-01', certificate: 'GR202533001234', valid_until: '2028-03-31' },
        { type: 'sci-tech-sme', level: 'provincial', event: 'new', date: '2025-03-15' },
      ],
    },
    bank_name: '中国工商银行杭州高新支行',
    bank_account: '1202021309900012345',
  },
  {
    // Technology contracts registered in 2025 (M22 技术交易券: 30%, at most 50万元 a year); check character computed (GB 32100).
    profile: {
      id: '91330108MA2B05678Y', name: '滨江示例智造有限公司', kind: 'enterprise', industrial: true,
      contracts: [
        { id: 'TC-2025-101', registered_on: '2025-05-08', amount: 600000 },
        { id: 'TC-2025-102', registered_on: '2025-08-21', amount: 400000 },
      ],
    },
    bank_name: '中国建设银行杭州滨江支行',
    bank_account: '33050161722700004321',
  },
];

/** Registers the demo beneficiaries that are not registered yet; returns those it registered. */
export async function seedDemoBeneficiaries(db: Db, pack: Pack): Promise<BeneficiaryView[]> {
  void pack;
  const registered: BeneficiaryView[] = [];
  for (const demo of DEMO_BENEFICIARIES) {
    const exists = await db.selectFrom('beneficiaries').select('credit_code').where('credit_code', '=', demo.profile.id).executeTakeFirst();
    if (exists) continue;
    registered.push(await registerBeneficiary(db, SYSTEM_ACTOR, { profile: demo.profile, bank_name: demo.bank_name, bank_account: demo.bank_account }));
  }
  return registered;
}

/** The sample official list's enterprises (examples/lists, shipped with the repo): registered, the list not imported. */
export const SAMPLE_LIST_BENEFICIARIES = new URL('../../examples/lists/新认定高新技术企业-2025.beneficiaries.json', import.meta.url);
/** The sample list's enterprise the demo login gaoqi acts for (line 2 of the list: a new recognition). */
export const GAOQI_CREDIT_CODE = '91330108MAA0WNWBKT';

/**
 * Registers the 192 enterprises of the sample 新认定高新技术企业 2025 list that are not registered yet, so that
 * importing the list (the user does) adds their recognitions and offers them the award (免申即享).
 */
export async function seedSampleListBeneficiaries(db: Db): Promise<number> {
  const profiles = JSON.parse(readFileSync(SAMPLE_LIST_BENEFICIARIES, 'utf8')) as Profile[];
  const existing = new Set((await db.selectFrom('beneficiaries').select('credit_code').execute()).map((b) => b.credit_code));
  let registered = 0;
  for (const profile of profiles) {
    if (existing.has(profile.id)) continue;
    await registerBeneficiary(db, SYSTEM_ACTOR, { profile });
    registered += 1;
  }
  return registered;
}
