// Sessions: a random token in an HttpOnly cookie; the database keeps only its SHA-256, the CSRF token bound
// to it, and its times. A session ends after IDLE_TIMEOUT without use or ABSOLUTE_TIMEOUT after sign-in,
// whichever comes first, and when its account is disabled.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/database.ts';
import type { AccountRow, SessionRow } from '../store/tables/index.ts';
import { SECOND_FACTOR_ROLES, type Actor } from './actor.ts';

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so that reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const accountToActor = (a: AccountRow): Actor => ({
  id: a.id, username: a.username, displayName: a.display_name, role: a.role, department: a.department, creditCode: a.credit_code,
});

export interface NewSession {
  /** Goes to the client only (cookie); never stored. */
  token: string;
  csrfToken: string;
  expiresAt: string;
  secondFactorDone: boolean;
}

export async function createSession(db: Db, account: AccountRow, options: { secondFactorDone: boolean; now?: Date }): Promise<NewSession> {
  const now = options.now ?? new Date();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS).toISOString();
  await db.insertInto('sessions').values({
    id: hashToken(token), account_id: account.id, csrf_token: csrfToken, created_at: now.toISOString(), last_seen_at: now.toISOString(),
    expires_at: expiresAt, second_factor_done: options.secondFactorDone ? 1 : 0, revoked_at: null,
  }).execute();
  return { token, csrfToken, expiresAt, secondFactorDone: options.secondFactorDone };
}

export interface ResolvedSession {
  actor: Actor;
  session: SessionRow;
  /** False while an account that needs a second factor has not given it: it may only finish signing in. */
  complete: boolean;
}

/** The session of a token, or undefined when there is none or it has ended (idle, absolute, revoked, disabled). */
export async function resolveSession(db: Db, token: string, now = new Date()): Promise<ResolvedSession | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await db.selectFrom('sessions').innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('sessions')
    .select(['accounts.username', 'accounts.display_name', 'accounts.role', 'accounts.department', 'accounts.credit_code', 'accounts.disabled',
      'accounts.password_hash', 'accounts.totp_secret', 'accounts.totp_enabled', 'accounts.totp_last_step', 'accounts.failed_logins',
      'accounts.locked_until', 'accounts.created_at as account_created_at', 'accounts.created_by'])
    .where('sessions.id', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled) return undefined;
  const t = now.getTime();
  if (t >= Date.parse(row.expires_at) || t - Date.parse(row.last_seen_at) >= IDLE_TIMEOUT_MS) return undefined;
  if (t - Date.parse(row.last_seen_at) >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  const session: SessionRow = {
    id: row.id, account_id: row.account_id, csrf_token: row.csrf_token, created_at: row.created_at, last_seen_at: row.last_seen_at,
    expires_at: row.expires_at, second_factor_done: row.second_factor_done, revoked_at: row.revoked_at,
  };
  const actor: Actor = { id: row.account_id, username: row.username, displayName: row.display_name, role: row.role, department: row.department, creditCode: row.credit_code };
  const needsSecondFactor = SECOND_FACTOR_ROLES.has(row.role) || row.totp_enabled === 1;
  return { actor, session, complete: !needsSecondFactor || row.second_factor_done === 1 };
}

export async function markSecondFactorDone(db: Db, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ second_factor_done: 1 }).where('id', '=', sessionId).execute();
}

export async function revokeSession(db: Db, sessionId: string, now = new Date()): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeAccountSessions(db: Db, accountId: string, now = new Date()): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
}
