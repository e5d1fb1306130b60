// Signing in: password, then (finance, admin, and anyone who enrolled) a TOTP code. Guessing is slowed
// three ways: scrypt makes every try cost ~0.5 s, a client IP gets 20 tries per 5 minutes
// (SignInLimiter), and an account locks for 15 minutes after 5 consecutive failures (wrong passwords and
// wrong codes alike). The same message answers a wrong password and an unknown username.
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import type { AccountRow } from '../store/tables/index.ts';
import { actorLabel, SECOND_FACTOR_ROLES } from './actor.ts';
import { accountAuditState, accountSubject } from './accounts.ts';
import { appendAudit } from './audit.ts';
import { ServiceError } from './errors.ts';
import { verifyPassword } from './passwords.ts';
import { accountToActor, createSession, markSecondFactorDone, type NewSession, type ResolvedSession } from './sessions.ts';
import { matchTotp } from './totp.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 15 * 60 * 1000;
export const INVALID_CREDENTIALS = 'wrong username or password';

export const needsSecondFactor = (a: Pick<AccountRow, 'role' | 'totp_enabled'>): boolean => SECOND_FACTOR_ROLES.has(a.role) || a.totp_enabled === 1;

/** A sliding window of attempts per client IP, in memory (one server process; a restart forgets it). */
export class SignInLimiter {
  private readonly attempts = new Map<string, number[]>();
  constructor(readonly limit = 20, readonly windowMs = 5 * 60 * 1000, private readonly maxClients = 100_000) {}

  /** Counts an attempt; false (and not counted) when the client already made `limit` in the window. */
  allow(client: string, now = Date.now()): boolean {
    const recent = (this.attempts.get(client) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(client, recent);
      return false;
    }
    recent.push(now);
    this.attempts.delete(client);
    this.attempts.set(client, recent);
    // Bounded memory: Map keeps insertion order, so the first key is the client seen least recently.
    if (this.attempts.size > this.maxClients) this.attempts.delete(this.attempts.keys().next().value!);
    return true;
  }

  /** When the client may try again (ms from now). */
  retryAfterMs(client: string, now = Date.now()): number {
    const oldest = (this.attempts.get(client) ?? [])[0];
    return oldest === undefined ? 0 : Math.max(0, this.windowMs - (now - oldest));
  }
}

const lockedError = (until: string) =>
  new ServiceError('locked', `this account is locked after ${MAX_FAILED_LOGINS} failed sign-ins until ${until} (or until an administrator unlocks it)`);

const isLocked = (a: AccountRow, now: Date) => a.locked_until !== null && Date.parse(a.locked_until) > now.getTime();

/** Counts a failure in its own transaction (it must stay when the sign-in is refused); the lock time when it locked. */
async function recordFailure(db: Db, accountId: string, what: string, client: string, now: Date): Promise<string | undefined> {
  return writeTransaction(db, async (trx) => {
    const before = await forUpdate(trx, trx.selectFrom('accounts').selectAll().where('id', '=', accountId)).executeTakeFirstOrThrow();
    const failed = before.failed_logins + 1;
    const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
    const patch = lockedUntil ? { failed_logins: 0, locked_until: lockedUntil } : { failed_logins: failed };
    await trx.updateTable('accounts').set(patch).where('id', '=', accountId).execute();
    const after = { ...before, ...patch };
    const actor = `anonymous:${client}`;
    await appendAudit(trx, { actor, action: 'auth.login-failed', subject: accountSubject(before), after: { reason: what, failed_logins: failed, client } });
    if (lockedUntil) await appendAudit(trx, { actor, action: 'auth.lock', subject: accountSubject(before), before: accountAuditState(before), after: accountAuditState(after) });
    return lockedUntil ?? undefined;
  });
}

export interface SignedIn {
  account: AccountRow;
  session: NewSession;
  secondFactorRequired: boolean;
}

