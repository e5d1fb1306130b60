// Shared set-up of the entitlement tests: the policy (pack and calculator), registered enterprises with
// accounts, and a 新认定高新技术企业 2025 list imported by a 科技局 reviewer with the offers it makes.
import { loadRules } from '../../src/pack/rules.ts';
import { Calculator } from '../../src/services/evaluation.ts';
import { importList, type ImportResult } from '../../src/services/list-import.ts';
import type { DeliveryHarness, SignedIn } from '../delivery/support.ts';
import { testPack } from '../delivery/support.ts';
import { creditCode, HTE_HEADER, register, utf8Csv } from '../imports/support.ts';

let cached: Calculator | undefined;
export async function policy(): Promise<{ pack: ReturnType<typeof testPack>; calculator: Calculator }> {
  const pack = testPack();
  cached ??= new Calculator(pack, await loadRules(pack));
  return { pack, calculator: cached };
}

export interface Listed {
  code: string;
  name: string;
  certificate: string;
  enterprise: SignedIn;
}

/** Registers enterprises n…n+count-1 (no recognition yet), each with its own enterprise account. */
export async function enterprises(h: DeliveryHarness, n: number, count: number): Promise<Listed[]> {
  const out: Listed[] = [];
  for (let i = 0; i < count; i++) {
    const code = creditCode(n + i);
    const name = `杭州免申${n + i}科技有限公司`;
    await register(h.store.db, code, name);
    out.push({ code, name, certificate: `GR2025339${String(n + i).padStart(5, '0')}`, enterprise: await h.signIn('enterprise', { creditCode: code }) });
  }
  return out;
}

export async function importListed(h: DeliveryHarness, reviewer: SignedIn, listed: Listed[], fileName = 'hte.csv', mode: 'skip-bad' | 'all-or-nothing' = 'skip-bad'): Promise<ImportResult> {
  const bytes = utf8Csv([HTE_HEADER, ...listed.map((l) => [l.code, l.name, l.certificate, '2025-12-19'])]);
  return importList(h.store.db, reviewer.actor, { kind: 'high-tech-new-2025', mode, fileName, bytes }, await policy());
}

export async function offerOf(h: DeliveryHarness, code: string): Promise<{ id: string; status: string; application_id: string | null; reason: string | null } | undefined> {
  return h.store.db.selectFrom('entitlements').select(['id', 'status', 'application_id', 'reason']).where('credit_code', '=', code).orderBy('created_at').executeTakeFirst();
}

export const BANK = { bank_name: '中国工商银行杭州高新支行', bank_account: '1202021309900098765' };
