// The demo data `npm start` seeds (unless ZHIDA_DEMO=0): beneficiaries, then the budget lines of the
// pack's domain budgets, then one account per role, the sample official list's 192 enterprises (免申即享: gaoqi
// signs in as one of them), then a year of progress reports on the targets, then a
// few cases carried to payment (demo-cases.ts). Each step is idempotent, so a restart changes nothing.
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import { seedBudgetLinesFromPack } from './budget.ts';
import { seedDemoAccounts, type DemoLogin } from './demo-accounts.ts';
import { seedDemoBeneficiaries, seedSampleListBeneficiaries } from './demo-beneficiaries.ts';
import { seedDemoCases } from './demo-cases.ts';
import { seedDemoTargetReports } from './targets-demo.ts';

export type { DemoLogin } from './demo-accounts.ts';

/** Seeds the demo data and returns the demo logins, for the server to print. */
export async function seedDemo(db: Db, pack: Pack): Promise<DemoLogin[]> {
  await seedDemoBeneficiaries(db, pack);
  await seedBudgetLinesFromPack(db, pack);
  await seedDemoAccounts(db, pack);
  // After the accounts, so that qiye2 stays the second demo enterprise; then gaoqi, bound to one of them.
  await seedSampleListBeneficiaries(db);
  const logins = await seedDemoAccounts(db, pack);
  await seedDemoTargetReports(db, pack);
  await seedDemoCases(db, pack);
  return logins;
}
