// Beneficiaries (申报主体): one row per 统一社会信用代码 with the current profile the engine reads, and the
// history of every fact changed — who changed it, when, citing which evidence. The admin registers a
// beneficiary; from then on only the enterprise itself changes its facts, with the version it saw (a stale
// version is refused, so two tabs cannot silently overwrite each other).
import { canonicalProfile, validateProfile, type Profile } from '../core/profile.ts';
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import type { BeneficiaryRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { appendAudit, canonicalJson } from './audit.ts';
import { conflict, forbidden, invalid, notFound, type ErrorDetail } from './errors.ts';
import { maskBankAccount } from './money-views.ts';
import type { BeneficiaryView, ProfileChangeView } from './delivery-views.ts';

export type { BeneficiaryView, ProfileChangeView } from './delivery-views.ts';

export const parseProfile = (row: Pick<BeneficiaryRow, 'profile'>): Profile => JSON.parse(row.profile) as Profile;

export const beneficiaryView = (row: BeneficiaryRow): BeneficiaryView => ({
  credit_code: row.credit_code, name: row.name, profile: parseProfile(row), version: row.version, bank_name: row.bank_name,
  bank_account_masked: maskBankAccount(row.bank_account), created_at: row.created_at, updated_at: row.updated_at,
});

/** The profile as stored: every object in one shape, keys sorted, absent facts left out. */
export const storedProfile = (profile: Profile): string => canonicalJson(canonicalProfile(profile));

function validProfile(input: unknown): Profile {
  const result = validateProfile(input);
  if (!result.ok) {
    const details: ErrorDetail[] = result.problems.map((p) => ({ path: p.path.replace(/^\$/, 'profile'), message: p.message.en }));
    throw invalid(`the profile is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`, details);
  }
  return result.profile;
}

/** A bank account: digits (spaces allowed for readability), 8–34 of them. */
export function bankAccount(name: string | undefined | null, account: string | undefined | null): { bank_name: string; bank_account: string } | undefined {
  if ((name ?? '') === '' && (account ?? '') === '') return undefined;
  if (!name?.trim()) throw invalid('bank_name is required with bank_account', [{ path: 'bank_name', message: 'required' }]);
  const plain = (account ?? '').replace(/\s/g, '');
  if (!/^\d{8,34}$/.test(plain)) throw invalid('bank_account must be 8–34 digits', [{ path: 'bank_account', message: 'must be 8–34 digits' }]);
  return { bank_name: name.trim(), bank_account: plain };
}

export interface RegisterInput {
  profile: unknown;
  bank_name?: string;
  bank_account?: string;
}

/** Registers a beneficiary (admin; the system when seeding). 409 when the credit code is registered already. */
export async function registerBeneficiary(db: Db, actor: Actor, input: RegisterInput): Promise<BeneficiaryView> {
  if (actor.role !== 'admin') throw forbidden(`a ${actor.role} account may not register beneficiaries`);
  const profile = validProfile(input.profile);
  const bank = bankAccount(input.bank_name, input.bank_account);
  const at = new Date().toISOString();
  return writeTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('beneficiaries').select('credit_code').where('credit_code', '=', profile.id).executeTakeFirst();
    if (existing) throw conflict(`beneficiary ${profile.id} is registered already`);
    const row = await trx.insertInto('beneficiaries').values({
      credit_code: profile.id, name: profile.name, profile: storedProfile(profile), version: 1,
      bank_name: bank?.bank_name ?? null, bank_account: bank?.bank_account ?? null, created_at: at, updated_at: at,
    }).returningAll().executeTakeFirstOrThrow();
    const view = beneficiaryView(row);
    await appendAudit(trx, { actor: actorLabel(actor), action: 'beneficiary.register', subject: `beneficiary:${row.credit_code}`, after: view });
    return view;
  });
}

