// zhida account create / list / disable and zhida demo totp, as separate processes on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { DEMO_TOTP_SECRETS, seedDemoAccounts } from '../../src/services/demo-accounts.ts';
import { totpCode } from '../../src/services/totp.ts';
import { verifyPassword } from '../../src/services/passwords.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { dialects, freshStore } from '../store/support/stores.ts';
import { runZhida } from './run-zhida.ts';

const zhida = runZhida;

describe.each(dialects)('zhida account on $name', (dialect) => {
  it('creates accounts (password from stdin, or generated with a TOTP secret for finance), lists and disables them', async () => {
    const store = await freshStore(dialect);
    const db = ['--database', store.url];
    const reviewer = await zhida(['account', 'create', '--username', 'kjj-li', '--name', '李审核', '--role', 'reviewer', '--department', '科技局', '--password-stdin', ...db], 'a long cli password\n');
    expect(reviewer.code, reviewer.stderr).toBe(0);
    expect(reviewer.stdout).toContain('created kjj-li (reviewer 科技局)');
    expect(reviewer.stdout).not.toContain('password (shown once)');
    const row = await store.db.selectFrom('accounts').selectAll().where('username', '=', 'kjj-li').executeTakeFirstOrThrow();
    // The trailing newline of stdin is not part of the password.
    expect(await verifyPassword('a long cli password', row.password_hash)).toBe(true);
    expect(row.created_by).toMatch(/^admin:cli-/);

    const finance = await zhida(['account', 'create', '--username', 'cz-wang', '--name', '王出纳', '--role', 'finance', '--json', ...db]);
    expect(finance.code, finance.stderr).toBe(0);
    const created = JSON.parse(finance.stdout);
    expect(created.account).toMatchObject({ username: 'cz-wang', role: 'finance', totp_enabled: true });
    expect(created.generated_password.length).toBeGreaterThanOrEqual(12);
    expect(created.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
    const financeRow = await store.db.selectFrom('accounts').selectAll().where('username', '=', 'cz-wang').executeTakeFirstOrThrow();
    expect(await verifyPassword(created.generated_password, financeRow.password_hash)).toBe(true);
    expect(financeRow.totp_secret).toBe(created.totp.secret);

    const bad = await zhida(['account', 'create', '--username', 'x-y', '--name', 'x', '--role', 'reviewer', '--department', '不存在局', ...db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('department');

    const list = await zhida(['account', 'list', '--json', ...db]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).accounts.map((a: { username: string; disabled: boolean }) => [a.username, a.disabled])).toEqual([['kjj-li', false], ['cz-wang', false]]);
    const text = await zhida(['account', 'list', ...db]);
    expect(text.stdout).toMatch(/kjj-li\s+reviewer\s+李审核\s+科技局/);

    const disable = await zhida(['account', 'disable', 'kjj-li', ...db]);
    expect(disable.code, disable.stderr).toBe(0);
    expect((await store.db.selectFrom('accounts').select('disabled').where('username', '=', 'kjj-li').executeTakeFirstOrThrow()).disabled).toBe(1);
    expect((await zhida(['account', 'disable', 'nobody', ...db])).code).toBe(1);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'subject']).orderBy('seq').execute();
    expect(audit).toEqual([
      { action: 'account.create', subject: 'account:kjj-li' }, { action: 'account.create', subject: 'account:cz-wang' }, { action: 'account.disable', subject: 'account:kjj-li' },
    ]);

    // demo totp: only demo accounts.
    const refused = await zhida(['demo', 'totp', 'cz-wang', ...db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not a demo account');
  }, 60_000);

  it('demo totp prints the current code of a demo account', async () => {
    const store = await freshStore(dialect);
    await seedDemoAccounts(store.db, loadEdition('binjiang-2025'));
    const before = totpCode(DEMO_TOTP_SECRETS.caizheng!);
    const result = await zhida(['demo', 'totp', 'caizheng', '--json', '--database', store.url]);
    const after = totpCode(DEMO_TOTP_SECRETS.caizheng!);
    expect(result.code, result.stderr).toBe(0);
    expect([before, after]).toContain(JSON.parse(result.stdout).code);
  }, 60_000);
});
