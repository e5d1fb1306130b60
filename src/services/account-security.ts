// What account holders change themselves: their password, and TOTP enrolment for roles not obliged to
// use it (finance and admin accounts get theirs at creation). Enrolment is allowed to a session still
// owing its second factor only while the account has no TOTP confirmed, so that an account created
// without a secret can get one; it never replaces a confirmed secret.
import { writeTransaction, type Db } from '../store/database.ts';
import type { AccountRow } from '../store/tables/index.ts';
import { actorLabel } from './actor.ts';
import { accountSubject } from './accounts.ts';
import { appendAudit } from './audit.ts';
import { conflict, invalid } from './errors.ts';
import { assertNotLocked, refuseCode, takeTotpCode } from './login.ts';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.ts';
import { markSecondFactorDone, type ResolvedSession } from './sessions.ts';
import { generateTotpSecret, otpauthUrl } from './totp.ts';

const load = (db: Db, id: string) => db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Changes the password and ends every other session of the account (the current one stays). */
export async function changePassword(db: Db, auth: ResolvedSession, currentPassword: string, newPassword: string): Promise<void> {
  checkNewPassword(newPassword, 'new_password');
  const account = await load(db, auth.actor.id);
  if (!(await verifyPassword(currentPassword, account.password_hash))) {
    throw invalid('current_password: not the current password', [{ path: 'current_password', message: 'not the current password' }]);
  }
  if (currentPassword === newPassword) throw invalid('new_password: the same as the current password', [{ path: 'new_password', message: 'the same as the current password' }]);
  const passwordHash = await hashPassword(newPassword);
  await writeTransaction(db, async (trx) => {
    await trx.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', account.id).execute();
    const now = new Date().toISOString();
    await trx.updateTable('sessions').set({ revoked_at: now }).where('account_id', '=', account.id).where('id', '<>', auth.session.id).where('revoked_at', 'is', null).execute();
    await appendAudit(trx, { actor: actorLabel(auth.actor), action: 'account.password', subject: accountSubject(account), after: { other_sessions_revoked: true } });
  });
}

/** A new TOTP secret, not in force until confirmed with a code from it. */
export async function enrolTotp(db: Db, auth: ResolvedSession): Promise<{ secret: string; otpauth_url: string }> {
  const account = await load(db, auth.actor.id);
  if (account.totp_enabled === 1) throw conflict('TOTP is already enabled on this account');
  const secret = generateTotpSecret();
  await writeTransaction(db, async (trx) => {
    await trx.updateTable('accounts').set({ totp_secret: secret, totp_last_step: null }).where('id', '=', account.id).where('totp_enabled', '=', 0).execute();
    await appendAudit(trx, { actor: actorLabel(auth.actor), action: 'account.totp-enrol', subject: accountSubject(account), after: { totp_enabled: false } });
  });
  return { secret, otpauth_url: otpauthUrl(secret, account.username) };
}

/** Confirms the enrolled secret with a code: TOTP is in force from now on, and this session has given it. */
export async function confirmTotp(db: Db, auth: ResolvedSession, code: string, client: string, now = new Date()): Promise<AccountRow> {
  const account = await load(db, auth.actor.id);
  if (account.totp_enabled === 1) throw conflict('TOTP is already enabled on this account');
  if (!account.totp_secret) throw conflict('no TOTP secret to confirm: POST /api/v1/auth/totp/enrol first');
  assertNotLocked(account, now);
  const secret = account.totp_secret;
  const done = await writeTransaction(db, async (trx) => {
    if (!(await takeTotpCode(trx, account, secret, code, now, true))) return undefined;
    await markSecondFactorDone(trx, auth.session.id);
    await appendAudit(trx, { actor: actorLabel(auth.actor), action: 'account.totp-enable', subject: accountSubject(account), after: { totp_enabled: true } });
    return load(trx, account.id);
  });
  return done ?? refuseCode(db, account, client, now);
}