/** Whether the actor may see this beneficiary; callers answer 404 when not (another party's is not revealed). */
export async function maySeeBeneficiary(db: Db, actor: Actor, code: string): Promise<boolean> {
  switch (actor.role) {
    case 'admin': case 'auditor': return true;
    case 'enterprise': return actor.creditCode === code;
    // Finance pays approved awards: it sees the beneficiaries with a case from approval on, no others.
    case 'finance': {
      const approvedCase = await db.selectFrom('applications').select('id').where('credit_code', '=', code)
        .where('status', 'in', ['approved', 'in-notice', 'payable', 'paid']).limit(1).executeTakeFirst();
      return approvedCase !== undefined;
    }
    case 'reviewer': {
      const ownCase = await db.selectFrom('applications').select('id').where('credit_code', '=', code)
        .where('department', '=', actor.department ?? '').where('status', '<>', 'draft').limit(1).executeTakeFirst();
      return ownCase !== undefined;
    }
    default: return false;
  }
}

const READERS = new Set(['admin', 'auditor', 'finance', 'enterprise', 'reviewer']);

/** The beneficiary row if the actor may see it: 403 for a role that never may, 404 for another party's. */
export async function visibleBeneficiary(db: Db, actor: Actor, code: string): Promise<BeneficiaryRow> {
  if (!READERS.has(actor.role)) throw forbidden(`a ${actor.role} account may not read beneficiaries`);
  const row = await db.selectFrom('beneficiaries').selectAll().where('credit_code', '=', code).executeTakeFirst();
  if (!row || !(await maySeeBeneficiary(db, actor, code))) throw notFound(`beneficiary ${code}`);
  return row;
}

export async function getBeneficiary(db: Db, actor: Actor, code: string): Promise<BeneficiaryView> {
  return beneficiaryView(await visibleBeneficiary(db, actor, code));
}

/** Admin and auditor: all; a reviewer: those with a (non-draft) case in their department. */
export async function listBeneficiaries(db: Db, actor: Actor, limit = 500): Promise<BeneficiaryView[]> {
  let query = db.selectFrom('beneficiaries').selectAll().orderBy('credit_code').limit(limit);
  if (actor.role === 'reviewer') {
    query = query.where('credit_code', 'in', db.selectFrom('applications').select('credit_code')
      .where('department', '=', actor.department ?? '').where('status', '<>', 'draft'));
  } else if (actor.role !== 'admin' && actor.role !== 'auditor') {
    throw forbidden(`a ${actor.role} account may not list beneficiaries`);
  }
  return (await query.execute()).map(beneficiaryView);
}