export async function signIn(db: Db, input: { username: string; password: string; client: string; now?: Date }): Promise<SignedIn> {
  const now = input.now ?? new Date();
  const username = input.username.trim().toLowerCase();
  const account = await db.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  if (account && isLocked(account, now)) throw lockedError(account.locked_until!);
  const ok = await verifyPassword(input.password, account?.password_hash);
  if (!account) {
    // Kept short: whatever was typed as a username (sometimes a password) goes no further than this.
    await appendAudit(db, { actor: `anonymous:${input.client}`, action: 'auth.login-failed', subject: `account:?${username.slice(0, 64)}`, after: { reason: 'unknown username', client: input.client } });
    throw new ServiceError('unauthenticated', INVALID_CREDENTIALS);
  }
  if (!ok) {
    const lockedUntil = await recordFailure(db, account.id, 'wrong password', input.client, now);
    if (lockedUntil) throw lockedError(lockedUntil);
    throw new ServiceError('unauthenticated', INVALID_CREDENTIALS);
  }
  if (account.disabled) throw new ServiceError('unauthenticated', 'this account is disabled: ask an administrator');
  const secondFactorRequired = needsSecondFactor(account);
  return writeTransaction(db, async (trx) => {
    await trx.updateTable('accounts').set({ failed_logins: 0, locked_until: null }).where('id', '=', account.id).execute();
    const session = await createSession(trx, account, { secondFactorDone: !secondFactorRequired, now });
    await appendAudit(trx, {
      actor: actorLabel(accountToActor(account)), action: 'auth.login', subject: accountSubject(account),
      after: { client: input.client, second_factor_required: secondFactorRequired },
    });
    return { account: { ...account, failed_logins: 0, locked_until: null }, session, secondFactorRequired };
  });
}

/**
 * Takes a TOTP code for the step it matches, once: the step is stored only if it is later than the last
 * one accepted, in one conditional UPDATE, so two requests racing with one code cannot both pass.
 * False when the code is wrong or used; the caller counts the failure outside its transaction.
 */
export async function takeTotpCode(db: Db, account: AccountRow, secret: string, code: string, now: Date, enable: boolean): Promise<boolean> {
  const step = matchTotp(secret, code, now, account.totp_last_step);
  if (step === undefined) return false;
  const taken = await db.updateTable('accounts')
    .set({ totp_last_step: step, failed_logins: 0, ...(enable ? { totp_enabled: 1 } : {}) })
    .where('id', '=', account.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Refuses a wrong or reused code after counting it as a failed sign-in (5 lock the account). */
export async function refuseCode(db: Db, account: AccountRow, client: string, now: Date): Promise<never> {
  const lockedUntil = await recordFailure(db, account.id, 'wrong or reused TOTP code', client, now);
  if (lockedUntil) throw lockedError(lockedUntil);
  throw new ServiceError('unauthenticated', 'wrong or already used TOTP code: wait for the next code of your authenticator app');
}

export function assertNotLocked(account: AccountRow, now: Date): void {
  if (isLocked(account, now)) throw lockedError(account.locked_until!);
}

/** Completes a session that owes its second factor. */
export async function completeSecondFactor(db: Db, auth: ResolvedSession, code: string, client: string, now = new Date()): Promise<AccountRow> {
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', auth.actor.id).executeTakeFirstOrThrow();
  if (account.totp_enabled !== 1 || !account.totp_secret) {
    throw new ServiceError('conflict', 'this account has no TOTP enrolled: POST /api/v1/auth/totp/enrol, then /auth/totp/confirm');
  }
  assertNotLocked(account, now);
  const secret = account.totp_secret;
  const done = await writeTransaction(db, async (trx) => {
    if (!(await takeTotpCode(trx, account, secret, code, now, false))) return undefined;
    await markSecondFactorDone(trx, auth.session.id);
    await appendAudit(trx, { actor: actorLabel(auth.actor), action: 'auth.totp', subject: accountSubject(account), after: { client } });
    return trx.selectFrom('accounts').selectAll().where('id', '=', account.id).executeTakeFirstOrThrow();
  });
  return done ?? refuseCode(db, account, client, now);
}
