// Write scenarios' cases, made beforehand with the services of helper CASES: N beneficiaries with a new-high-tech-enterprise profile (新认定国家高新技术企业 30万元 → 300000),
// one draft each, and a session per applicant; for approve, the drafts submitted, a reviewer of 科技局
// and a budget line with enough money. After the load: the invariants.
import { randomUUID } from 'node:crypto';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/api/auth-plugin.ts';
import { creditCodeCheckChar } from '../../src/core/identity.ts';
import type { Pack } from '../../src/core/pack.ts';
import { loadRules } from '../../src/pack/rules.ts';
import type { Actor, Role } from '../../src/services/actor.ts';
import { createApplication, submitApplication, type CaseContext } from '../../src/services/applications.ts';
import { registerBeneficiary } from '../../src/services/beneficiaries.ts';
import { Calculator } from '../../src/services/evaluation.ts';
import { verifyAudit } from '../../src/services/audit.ts';
import { allocate, createBudgetLine, verifyLedger } from '../../src/services/ledger.ts';
import { accountToActor, createSession } from '../../src/services/sessions.ts';
import { writeTransaction, type Db } from '../../src/store/database.ts';
import type { AccountRow } from '../../src/store/tables/index.ts';
import type { InvariantReport, Target, WriteScenario } from './protocol.ts';

const HTE_NEW_YUAN = 300_000; // 新认定国家高新技术企业 30万元
const CHUNK = 100;
const PARALLEL = 4;
let serial = 0;

/** A valid 统一社会信用代码 (check character computed) that no other run of this process used. */
function creditCode(): string {
  for (;;) {
    const body = `913301084${String(process.pid % 1000).padStart(3, '0')}${String(serial++).padStart(5, '0')}`;
    const check = creditCodeCheckChar(body);
    if (check) return body + check;
  }
}

interface Session { actor: Actor; headers: Record<string, string> }

async function account(db: Db, role: Role, extra: { department?: string; creditCode?: string } = {}): Promise<Session> {
  const id = randomUUID();
  const row: AccountRow = {
    id, username: `bench-${role}-${id.slice(0, 8)}`, display_name: `bench ${role}`, role, department: extra.department ?? null,
    credit_code: extra.creditCode ?? null, password_hash: 'scrypt$bench-only$not-a-hash', totp_secret: null, totp_enabled: 0, totp_last_step: null,
    failed_logins: 0, locked_until: null, disabled: 0, created_at: new Date().toISOString(), created_by: 'bench',
  };
  await db.insertInto('accounts').values(row).execute();
  const session = await createSession(db, row, { secondFactorDone: true });
  return { actor: accountToActor(row), headers: { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken } };
}

/** count items made by work, CHUNK to a transaction (one commit each, not one per write), PARALLEL transactions at once. */
async function inChunks<T>(db: Db, count: number, work: (trx: Db, i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: PARALLEL }, async () => {
    while (next < count) {
      const from = next;
      next = Math.min(count, next + CHUNK);
      await writeTransaction(db, async (trx) => {
        for (let i = from; i < Math.min(count, from + CHUNK); i++) out[i] = await work(trx, i);
      });
    }
  }));
  return out;
}

interface Draft { id: string; applicant: Session }

async function drafts(db: Db, context: CaseContext, count: number): Promise<Draft[]> {
  const admin = await account(db, 'admin');
  return inChunks(db, count, async (trx) => {
    const code = creditCode();
    const profile = {
      id: code, name: `滨江压测企业${code.slice(-6)}有限公司`, kind: 'enterprise',
      recognitions: [{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-04-01', certificate: `GR2025${code.slice(-8)}`, valid_until: '2028-03-31' }],
    };
    await registerBeneficiary(trx, admin.actor, { profile, bank_name: '杭州银行滨江支行', bank_account: `622200${code.slice(9, 17)}` });
    const applicant = await account(trx, 'enterprise', { creditCode: code });
    const created = await createApplication(trx, context, applicant.actor, { provision: 'hte-new', year: 2025 });
    return { id: created.id, applicant };
  });
}

const BENCH_LINE = 'BENCH-hte-new-2025';

export async function prepare(db: Db, pack: Pack, scenario: WriteScenario, count: number): Promise<Target[]> {
  const context: CaseContext = { pack, calculator: new Calculator(pack, await loadRules(pack)) };
  const made = await drafts(db, context, count);
  if (scenario === 'submit') {
    return made.map((d) => ({ path: `/api/v1/applications/${d.id}/submit`, headers: { ...d.applicant.headers, 'content-type': 'application/json' }, body: '{}' }));
  }
  await inChunks(db, made.length, (trx, i) => submitApplication(trx, context, made[i]!.applicant.actor, made[i]!.id));
  // A finance line for the provision and year is the case's line; it holds every grant and 1 yuan more.
  await createBudgetLine(db, { id: BENCH_LINE, year: 2025, label: 'bench: 新认定国家高新技术企业', provision: 'hte-new', actor: 'bench' });
  await allocate(db, { key: `bench-allocate-${randomUUID()}`, line: BENCH_LINE, amount: count * HTE_NEW_YUAN + 1, actor: 'bench' });
  const reviewer = await account(db, 'reviewer', { department: '科技局' });
  return made.map((d) => ({
    path: `/api/v1/applications/${d.id}/approve`,
    headers: { ...reviewer.headers, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ granted_yuan: HTE_NEW_YUAN }),
  }));
}

export async function check(db: Db, scenario: WriteScenario, ok2xx: number): Promise<InvariantReport> {
  const moved = scenario === 'submit' ? 'submitted' : 'approved';
  const committed = Number((await db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).where('status', '=', moved).executeTakeFirstOrThrow()).n);
  // No case in two statuses: its row agrees with the last event of its timeline, and no status was left twice.
  const rows = await db.selectFrom('applications').select(['id', 'status']).execute();
  const events = await db.selectFrom('application_events').select(['application_id', 'from_status', 'to_status', 'id']).orderBy('id').execute();
  const last = new Map<string, string>();
  const left = new Set<string>();
  const statusProblems: string[] = [];
  for (const e of events) {
    const key = `${e.application_id}:${e.from_status ?? ''}:${e.to_status}`;
    if (left.has(key)) statusProblems.push(`${e.application_id} moved ${e.from_status}→${e.to_status} twice`);
    left.add(key);
    last.set(e.application_id, e.to_status);
  }
  for (const r of rows) if ((last.get(r.id) ?? 'draft') !== r.status) statusProblems.push(`${r.id} is ${r.status} but its timeline ends at ${last.get(r.id)}`);
  const ledger = await verifyLedger(db);
  const audit = await verifyAudit(db);
  const problems: string[] = [];
  if (committed !== ok2xx) problems.push(`${committed} cases ${moved} but ${ok2xx} 2xx answers`);
  if (!ledger.ok) problems.push(`ledger: ${ledger.problems.slice(0, 3).join('; ')}`);
  if (!audit.ok) problems.push(`audit: ${audit.problems.length} problem(s)`);
  if (scenario === 'approve') {
    const line = await db.selectFrom('budget_lines').select(['reserved_yuan']).where('id', '=', BENCH_LINE).executeTakeFirstOrThrow();
    if (line.reserved_yuan !== committed * HTE_NEW_YUAN) problems.push(`line reserves ${line.reserved_yuan} yuan for ${committed} approvals of ${HTE_NEW_YUAN}`);
  }
  problems.push(...statusProblems.slice(0, 5));
  return { committed, ok2xx, ledgerOk: ledger.ok, auditOk: audit.ok, auditRecords: audit.records, statusProblems, problems };
}
