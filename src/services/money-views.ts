// Views shared by budget, notices and payouts: a case as the API shows it (with its provision's titles
// from the pack and its beneficiary's name), and the masking rules for what the public may see.
import type { Pack, PackProvision } from '../core/pack.ts';
import { maskIdentity } from '../core/identity.ts';
import type { Db } from '../store/database.ts';
import type { ApplicationRow } from '../store/tables/index.ts';
import type { ApplicationView } from './delivery-views.ts';

export type { ApplicationView } from './delivery-views.ts';

export function provisionOf(pack: Pack, id: string): PackProvision | undefined {
  return pack.provisions.find((p) => p.id === id);
}

/** 第（一）条 for a provision stated in an article; null otherwise. */
export function articleOf(pack: Pack, provision: PackProvision | undefined): string | null {
  if (provision?.section.kind !== 'article') return null;
  const number = provision.section.number;
  const article = pack.articles.find((a) => a.number === number);
  return article ? `第（${article.numeral.replace(/[（）()]/g, '')}）条` : `第${number}条`;
}

export function applicationView(pack: Pack, row: ApplicationRow, beneficiaryName: string): ApplicationView {
  const provision = provisionOf(pack, row.provision);
  return {
    id: row.id, credit_code: row.credit_code, beneficiary_name: beneficiaryName, provision: row.provision,
    provision_title: provision ? { zh: provision.title.zh, en: provision.title.en } : { zh: row.provision, en: row.provision },
    catalogue: provision?.catalogue ?? null, article: articleOf(pack, provision), department: row.department, year: row.year,
    event_ref: row.event_ref, status: row.status, requested_yuan: row.requested_yuan, engine_status: row.engine_status,
    engine_amount_yuan: row.engine_amount_yuan, engine_amount_kind: row.engine_amount_kind, granted_yuan: row.granted_yuan,
    budget_line: row.budget_line, reason: row.reason, notice_id: row.notice_id, notice_ends_on: row.notice_ends_on,
    created_at: row.created_at, updated_at: row.updated_at, submitted_at: row.submitted_at, decided_at: row.decided_at,
    paid_at: row.paid_at, version: row.version,
  };
}

export interface BeneficiaryFacts {
  name: string;
  /** The profile's kind: individuals' and households' names are masked in public. */
  kind: string | null;
  bank_name: string | null;
  bank_account: string | null;
}

/** Name, kind and bank of each beneficiary named. */
export async function beneficiaryFacts(db: Db, creditCodes: readonly string[]): Promise<Map<string, BeneficiaryFacts>> {
  const out = new Map<string, BeneficiaryFacts>();
  const unique = [...new Set(creditCodes)];
  if (unique.length === 0) return out;
  const rows = await db.selectFrom('beneficiaries').select(['credit_code', 'name', 'profile', 'bank_name', 'bank_account'])
    .where('credit_code', 'in', unique).execute();
  for (const r of rows) {
    out.set(r.credit_code, { name: r.name, kind: profileKind(r.profile), bank_name: r.bank_name, bank_account: r.bank_account });
  }
  return out;
}

function profileKind(profile: string): string | null {
  try {
    const parsed = JSON.parse(profile) as { kind?: unknown };
    return typeof parsed.kind === 'string' ? parsed.kind : null;
  } catch {
    return null;
  }
}

export const isPerson = (kind: string | null): boolean => kind === 'individual' || kind === 'household';

/** A person's name for public notice: the first character and one star (张三丰 → 张*), so not even its length shows. */
export function maskPersonName(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '*' : `${first}*`;
}

export const publicName = (facts: BeneficiaryFacts | undefined, fallback: string): string =>
  facts ? (isPerson(facts.kind) ? maskPersonName(facts.name) : facts.name) : fallback;

/** A bank account for anyone but finance: the last 4 digits. */
export function maskBankAccount(account: string | null): string | null {
  if (account === null) return null;
  const plain = account.replace(/\s/g, '');
  return plain.length <= 4 ? '*'.repeat(plain.length) : `${'*'.repeat(plain.length - 4)}${plain.slice(-4)}`;
}

export { maskIdentity };
