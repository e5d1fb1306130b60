// Demo cases `npm start` carries through the real services, so the leadership dashboard and finance's pages
// show money that moved: four more enterprises of Binjiang (profiles from the pack's tests of articles 一,
// 二 and 五), each with one 科技局 award at a different stage — paid, paid, payable, approved. The notice ran
// in September 2025 (publish and close take the dates as arguments). Seeded once, on a database with no case
// yet; the enterprises' accounts are not demo logins (random passwords, never printed).
import { randomBytes } from 'node:crypto';
import type { Pack } from '../core/pack.ts';
import type { Profile } from '../core/profile.ts';
import { loadRules } from '../pack/rules.ts';
import type { Db } from '../store/database.ts';
import { SYSTEM_ACTOR, type Actor } from './actor.ts';
import { createAccount } from './accounts.ts';
import { approveApplication } from './application-approval.ts';
import { createApplication, submitApplication, type CaseContext } from './applications.ts';
import { registerBeneficiary } from './beneficiaries.ts';
import { demoBankConfirmationCsv } from './demo-bank.ts';
import { DEMO_CREATED_BY } from './demo-accounts.ts';
import { Calculator } from './evaluation.ts';
import { closeNotice, publishNotice } from './notices.ts';
import { applyConfirmation } from './payout-confirmation.ts';
import { buildBatch } from './payouts.ts';
import { accountToActor } from './sessions.ts';

type Stage = 'paid' | 'payable' | 'approved';

/** created_by of the demo cases' enterprise accounts: not demo logins (seedDemoAccounts lists DEMO_CREATED_BY only). */
export const DEMO_CASE_ACCOUNTS = 'demo-seed:cases';

interface DemoCase {
  profile: Profile;
  bank: { name: string; account: string };
  provision: string;
  stage: Stage;
}

const rent = (amount: number) => Array.from({ length: 12 }, (_, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, amount }));

// Expected amounts (the engine decides them at submission and approval; these comments are for the reader):
// 市级新雏鹰企业 100万元 → 1000000; 市级中试基地 50万元 → 500000; 市级孵化器在孵企业房租 24万元 → 120000
// (a02 test: 50%); 新认定省科技型中小企业 1万元 → 10000.
export const DEMO_CASES: readonly DemoCase[] = [
  {
    profile: { id: '91330108MA2C00010C', name: '滨江示例雏鹰科技有限公司', kind: 'enterprise', recognitions: [{ type: 'eaglet', level: 'city', event: 'recognised', date: '2025-07-01' }] },
    bank: { name: '中国农业银行杭州滨江支行', account: '19033101040012345' }, provision: 'eaglet-city', stage: 'paid',
  },
  {
    profile: { id: '91330108MA2C00020D', name: '滨江示例中试服务有限公司', kind: 'enterprise', recognitions: [{ type: 'pilot-test-base', level: 'city', event: 'new', date: '2025-08-08' }] },
    bank: { name: '杭州银行科技支行', account: '3301040160012345678' }, provision: 'poc-pilot-city', stage: 'paid',
  },
  {
    profile: { id: '91330108MA2C00030E', name: '滨江示例孵化企业有限公司', kind: 'enterprise', incubation: [{ carrier: 'incubator', carrier_level: 'city', entered: '2023-03-15', rent: rent(20000) }] },
    bank: { name: '浙商银行杭州分行', account: '3310010010120100012345' }, provision: 'incubatee-rent', stage: 'payable',
  },
  {
    profile: { id: '91330108MA2C00040F', name: '滨江示例创新科技有限公司', kind: 'enterprise', recognitions: [{ type: 'sci-tech-sme', level: 'provincial', event: 'new', date: '2025-06-18' }] },
    bank: { name: '中国银行杭州高新支行', account: '356758912345' }, provision: 'sme-province-new', stage: 'approved',
  },
];

async function accountActor(db: Db, username: string): Promise<Actor> {
  return accountToActor(await db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirstOrThrow());
}

/** Seeds the demo cases when the database has no case yet and the demo accounts exist; returns how many it made. */
export async function seedDemoCases(db: Db, pack: Pack): Promise<number> {
  const any = await db.selectFrom('applications').select('id').limit(1).executeTakeFirst();
  const staff = await db.selectFrom('accounts').select('username').where('username', 'in', ['kejiju', 'caizheng']).where('created_by', '=', DEMO_CREATED_BY).execute();
  if (any || staff.length < 2) return 0;
  const context: CaseContext = { pack, calculator: new Calculator(pack, await loadRules(pack)) };
  const reviewer = await accountActor(db, 'kejiju');
  const finance = await accountActor(db, 'caizheng');

  const cases: { id: string; stage: Stage }[] = [];
  for (const demo of DEMO_CASES) {
    await registerBeneficiary(db, SYSTEM_ACTOR, { profile: demo.profile, bank_name: demo.bank.name, bank_account: demo.bank.account });
    const { account } = await createAccount(db, pack, SYSTEM_ACTOR, {
      username: `demo-${demo.profile.id.slice(-6).toLowerCase()}`, display_name: demo.profile.name ?? demo.profile.id, role: 'enterprise',
      credit_code: demo.profile.id, password: randomBytes(18).toString('base64url'), created_by: DEMO_CASE_ACCOUNTS,
    });
    const applicant = accountToActor(account);
    const draft = await createApplication(db, context, applicant, { provision: demo.provision, year: 2025 });
    const submitted = await submitApplication(db, context, applicant, draft.id);
    if (submitted.engine_amount_yuan === null) throw new Error(`demo case ${demo.provision}: the engine gave no amount (${submitted.engine_status})`);
    await approveApplication(db, context, reviewer, draft.id, { granted_yuan: submitted.engine_amount_yuan, note: '演示数据' });
    cases.push({ id: draft.id, stage: demo.stage });
  }

  const noticed = cases.filter((c) => c.stage !== 'approved').map((c) => c.id);
  const notice = await publishNotice(db, pack, reviewer, { applicationIds: noticed, today: '2025-09-01' });
  await closeNotice(db, pack, reviewer, notice.id, '2025-09-15');
  const paid = cases.filter((c) => c.stage === 'paid').map((c) => c.id);
  const { batch } = await buildBatch(db, finance, 'demo-seed:batch-2025-09', paid);
  await applyConfirmation(db, finance, batch.id, Buffer.from(await demoBankConfirmationCsv(db, finance, batch.id), 'utf8'));
  return cases.length;
}
