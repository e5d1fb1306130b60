// Accounts with real (cheap) password hashes and sign-in through the API, for the auth and account tests.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/api/auth-plugin.ts';
import { hashPassword } from '../../src/services/passwords.ts';
import type { Db } from '../../src/store/database.ts';
import type { AccountRow, Role } from '../../src/store/tables/index.ts';

export const PASSWORD = 'correct horse battery';

let ipCounter = 0;
/** A client address of its own: the sign-in rate limit counts per address. */
export const freshIp = (): string => `10.${process.pid % 250}.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

/** An account with a real scrypt hash at a low cost (2^10: verification reads the cost from the hash). */
export async function makeAccount(db: Db, role: Role, options: { totpSecret?: string; department?: string; creditCode?: string } = {}): Promise<AccountRow> {
  const id = randomUUID();
  const account: AccountRow = {
    id, username: `${role}-${id.slice(0, 8)}`, display_name: `${role} user`, role,
    department: role === 'reviewer' ? options.department ?? '科技局' : null, credit_code: role === 'enterprise' ? options.creditCode ?? null : null,
    password_hash: await hashPassword(PASSWORD, { logN: 10 }), totp_secret: options.totpSecret ?? null, totp_enabled: options.totpSecret ? 1 : 0,
    totp_last_step: null, failed_logins: 0, locked_until: null, disabled: 0, created_at: new Date().toISOString(), created_by: 'test',
  };
  await db.insertInto('accounts').values(account).execute();
  return account;
}

export interface Session {
  response: LightMyRequestResponse;
  headers: Record<string, string>;
}

/** POST /auth/login; the cookie and CSRF headers of the session when it succeeded. */
export async function login(app: FastifyInstance, username: string, password: string, ip = freshIp()): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  const headers: Record<string, string> = cookie && response.statusCode === 200
    ? { cookie: `${SESSION_COOKIE}=${cookie.value}`, [CSRF_HEADER]: response.json().csrf_token }
    : {};
  return { response, headers };
}
