// The demo accounts `npm start` creates on an empty accounts table, one per role (api.md), all with the
// password Zhida-demo-2025; caizheng (finance) and admin with fixed TOTP secrets, so that
// `npx zhida demo totp <username>` can print their current code. Never for production use: created_by
// 'demo-seed' marks them, and ZHIDA_DEMO=0 turns seeding off.
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import type { Role } from '../store/tables/index.ts';
import { SYSTEM_ACTOR } from './actor.ts';
import { createAccount } from './accounts.ts';
import { GAOQI_CREDIT_CODE } from './demo-beneficiaries.ts';

export const DEMO_PASSWORD = 'Zhida-demo-2025';
export const DEMO_CREATED_BY = 'demo-seed';
/** The first demo beneficiary (滨江示例科技有限公司). */
export const DEMO_CREDIT_CODE = '91330108MA2AY1234G';
/** Fixed, public secrets: demo accounts only (base32). */
export const DEMO_TOTP_SECRETS: Readonly<Record<string, string>> = {
  caizheng: 'ZHIDACAIZHENGDEMOTOTPKEY',
  admin: 'ZHIDAADMINDEMOTOTPSECRET',
};

export interface DemoLogin {
  role: Role;
  username: string;
  display_name: string;
  password: string;
  /** How to get the code, for accounts that owe one. */
  totp: string | null;
}

interface DemoAccount { username: string; role: Role; display_name: string; department?: string; credit_code?: string }

async function demoAccounts(db: Db): Promise<DemoAccount[]> {
  const beneficiaries = await db.selectFrom('beneficiaries').select(['credit_code', 'name']).orderBy('created_at').orderBy('credit_code').execute();
  const first = beneficiaries.find((b) => b.credit_code === DEMO_CREDIT_CODE);
  const second = beneficiaries.find((b) => b.credit_code !== DEMO_CREDIT_CODE);
  // The sample list's enterprise (seedSampleListBeneficiaries), once registered: 免申即享 after the list is imported.
  const gaoqi = beneficiaries.find((b) => b.credit_code === GAOQI_CREDIT_CODE);
  return [
    ...(first ? [{ username: 'qiye', role: 'enterprise' as const, display_name: first.name, credit_code: first.credit_code }] : []),
    ...(second ? [{ username: 'qiye2', role: 'enterprise' as const, display_name: second.name, credit_code: second.credit_code }] : []),
    ...(gaoqi ? [{ username: 'gaoqi', role: 'enterprise' as const, display_name: gaoqi.name, credit_code: gaoqi.credit_code }] : []),
    { username: 'kejiju', role: 'reviewer', display_name: '科技局审核员', department: '科技局' },
    { username: 'jingxinju', role: 'reviewer', display_name: '经信局审核员', department: '经信局' },
    { username: 'caizheng', role: 'finance', display_name: '财政局资金拨付' },
    { username: 'zhengce', role: 'policy', display_name: '政策研究室' },
    { username: 'shenji', role: 'auditor', display_name: '审计员' },
    { username: 'admin', role: 'admin', display_name: '系统管理员' },
    { username: 'lingdao', role: 'leader', display_name: '区领导' },
  ];
}

/**
 * Creates the demo accounts when no account exists yet (run it after the demo beneficiaries are
 * registered), and in a demo database (one the demo seeding made) those added since it ran — the leader
 * account came with the targets; returns the demo logins there are, created now or before.
 */
export async function seedDemoAccounts(db: Db, pack: Pack): Promise<DemoLogin[]> {
  const existing = await db.selectFrom('accounts').select(['username', 'created_by']).execute();
  const demoDatabase = existing.length === 0 || existing.some((a) => a.created_by === DEMO_CREATED_BY);
  if (demoDatabase) {
    const taken = new Set(existing.map((a) => a.username));
    for (const demo of (await demoAccounts(db)).filter((d) => !taken.has(d.username))) {
      await createAccount(db, pack, SYSTEM_ACTOR, {
        ...demo, password: DEMO_PASSWORD, created_by: DEMO_CREATED_BY, ...(DEMO_TOTP_SECRETS[demo.username] ? { totp_secret: DEMO_TOTP_SECRETS[demo.username] } : {}),
      });
    }
  }
  const rows = await db.selectFrom('accounts').select(['username', 'role', 'display_name', 'totp_enabled']).where('created_by', '=', DEMO_CREATED_BY).orderBy('created_at').execute();
  return rows.map((r) => ({
    role: r.role, username: r.username, display_name: r.display_name, password: DEMO_PASSWORD,
    totp: r.totp_enabled === 1 ? `npx zhida demo totp ${r.username}` : null,
  }));
}