export interface UpdateInput {
  /** Top-level facts of the profile: a value sets it, null removes it (unknown). */
  facts: Record<string, unknown>;
  expected_version: number;
  evidence_id?: string;
  note?: string;
  bank_name?: string;
  bank_account?: string;
  /** Where e-mails about entitlements go; null removes it. */
  contact_email?: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A contact e-mail as given (trimmed; empty: none), or 400 naming the field. */
export function contactEmail(value: string | null | undefined): string | null {
  const email = value?.trim() || null;
  if (email !== null && (!EMAIL.test(email) || email.length > 254)) throw invalid(`contact_email "${email}" is not an e-mail address`, [{ path: 'contact_email', message: 'not an e-mail address' }]);
  return email;
}

const FIXED_FACTS = new Set(['id']);

/** Changes facts of the enterprise's own profile; one profile_changes row per fact that changed. */
export async function updateBeneficiary(db: Db, actor: Actor, code: string, input: UpdateInput): Promise<{ beneficiary: BeneficiaryView; changes: ProfileChangeView[] }> {
  if (actor.role !== 'enterprise') throw forbidden(`a ${actor.role} account may not change a beneficiary's facts: the enterprise does`);
  if (actor.creditCode !== code) throw notFound(`beneficiary ${code}`);
  for (const fact of Object.keys(input.facts)) {
    if (FIXED_FACTS.has(fact)) throw invalid(`facts.${fact} cannot be changed: it identifies the beneficiary`, [{ path: `facts.${fact}`, message: 'cannot be changed' }]);
  }
  const bankGiven = input.bank_name !== undefined || input.bank_account !== undefined;
  const bank = bankGiven ? bankAccount(input.bank_name, input.bank_account) : undefined;
  if (bankGiven && !bank) throw invalid('bank_name and bank_account are both required to change the bank account', [{ path: 'bank_account', message: 'required' }]);
  const email = input.contact_email === undefined ? undefined : contactEmail(input.contact_email);

  return writeTransaction(db, async (trx) => {
    const row = await forUpdate(trx, trx.selectFrom('beneficiaries').selectAll().where('credit_code', '=', code)).executeTakeFirst();
    if (!row) throw notFound(`beneficiary ${code}`);
    if (row.version !== input.expected_version) {
      throw conflict(`beneficiary ${code} changed since you saw it (version ${row.version}, you had ${input.expected_version}): reload it`);
    }
    if (input.evidence_id !== undefined) {
      const evidence = await trx.selectFrom('evidence').select('id').where('id', '=', input.evidence_id).where('credit_code', '=', code).executeTakeFirst();
      if (!evidence) throw invalid(`evidence_id ${input.evidence_id} is not a file of this beneficiary`, [{ path: 'evidence_id', message: 'unknown evidence' }]);
    }
    const current = parseProfile(row) as Record<string, unknown>;
    const next: Record<string, unknown> = { ...current };
    for (const [fact, value] of Object.entries(input.facts)) {
      if (value === null) delete next[fact];
      else next[fact] = value;
    }
    const profile = validProfile(next);
    const stored = JSON.parse(storedProfile(profile)) as Record<string, unknown>;
    const version = row.version + 1;
    const at = new Date().toISOString();
    const base = { credit_code: code, version, actor: actorLabel(actor), at, evidence_id: input.evidence_id ?? null, note: input.note ?? null };
    const changed: { fact: string; before: string | null; after: string | null }[] = [];
    for (const fact of Object.keys(input.facts).sort()) {
      const before = current[fact] === undefined ? null : canonicalJson(current[fact]);
      const after = stored[fact] === undefined ? null : canonicalJson(stored[fact]);
      if (before !== after) changed.push({ fact, before, after });
    }
    if (bank && (bank.bank_name !== row.bank_name || bank.bank_account !== row.bank_account)) {
      // The history is readable by reviewers: it keeps the account masked.
      const shown = (name: string | null, account: string | null) => (name === null && account === null ? null : canonicalJson({ bank_name: name, bank_account: maskBankAccount(account) }));
      changed.push({ fact: 'bank', before: shown(row.bank_name, row.bank_account), after: shown(bank.bank_name, bank.bank_account) });
    }
    if (email !== undefined && email !== row.contact_email) {
      changed.push({ fact: 'contact_email', before: row.contact_email === null ? null : canonicalJson(row.contact_email), after: email === null ? null : canonicalJson(email) });
    }
    if (changed.length === 0) return { beneficiary: beneficiaryView(row), changes: [] };

    const updated = await trx.updateTable('beneficiaries').set({
      profile: canonicalJson(stored), name: profile.name, version, updated_at: at,
      ...(bank ? { bank_name: bank.bank_name, bank_account: bank.bank_account } : {}),
      ...(email !== undefined ? { contact_email: email } : {}),
    }).where('credit_code', '=', code).where('version', '=', row.version).returningAll().executeTakeFirstOrThrow();
    await trx.insertInto('profile_changes').values(changed.map((c) => ({ ...base, ...c }))).execute();
    const changes = changed.map((c) => changeView({ ...base, ...c }));
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'beneficiary.update', subject: `beneficiary:${code}`,
      before: { version: row.version }, after: { version, changes: changes.map((c) => ({ fact: c.fact, before: c.before, after: c.after })), evidence_id: base.evidence_id, note: base.note },
    });
    return { beneficiary: beneficiaryView(updated), changes };
  });
}

function changeView(row: { version: number; fact: string; before: string | null; after: string | null; actor: string; at: string; evidence_id: string | null; note: string | null }): ProfileChangeView {
  return {
    version: row.version, fact: row.fact, before: row.before === null ? null : JSON.parse(row.before), after: row.after === null ? null : JSON.parse(row.after),
    actor: row.actor, at: row.at, evidence_id: row.evidence_id, note: row.note,
  };
}

export async function profileHistory(db: Db, actor: Actor, code: string): Promise<ProfileChangeView[]> {
  await visibleBeneficiary(db, actor, code);
  const rows = await db.selectFrom('profile_changes').selectAll().where('credit_code', '=', code).orderBy('id').execute();
  return rows.map(changeView);
}
