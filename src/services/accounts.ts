// Accounts (账号): created by an administrator (or the CLI), bound to a department (reviewers) or a
// registered beneficiary (enterprise users); disabled, enabled and unlocked by an administrator. Every
// change is audited in its transaction. Finance and admin accounts get a TOTP secret at creation: they
// must give a code at every sign-in.
import { randomUUID } from 'node:crypto';
import type { Pack } from '../core/pack.ts';
import { creditCodeProblem } from '../core/identity.ts';
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import { ROLES, type AccountRow, type Role } from '../store/tables/index.ts';
import { actorLabel, SECOND_FACTOR_ROLES, type Actor } from './actor.ts';
import { appendAudit } from './audit.ts';
import { conflict, forbidden, invalid, notFound, ServiceError, type ErrorDetail } from './errors.ts';
import { checkNewPassword, generatePassword, hashPassword } from './passwords.ts';
import { revokeAccountSessions } from './sessions.ts';
import { generateTotpSecret, otpauthUrl } from './totp.ts';
import type { AccountView, AdminAccountView } from './delivery-views.ts';

export type { AccountView, AdminAccountView } from './delivery-views.ts';

export const accountView = (a: AccountRow): AccountView => ({
  id: a.id, username: a.username, display_name: a.display_name, role: a.role, department: a.department, credit_code: a.credit_code,
  totp_enabled: a.totp_enabled === 1,
});

export const adminAccountView = (a: AccountRow): AdminAccountView => ({
  ...accountView(a), disabled: a.disabled === 1, locked_until: a.locked_until, created_at: a.created_at,
});

/** What the audit log keeps of an account: never its password hash or TOTP secret. */
export const accountAuditState = (a: AccountRow) => ({ ...adminAccountView(a), failed_logins: a.failed_logins });
export const accountSubject = (a: Pick<AccountRow, 'username'>): string => `account:${a.username}`;

export interface NewAccountInput {
  username: string;
  display_name: string;
  role: string;
  /** Absent: one is generated and returned (printed once by the CLI). */
  password?: string;
  department?: string | null;
  credit_code?: string | null;
  /** Demo seeding: a fixed TOTP secret instead of a random one. */
  totp_secret?: string;
  created_by?: string;
}

export interface CreatedAccount {
  account: AccountRow;
  /** Only when it was generated. */
  generatedPassword?: string;
  /** Finance and admin accounts: shown once, for the authenticator app. */
  totp?: { secret: string; otpauth_url: string };
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

/** The department's registered name for a name or alias in departments.yaml, or undefined. */
export function resolveDepartment(pack: Pack, name: string): string | undefined {
  const wanted = name.trim();
  return pack.departments.find((d) => d.name === wanted || d.aliases.includes(wanted) || d.id === wanted)?.name;
}

export async function createAccount(db: Db, pack: Pack, actor: Actor, input: NewAccountInput): Promise<CreatedAccount> {
  if (actor.role !== 'admin') throw forbidden('only an administrator creates accounts');
  const problems: ErrorDetail[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) problem('username', '2-63 characters: lowercase letters, digits, . _ -, starting with a letter or digit');
  const displayName = input.display_name.trim();
  if (displayName.length === 0 || displayName.length > 100) problem('display_name', '1-100 characters');
  const role = input.role as Role;
  if (!(ROLES as readonly string[]).includes(input.role)) problem('role', `one of ${ROLES.join(', ')}`);
  if (input.password !== undefined) {
    try {
      checkNewPassword(input.password);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      problems.push(...(error.details ?? []));
    }
  }
  let department: string | null = null;
  const givenDepartment = input.department?.trim() || undefined;
  if (role === 'reviewer') {
    if (!givenDepartment) problem('department', 'a reviewer account needs the department whose cases it reviews (e.g. 科技局)');
    else {
      department = resolveDepartment(pack, givenDepartment) ?? null;
      if (!department) problem('department', `"${givenDepartment}" is not a department of ${pack.meta.document_number} (departments.yaml)`);
    }
  } else if (givenDepartment) problem('department', 'only reviewer accounts are bound to a department');
  let creditCode: string | null = null;
  const givenCode = input.credit_code?.trim().toUpperCase() || undefined;
  if (role === 'enterprise') {
    if (!givenCode) problem('credit_code', 'an enterprise account needs the 统一社会信用代码 of the beneficiary it acts for');
    else {
      const why = creditCodeProblem(givenCode);
      if (why) problem('credit_code', why);
      else creditCode = givenCode;
    }
  } else if (givenCode) problem('credit_code', 'only enterprise accounts are bound to a beneficiary');
  if (problems.length > 0) throw invalid(`invalid account: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);

  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const totpSecret = SECOND_FACTOR_ROLES.has(role) ? input.totp_secret ?? generateTotpSecret() : null;
  return writeTransaction(db, async (trx) => {
    if (creditCode && !(await trx.selectFrom('beneficiaries').select('credit_code').where('credit_code', '=', creditCode).executeTakeFirst())) {
      throw invalid(`credit_code: ${creditCode} is not a registered beneficiary (register it first: POST /api/v1/beneficiaries)`, [{ path: 'credit_code', message: 'not a registered beneficiary' }]);
    }
    if (await trx.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirst()) {
      throw conflict(`username "${username}" is taken`);
    }
    const account: AccountRow = {
      id: randomUUID(), username, display_name: displayName, role, department, credit_code: creditCode, password_hash: passwordHash,
      totp_secret: totpSecret, totp_enabled: totpSecret ? 1 : 0, totp_last_step: null, failed_logins: 0, locked_until: null, disabled: 0,
      created_at: new Date().toISOString(), created_by: input.created_by ?? actorLabel(actor),
    };
    await trx.insertInto('accounts').values(account).execute();
    await appendAudit(trx, { actor: actorLabel(actor), action: 'account.create', subject: accountSubject(account), after: accountAuditState(account) });
    return {
      account,
      ...(input.password === undefined ? { generatedPassword: password } : {}),
      ...(totpSecret ? { totp: { secret: totpSecret, otpauth_url: otpauthUrl(totpSecret, username) } } : {}),
    };
  });
}

export async function listAccounts(db: Db): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().orderBy('created_at').orderBy('username').execute();
}

export async function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
}

type AdminChange = 'disable' | 'enable' | 'unlock';

/**
 * Disables (and ends every session of), enables or unlocks an account. An administrator cannot disable
 * their own account: the last administrator would lock everyone out.
 */
export async function changeAccount(db: Db, actor: Actor, id: string, change: AdminChange): Promise<AccountRow> {
  if (actor.role !== 'admin') throw forbidden('only an administrator manages accounts');
  if (change === 'disable' && id === actor.id) throw conflict('an administrator cannot disable their own account');
  return writeTransaction(db, async (trx) => {
    const before = await forUpdate(trx, trx.selectFrom('accounts').selectAll().where('id', '=', id)).executeTakeFirst();
    if (!before) throw notFound(`account ${id}`);
    const patch = change === 'disable' ? { disabled: 1 } : change === 'enable' ? { disabled: 0 } : { locked_until: null, failed_logins: 0 };
    await trx.updateTable('accounts').set(patch).where('id', '=', id).execute();
    const after: AccountRow = { ...before, ...patch };
    if (change === 'disable') await revokeAccountSessions(trx, id);
    await appendAudit(trx, { actor: actorLabel(actor), action: `account.${change}`, subject: accountSubject(before), before: accountAuditState(before), after: accountAuditState(after) });
    return after;
  });
}

