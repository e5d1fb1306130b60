// Signing in: passwords, lockout, rate limit, TOTP (RFC 6238), sessions (cookie flags, CSRF, timeouts,
// logout, disabled accounts), password change and TOTP enrolment — on SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/api/auth-plugin.ts';
import { verifyPassword, hashPassword } from '../../src/services/passwords.ts';
import { ABSOLUTE_TIMEOUT_MS, createSession, IDLE_TIMEOUT_MS, resolveSession } from '../../src/services/sessions.ts';
import { base32Encode, generateTotpSecret, hotp, matchTotp, otpauthUrl, totpCode } from '../../src/services/totp.ts';
import { freshIp, login, makeAccount, PASSWORD } from './auth-support.ts';
import { dialects, useDeliveryApp } from './support.ts';

describe('TOTP (RFC 6238) and passwords', () => {
  // RFC 6238 appendix B, SHA-1, key "12345678901234567890" (ASCII), 8 digits.
  const key = Buffer.from('12345678901234567890');
  const secret = base32Encode(key);
  it.each([
    [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
  ])('T = %i s → %s', (seconds, expected) => {
    expect(totpCode(secret, seconds * 1000, 8)).toBe(expected);
    // 6 digits: the same value mod 10^6.
    expect(totpCode(secret, seconds * 1000)).toBe(expected.slice(-6));
  });
  it('accepts the step before and after, never a step at or before the last used', () => {
    const t = 1111111111 * 1000; // step 37037037
    expect(matchTotp(secret, '050471', t, null)).toBe(37037037);
    expect(matchTotp(secret, hotp(key, 37037036), t, null)).toBe(37037036);
    expect(matchTotp(secret, hotp(key, 37037038), t, null)).toBe(37037038);
    expect(matchTotp(secret, hotp(key, 37037039), t, null)).toBeUndefined();
    expect(matchTotp(secret, '050471', t, 37037037)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', t, null)).toBeUndefined();
  });
  it('makes 160-bit base32 secrets and an otpauth URI with the issuer', () => {
    expect(generateTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl('ABC', 'caizheng')).toBe('otpauth://totp/Zhida%E7%9B%B4%E8%BE%BE:caizheng?secret=ABC&issuer=Zhida%E7%9B%B4%E8%BE%BE&algorithm=SHA1&digits=6&period=30');
  });
  it('hashes with scrypt N=2^17, r=8, p=1, a 16-byte salt, and verifies', async () => {
    const stored = await hashPassword('a long enough password');
    const [name, N, r, p, salt, hash] = stored.split('$');
    expect([name, N, r, p]).toEqual(['scrypt', '131072', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(hash!, 'base64')).toHaveLength(32);
    expect(await verifyPassword('a long enough password', stored)).toBe(true);
    expect(await verifyPassword('a long enough passworD', stored)).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$test-only$not-a-hash')).toBe(false);
  });
});

for (const dialect of dialects) {
  describe(`sign-in on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);
    const me = (headers: Record<string, string>) => harness().app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

    it('signs in: an HttpOnly, Secure, SameSite=Strict cookie; the account and CSRF token; /auth/me', async () => {
      const { app, store } = harness();
      const account = await makeAccount(store.db, 'reviewer', { department: '经信局' });
      const { response, headers } = await login(app, account.username, PASSWORD);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ second_factor_required: false, account: { id: account.id, role: 'reviewer', department: '经信局', credit_code: null, totp_enabled: false } });
      expect(body.csrf_token).toMatch(/^[\w-]{40,}$/);
      const setCookie = String(response.headers['set-cookie']);
      expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; Secure/);
      expect(setCookie).toMatch(/; SameSite=Strict/);
      expect(setCookie).toMatch(/; Path=\//);
      const who = await me(headers);
      expect(who.statusCode).toBe(200);
      expect(who.json()).toMatchObject({ account: { username: account.username }, csrf_token: body.csrf_token, second_factor_required: false });
      // The database keeps the token's hash only.
      const token = response.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      expect(await store.db.selectFrom('sessions').select('id').where('id', '=', token).executeTakeFirst()).toBeUndefined();
      const audit = await store.db.selectFrom('audit_log').select(['action', 'actor']).where('subject', '=', `account:${account.username}`).execute();
      expect(audit).toContainEqual({ action: 'auth.login', actor: `reviewer:${account.username}` });
    });

    it('answers a wrong password and an unknown username with the same 401 message, setting no cookie', async () => {
      const { app, store } = harness();
      const account = await makeAccount(store.db, 'policy');
      const wrong = await login(app, account.username, 'not the password at all');
      const unknown = await login(app, 'nobody-here', PASSWORD);
      expect(wrong.response.statusCode).toBe(401);
      expect(unknown.response.statusCode).toBe(401);
      expect(wrong.response.json()).toEqual(unknown.response.json());
      expect(wrong.response.json().error.message).toBe('wrong username or password');
      expect(wrong.response.headers['set-cookie']).toBeUndefined();
      expect((await me({})).statusCode).toBe(401);
    });

    it('locks an account for 15 minutes after 5 consecutive failures; success resets the count; admin unlocks', async () => {
      const { app, store, signIn } = harness();
      const account = await makeAccount(store.db, 'auditor');
      for (let i = 0; i < 4; i++) expect((await login(app, account.username, 'wrong password!!')).response.statusCode).toBe(401);
      // A success resets the count: four more failures do not lock.
      expect((await login(app, account.username, PASSWORD)).response.statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login(app, account.username, 'wrong password!!')).response.statusCode).toBe(401);
      const before = Date.now();
      const fifth = await login(app, account.username, 'wrong password!!');
      expect(fifth.response.statusCode).toBe(423);
      const row = await store.db.selectFrom('accounts').select('locked_until').where('id', '=', account.id).executeTakeFirstOrThrow();
      const lockMs = Date.parse(row.locked_until!) - before;
      expect(lockMs).toBeGreaterThanOrEqual(15 * 60 * 1000 - 5000);
      expect(lockMs).toBeLessThanOrEqual(15 * 60 * 1000 + 5000);
      // Even the right password is refused while locked, and the message says until when.
      const locked = await login(app, account.username, PASSWORD);
      expect(locked.response.statusCode).toBe(423);
      expect(locked.response.json().error).toMatchObject({ code: 'locked' });
      expect(locked.response.json().error.message).toContain(row.locked_until);
      const actions = (await store.db.selectFrom('audit_log').select('action').where('subject', '=', `account:${account.username}`).orderBy('seq').execute()).map((r) => r.action);
      expect(actions.filter((a) => a === 'auth.login-failed')).toHaveLength(9);
      expect(actions).toContain('auth.lock');
      const admin = await signIn('admin');
      expect((await admin.inject({ method: 'POST', url: `/api/v1/accounts/${account.id}/unlock` })).statusCode).toBe(200);
      expect((await login(app, account.username, PASSWORD)).response.statusCode).toBe(200);
    });

    it('limits sign-in attempts per client address: 20 per 5 minutes, then 429', async () => {
      const { app, store } = harness();
      const account = await makeAccount(store.db, 'policy');
      const ip = freshIp();
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await login(app, account.username, 'wrong password!!', ip)).response.statusCode);
      // 4 failures, the 5th locks; the rest meet the lock.
      expect(statuses).toEqual([401, 401, 401, 401, 423, ...Array(15).fill(423)]);
      const limited = await login(app, 'anyone', PASSWORD, ip);
      expect(limited.response.statusCode).toBe(429);
      expect(limited.response.json().error.code).toBe('rate_limited');
      // Another address is not limited.
      const other = await makeAccount(store.db, 'policy');
      expect((await login(app, other.username, PASSWORD)).response.statusCode).toBe(200);
    });

    it('finance and admin owe a TOTP code: the incomplete session gets 401 until POST /auth/totp; a code is used once', async () => {
      const { app, store } = harness();
      const secret = generateTotpSecret();
      const account = await makeAccount(store.db, 'admin', { totpSecret: secret });
      const first = await login(app, account.username, PASSWORD);
      expect(first.response.statusCode).toBe(200);
      expect(first.response.json()).toMatchObject({ second_factor_required: true, account: { totp_enabled: true } });
      const accounts = (h: Record<string, string>) => app.inject({ method: 'GET', url: '/api/v1/accounts', headers: h });
      expect((await accounts(first.headers)).statusCode).toBe(401);
      expect((await accounts(first.headers)).json().error.message).toContain('TOTP');
      expect((await me(first.headers)).json()).toMatchObject({ second_factor_required: true });
      const totp = (h: Record<string, string>, code: string) => app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: h, payload: { code }, remoteAddress: freshIp() });
      const code = totpCode(secret);
      const wrongCode = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
      expect((await totp(first.headers, wrongCode)).statusCode).toBe(401);
      const done = await totp(first.headers, code);
      expect(done.statusCode).toBe(200);
      expect(done.json().csrf_token).toBe(first.response.json().csrf_token);
      expect((await accounts(first.headers)).statusCode).toBe(200);
      expect((await me(first.headers)).json()).toMatchObject({ second_factor_required: false });
      // Replay: the same code in another session is refused.
      const second = await login(app, account.username, PASSWORD);
      const replay = await totp(second.headers, code);
      expect(replay.statusCode).toBe(401);
      expect(replay.json().error.message).toContain('already used');
      expect((await accounts(second.headers)).statusCode).toBe(401);
      // A finance account without TOTP cannot complete: 409 names the way to enrol.
      const finance = await makeAccount(store.db, 'finance');
      const f = await login(app, finance.username, PASSWORD);
      expect(f.response.json().second_factor_required).toBe(true);
      expect((await totp(f.headers, code)).statusCode).toBe(409);
    });

    it('refuses a POST made with the session cookie but without the x-csrf-token header (403 csrf)', async () => {
      const { app, store } = harness();
      const account = await makeAccount(store.db, 'auditor');
      const { headers } = await login(app, account.username, PASSWORD);
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: headers.cookie! } });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('csrf');
      const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...headers, 'x-csrf-token': 'x'.repeat(43) } });
      expect(wrong.statusCode).toBe(403);
      expect((await me(headers)).statusCode).toBe(200);
    });

    it('ends a session after 30 minutes idle and 8 hours after sign-in, however active', async () => {
      const { store } = harness();
      const account = await makeAccount(store.db, 'policy');
      const start = new Date('2026-03-02T01:00:00.000Z');
      const idle = await createSession(store.db, account, { secondFactorDone: true, now: start });
      expect(await resolveSession(store.db, idle.token, new Date(start.getTime() + IDLE_TIMEOUT_MS - 1000))).toBeDefined();
      // That use counted: idle is measured from it.
      const used = start.getTime() + IDLE_TIMEOUT_MS - 1000;
      expect(await resolveSession(store.db, idle.token, new Date(used + IDLE_TIMEOUT_MS - 1000))).toBeDefined();
      expect(await resolveSession(store.db, idle.token, new Date(used + 2 * IDLE_TIMEOUT_MS))).toBeUndefined();
      const busy = await createSession(store.db, account, { secondFactorDone: true, now: start });
      let t = start.getTime();
      for (; t + 20 * 60 * 1000 < start.getTime() + ABSOLUTE_TIMEOUT_MS; t += 20 * 60 * 1000) {
        expect(await resolveSession(store.db, busy.token, new Date(t))).toBeDefined();
      }
      expect(await resolveSession(store.db, busy.token, new Date(start.getTime() + ABSOLUTE_TIMEOUT_MS))).toBeUndefined();
    });

    it('logout revokes the session and clears the cookie', async () => {
      const { app, store } = harness();
      const account = await makeAccount(store.db, 'policy');
      const { headers } = await login(app, account.username, PASSWORD);
      const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
      expect(out.statusCode).toBe(204);
      const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE)!;
      expect(cleared.value).toBe('');
      expect((await me(headers)).statusCode).toBe(401);
      const row = await store.db.selectFrom('sessions').select('revoked_at').where('account_id', '=', account.id).executeTakeFirstOrThrow();
      expect(row.revoked_at).not.toBeNull();
    });

    it('disabling an account ends its sessions and refuses its sign-in; enabling lets it back', async () => {
      const { app, store, signIn } = harness();
      const account = await makeAccount(store.db, 'auditor');
      const { headers } = await login(app, account.username, PASSWORD);
      const admin = await signIn('admin');
      expect((await admin.inject({ method: 'POST', url: `/api/v1/accounts/${account.id}/disable` })).json().account).toMatchObject({ disabled: true });
      expect((await me(headers)).statusCode).toBe(401);
      const refused = await login(app, account.username, PASSWORD);
      expect(refused.response.statusCode).toBe(401);
      expect(refused.response.json().error.message).toContain('disabled');
      expect((await admin.inject({ method: 'POST', url: `/api/v1/accounts/${account.id}/enable` })).json().account).toMatchObject({ disabled: false });
      expect((await login(app, account.username, PASSWORD)).response.statusCode).toBe(200);
    });

    it('changes the password (at least 12 characters, the current one right), ending other sessions', async () => {
      const { app, store } = harness();
      const account = await makeAccount(store.db, 'policy');
      const a = await login(app, account.username, PASSWORD);
      const b = await login(app, account.username, PASSWORD);
      const change = (payload: object) => app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: a.headers, payload });
      const short = await change({ current_password: PASSWORD, new_password: 'short-11chr' });
      expect(short.statusCode).toBe(400);
      expect(short.json().error.message).toContain('new_password');
      const wrong = await change({ current_password: 'not it at all', new_password: 'a brand new password' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.message).toContain('current_password');
      expect((await change({ current_password: PASSWORD, new_password: 'a brand new password' })).statusCode).toBe(204);
      expect((await me(a.headers)).statusCode).toBe(200);
      expect((await me(b.headers)).statusCode).toBe(401);
      expect((await login(app, account.username, PASSWORD)).response.statusCode).toBe(401);
      expect((await login(app, account.username, 'a brand new password')).response.statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { current_password: 'x', new_password: 'y' } })).statusCode).toBe(401);
    });

    it('lets a reviewer enrol TOTP: enrol, confirm with a code; sign-in then owes a code', async () => {
      const { app, store } = harness();
      const account = await makeAccount(store.db, 'reviewer');
      const { headers } = await login(app, account.username, PASSWORD);
      const enrol = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers });
      expect(enrol.statusCode).toBe(200);
      const { secret, otpauth_url: url } = enrol.json();
      expect(url).toContain(`secret=${secret}`);
      const confirm = (code: string) => app.inject({ method: 'POST', url: '/api/v1/auth/totp/confirm', headers, payload: { code }, remoteAddress: freshIp() });
      const code = totpCode(secret);
      expect((await confirm(String((Number(code) + 1) % 1_000_000).padStart(6, '0'))).statusCode).toBe(401);
      const confirmed = await confirm(code);
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.json().account.totp_enabled).toBe(true);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/totp/enrol', headers })).statusCode).toBe(409);
      const again = await login(app, account.username, PASSWORD);
      expect(again.response.json().second_factor_required).toBe(true);
    });
  });
}
