// Accounts (admin only), the audit routes (auditor only) and the demo accounts — on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRETS, seedDemoAccounts } from '../../src/services/demo-accounts.ts';
import { totpCode } from '../../src/services/totp.ts';
import type { Db } from '../../src/store/database.ts';
import { freshIp, login } from './auth-support.ts';
import { dialects, testPack, useDeliveryApp } from './support.ts';

const QIYE = '91330108MA2AY1234G';
const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17)!;
const OTHER = withCheck('91330108MA2B00001');

async function register(db: Db, creditCode: string, name: string): Promise<void> {
  if (await db.selectFrom('beneficiaries').select('credit_code').where('credit_code', '=', creditCode).executeTakeFirst()) return;
  const now = new Date().toISOString();
  await db.insertInto('beneficiaries').values({
    credit_code: creditCode, name, profile: JSON.stringify({ id: creditCode, name, kind: 'enterprise' }), version: 1, bank_name: null, bank_account: null, created_at: now, updated_at: now,
  }).execute();
}

const count = async (db: Db, table: 'accounts' | 'audit_log') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

for (const dialect of dialects) {
  describe(`accounts and audit on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it('admin routes: 401 anonymous, 403 for every other role', async () => {
      const { app, store, signIn } = harness();
      await register(store.db, QIYE, '滨江示例科技有限公司');
      const routes = [
        { method: 'GET' as const, url: '/api/v1/accounts' },
        { method: 'POST' as const, url: '/api/v1/accounts', payload: { username: 'x1', display_name: 'x', role: 'policy', password: 'long enough password' } },
        { method: 'POST' as const, url: '/api/v1/accounts/some-id/disable' },
        { method: 'POST' as const, url: '/api/v1/accounts/some-id/enable' },
        { method: 'POST' as const, url: '/api/v1/accounts/some-id/unlock' },
      ];
      for (const route of routes) expect((await app.inject(route)).statusCode, route.url).toBe(401);
      for (const role of ['enterprise', 'reviewer', 'finance', 'policy', 'auditor'] as const) {
        const user = await signIn(role, { creditCode: QIYE });
        for (const route of routes) expect((await user.inject(route)).statusCode, `${role} ${route.url}`).toBe(403);
      }
      expect(await store.db.selectFrom('accounts').select('id').where('username', '=', 'x1').executeTakeFirst()).toBeUndefined();
    });

    it('creates accounts bound to a department (name or alias) or a registered beneficiary; finance gets a TOTP secret', async () => {
      const { app, store, signIn } = harness();
      await register(store.db, QIYE, '滨江示例科技有限公司');
      const admin = await signIn('admin');
      const create = (payload: object) => admin.inject({ method: 'POST', url: '/api/v1/accounts', payload });
      const reviewer = await create({ username: 'renshe-1', display_name: '人社审核', role: 'reviewer', department: '人力资源和社会保障局', password: 'a long password 1' });
      expect(reviewer.statusCode).toBe(201);
      // The alias is stored as the registered name: reviewers see cases of provisions whose department is theirs.
      expect(reviewer.json().account).toMatchObject({ username: 'renshe-1', role: 'reviewer', department: '人力社保局', credit_code: null, disabled: false, locked_until: null, totp_enabled: false });
      expect(reviewer.json().totp).toBeUndefined();
      const enterprise = await create({ username: 'qiye-a', display_name: '企业', role: 'enterprise', credit_code: QIYE.toLowerCase(), password: 'a long password 2' });
      expect(enterprise.statusCode).toBe(201);
      expect(enterprise.json().account).toMatchObject({ credit_code: QIYE, department: null });
      const finance = await create({ username: 'caiwu-1', display_name: '财务', role: 'finance', password: 'a long password 3' });
      expect(finance.statusCode).toBe(201);
      const { secret, otpauth_url: url } = finance.json().totp;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(url).toMatch(/^otpauth:\/\/totp\/Zhida%E7%9B%B4%E8%BE%BE:caiwu-1\?secret=/);
      expect(finance.json().account.totp_enabled).toBe(true);
      // The new finance account signs in with the password, then a code from the secret it was given.
      const session = await login(app, 'caiwu-1', 'a long password 3');
      expect(session.response.json().second_factor_required).toBe(true);
      const done = await app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: session.headers, payload: { code: totpCode(secret) }, remoteAddress: freshIp() });
      expect(done.statusCode).toBe(200);
      const list = await admin.inject({ method: 'GET', url: '/api/v1/accounts' });
      expect(list.json().accounts.map((a: { username: string }) => a.username)).toEqual(expect.arrayContaining(['renshe-1', 'qiye-a', 'caiwu-1']));
      // Neither the password hash nor the TOTP secret leaves the server.
      expect(list.body).not.toContain('scrypt$');
      expect(list.body).not.toContain(secret);
      expect((await create({ username: 'renshe-1', display_name: 'again', role: 'policy', password: 'a long password 4' })).statusCode).toBe(409);
    });

    it('refuses bad input with 400 naming the field, writing nothing', async () => {
      const { store, signIn } = harness();
      const admin = await signIn('admin');
      const accountsBefore = await count(store.db, 'accounts');
      const auditBefore = await count(store.db, 'audit_log');
      const base = { username: 'newuser', display_name: '新用户', role: 'policy', password: 'a long password!' };
      const cases: [object, string][] = [
        [{ ...base, password: 'elevenchars' }, 'password'],
        [{ ...base, role: 'superuser' }, 'role'],
        [{ ...base, role: 'reviewer' }, 'department'],
        [{ ...base, role: 'reviewer', department: '不存在局' }, 'department'],
        [{ ...base, role: 'enterprise', credit_code: '91330108MA2AY1234H' }, 'credit_code'],
        [{ ...base, role: 'enterprise' }, 'credit_code'],
        [{ ...base, role: 'enterprise', credit_code: OTHER }, 'credit_code'], // valid, not registered
        [{ ...base, department: '科技局' }, 'department'], // only reviewers have one
        [{ ...base, username: 'Bad Name!' }, 'username'],
      ];
      for (const [payload, field] of cases) {
        const response = await admin.inject({ method: 'POST', url: '/api/v1/accounts', payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json().error.message, JSON.stringify(payload)).toContain(field);
      }
      const missing = await admin.inject({ method: 'POST', url: '/api/v1/accounts', payload: { username: 'x' } });
      expect(missing.statusCode).toBe(400);
      expect(await count(store.db, 'accounts')).toBe(accountsBefore);
      expect(await count(store.db, 'audit_log')).toBe(auditBefore);
    });

    it('disable / enable / unlock: 404 for an unknown account; an admin cannot disable themselves', async () => {
      const { signIn } = harness();
      const admin = await signIn('admin');
      expect((await admin.inject({ method: 'POST', url: '/api/v1/accounts/no-such-account/disable' })).statusCode).toBe(404);
      expect((await admin.inject({ method: 'POST', url: `/api/v1/accounts/${admin.account.id}/disable` })).statusCode).toBe(409);
      const target = await signIn('policy');
      const locked = await admin.inject({ method: 'POST', url: `/api/v1/accounts/${target.account.id}/unlock` });
      expect(locked.json().account).toMatchObject({ id: target.account.id, locked_until: null });
    });

    it('audit: auditor only; newest first with the account.create record; filters, pages and verifies', async () => {
      const { app, signIn } = harness();
      const admin = await signIn('admin');
      await admin.inject({ method: 'POST', url: '/api/v1/accounts', payload: { username: 'audited-1', display_name: '被审计', role: 'auditor', password: 'a long password 5' } });
      expect((await app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
      for (const role of ['admin', 'finance', 'policy', 'reviewer'] as const) {
        const user = role === 'admin' ? admin : await signIn(role);
        expect((await user.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode, role).toBe(403);
        expect((await user.inject({ method: 'GET', url: '/api/v1/audit/verify' })).statusCode, role).toBe(403);
      }
      const auditor = await signIn('auditor');
      const created = await auditor.inject({ method: 'GET', url: '/api/v1/audit?subject=account:audited-1' });
      expect(created.statusCode).toBe(200);
      const [record] = created.json().records;
      expect(record).toMatchObject({ action: 'account.create', actor: `admin:${admin.account.username}`, subject: 'account:audited-1', before: null, after: { role: 'auditor', username: 'audited-1', disabled: false } });
      expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(record.after)).not.toContain('scrypt');
      const all = (await auditor.inject({ method: 'GET', url: '/api/v1/audit?limit=500' })).json().records as { seq: number; action: string }[];
      expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => b - a));
      const page1 = (await auditor.inject({ method: 'GET', url: '/api/v1/audit?limit=2' })).json();
      expect(page1.records).toHaveLength(2);
      expect(page1.next_before_seq).toBe(page1.records[1].seq);
      const page2 = (await auditor.inject({ method: 'GET', url: `/api/v1/audit?limit=2&before_seq=${page1.next_before_seq}` })).json();
      expect(page2.records[0].seq).toBe(page1.records[1].seq - 1);
      const byAction = (await auditor.inject({ method: 'GET', url: '/api/v1/audit?action=account.create&limit=500' })).json().records as { action: string }[];
      expect(byAction.length).toBeGreaterThan(0);
      expect(byAction.every((r) => r.action === 'account.create')).toBe(true);
      expect((await auditor.inject({ method: 'GET', url: '/api/v1/audit?limit=0' })).statusCode).toBe(400);
      const verify = await auditor.inject({ method: 'GET', url: '/api/v1/audit/verify' });
      expect(verify.json()).toMatchObject({ ok: true, problems: [] });
      expect(verify.json().records).toBe(all.length);
    });

    it('seeds the demo accounts once, each role signing in with the demo password; caizheng with its fixed TOTP secret', async () => {
      const { app, store } = harness();
      await register(store.db, QIYE, '滨江示例科技有限公司');
      await register(store.db, OTHER, '滨江第二示例有限公司');
      // The harness has made accounts already: seeding acts only on an empty table, so empty it here.
      await store.db.deleteFrom('sessions').execute();
      await store.db.deleteFrom('accounts').execute();
      const logins = await seedDemoAccounts(store.db, testPack());
      expect(logins.map((l) => `${l.role}:${l.username}`)).toEqual([
        'enterprise:qiye', 'enterprise:qiye2', 'reviewer:kejiju', 'reviewer:jingxinju', 'finance:caizheng', 'policy:zhengce', 'auditor:shenji', 'admin:admin', 'leader:lingdao',
      ]);
      expect(logins.find((l) => l.username === 'caizheng')!.totp).toBe('npx zhida demo totp caizheng');
      expect(logins.find((l) => l.username === 'kejiju')!.totp).toBeNull();
      const again = await seedDemoAccounts(store.db, testPack());
      expect(again).toEqual(logins);
      expect(await count(store.db, 'accounts')).toBe(9);
      const rows = await store.db.selectFrom('accounts').select(['username', 'credit_code', 'department', 'created_by']).orderBy('username').execute();
      expect(rows.find((r) => r.username === 'qiye')).toMatchObject({ credit_code: QIYE, created_by: 'demo-seed' });
      expect(rows.find((r) => r.username === 'qiye2')).toMatchObject({ credit_code: OTHER });
      expect(rows.find((r) => r.username === 'jingxinju')).toMatchObject({ department: '经信局' });
      const qiye = await login(app, 'qiye', DEMO_PASSWORD);
      expect(qiye.response.json()).toMatchObject({ second_factor_required: false, account: { role: 'enterprise', credit_code: QIYE } });
      const caizheng = await login(app, 'caizheng', DEMO_PASSWORD);
      expect(caizheng.response.json().second_factor_required).toBe(true);
      const totp = await app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: caizheng.headers, payload: { code: totpCode(DEMO_TOTP_SECRETS.caizheng!) }, remoteAddress: freshIp() });
      expect(totp.statusCode).toBe(200);
      expect(totp.json().account).toMatchObject({ role: 'finance', username: 'caizheng' });
    }, 30_000);
  });
}
