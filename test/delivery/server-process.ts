// The real server (src/server.ts) as a child process over a test store, for the reliability tests that
// restart it or kill it (SIGKILL) mid-stream; an HTTP client that signs in as a browser does (cookie,
// CSRF header, TOTP for finance); and the world those tests start from, put in the store directly.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../src/config.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/api/auth-plugin.ts';
import { actorLabel, SYSTEM_ACTOR } from '../../src/services/actor.ts';
import { transition } from '../../src/services/application-state.ts';
import { registerBeneficiary } from '../../src/services/beneficiaries.ts';
import { allocate, createBudgetLine, reserve } from '../../src/services/ledger.ts';
import { closeNotice, publishNotice } from '../../src/services/notices.ts';
import { accountToActor } from '../../src/services/sessions.ts';
import { generateTotpSecret, totpCode } from '../../src/services/totp.ts';
import { writeTransaction, type Db } from '../../src/store/database.ts';
import type { AccountRow } from '../../src/store/tables/index.ts';
import { makeAccount, PASSWORD } from './auth-support.ts';
import { freshCreditCode, highTechFacts } from './fixtures/case-world.ts';
import { testPack } from './support.ts';
import type { TestDialect, TestStore } from '../store/support/stores.ts';

const live = new Set<ChildProcess>();
// Last resort: a test run that ends without afterAll (a crash) leaves no server behind.
process.once('exit', () => { for (const child of live) child.kill('SIGKILL'); });

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  pid: number;
  /** What the server printed, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown of any kind; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: the server's own graceful shutdown. */
  stop(): Promise<void>;
}

export interface ServerEnv {
  /** A SQLite file path or a postgres:// URL (TestStore.url). */
  databaseUrl: string;
  dataDir: string;
}

const STARTUP_MS = 60_000;

/** Starts src/server.ts on a free port (no demo data, no notice sweep) and waits until it listens. */
export function startServer(env: ServerEnv): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT_DIR, 'src', 'server.ts')], {
    cwd: ROOT_DIR,
    env: {
      ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: env.databaseUrl, ZHIDA_DATA_DIR: env.dataDir,
      ZHIDA_DEMO: '0', ZHIDA_NOTICE_SWEEP_MINUTES: '0', ZHIDA_LOG: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => { live.delete(child); resolve(); }));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { void signal('SIGKILL'); reject(new Error(`the server did not start in ${STARTUP_MS} ms:\n${output}`)); }, STARTUP_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /web app:\s+http:\/\/(?:localhost|127\.0\.0\.1):(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}`, pid: child.pid!, output: () => output, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${sig ?? code}) before it listened:\n${output}`));
    });
  });
}

/** Kills every server still running (afterAll: also when a test failed half-way). */
export async function killAllServers(): Promise<void> {
  await Promise.all([...live].map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  })));
}

/** A store for a child server: the test store plus a data dir of its own (evidence files). */
export interface ServerStore extends TestStore {
  env: ServerEnv;
}

export async function serverStore(dialect: TestDialect): Promise<ServerStore> {
  const store = await dialect.create();
  const dataDir = mkdtempSync(join(tmpdir(), 'zhida-server-'));
  return {
    ...store, env: { databaseUrl: store.url, dataDir },
    async drop() {
      await store.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of the API, checked by the tests
  body: any;
}

/** A signed-in HTTP client. base may change (a restarted server listens on another port); the session is in the database. */
export class HttpSession {
  constructor(public base: string, readonly headers: Record<string, string>, readonly account: AccountRow) {}

  async request(method: string, path: string, options: { json?: unknown; form?: FormData; key?: string } = {}): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...this.headers };
    if (options.key) headers['idempotency-key'] = options.key;
    let body: string | FormData | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      body = options.form;
    }
    const response = await fetch(`${this.base}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try { parsed = JSON.parse(text); } catch { /* not JSON: kept as text */ }
    return { status: response.status, body: parsed };
  }
}

/** POST /auth/login (and /auth/totp with the current code when the account owes one). */
export async function signInOverHttp(base: string, account: AccountRow, totpSecret?: string): Promise<HttpSession> {
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: account.username, password: PASSWORD }),
  });
  const body = await login.json() as { csrf_token?: string; second_factor_required?: boolean };
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (login.status !== 200 || !cookie || !body.csrf_token) throw new Error(`sign-in of ${account.username} failed: ${login.status} ${JSON.stringify(body)}`);
  const session = new HttpSession(base, { cookie, [CSRF_HEADER]: body.csrf_token }, account);
  if (body.second_factor_required) {
    if (!totpSecret) throw new Error(`${account.username} owes a TOTP code and the test has no secret`);
    const totp = await session.request('POST', '/api/v1/auth/totp', { json: { code: totpCode(totpSecret) } });
    if (totp.status !== 200) throw new Error(`TOTP of ${account.username} failed: ${totp.status} ${JSON.stringify(totp.body)}`);
  }
  return session;
}

export interface People {
  reviewer: AccountRow;
  finance: AccountRow;
  financeTotp: string;
  auditor: AccountRow;
}

/** Reviewer (科技局), finance (with TOTP), auditor: three different people from every applicant. */
export async function seedPeople(db: Db): Promise<People> {
  const financeTotp = generateTotpSecret();
  return {
    reviewer: await makeAccount(db, 'reviewer', { department: '科技局' }),
    finance: await makeAccount(db, 'finance', { totpSecret: financeTotp }),
    financeTotp,
    auditor: await makeAccount(db, 'auditor'),
  };
}

/**
 * A 2025 line funded with amount; by default hte-new's own (approval picks a provision's own line first),
 * else of no provision (for cases approved onto it directly, see payableCases).
 */
export async function hteLine(db: Db, amount: number, options: { ownLine?: boolean } = {}): Promise<string> {
  const id = `HTE-${randomUUID().slice(0, 8)}`;
  const provision = options.ownLine === false ? undefined : 'hte-new';
  await createBudgetLine(db, { id, year: 2025, label: `新认定高企奖励 ${id}`, provision, actor: 'test' });
  if (amount > 0) await allocate(db, { key: `fund:${id}`, actor: 'test', line: id, amount });
  return id;
}

/**
 * n submitted hte-new cases (新认定国家高新技术企业 30万元 → 300000 each), each of its own beneficiary (so
 * neither one-event-once nor a cap links them) and its own applicant; put in the store in one transaction.
 */
export async function submittedCases(db: Db, n: number): Promise<{ id: string; code: string }[]> {
  const cases: { id: string; code: string }[] = [];
  await writeTransaction(db, async (trx) => {
    for (let i = 0; i < n; i++) {
      const code = freshCreditCode();
      await registerBeneficiary(trx, SYSTEM_ACTOR, {
        profile: { id: code, name: `滨江可靠性测试企业${code.slice(-5)}`, ...highTechFacts }, bank_name: '中国银行杭州滨江支行', bank_account: `62166102${String(i).padStart(11, '0')}`,
      });
      const applicant = randomUUID();
      await trx.insertInto('accounts').values({
        id: applicant, username: `qiye-${applicant.slice(0, 8)}`, display_name: code, role: 'enterprise', department: null, credit_code: code,
        password_hash: 'scrypt$test-only$not-a-hash', totp_secret: null, totp_enabled: 0, totp_last_step: null, failed_logins: 0,
        locked_until: null, disabled: 0, created_at: new Date().toISOString(), created_by: 'test',
      }).execute();
      const id = `APP-${randomUUID()}`;
      const now = new Date().toISOString();
      await trx.insertInto('applications').values({
        id, credit_code: code, provision: 'hte-new', department: '科技局', year: 2025, event_key: `hte-new|${code}|once`, event_ref: 'once',
        status: 'submitted', requested_yuan: 300000, engine_status: 'eligible', engine_amount_yuan: 300000, engine_amount_kind: 'exact',
        granted_yuan: null, budget_line: null, applicant_id: applicant, reviewer_id: null, payer_id: null, reason: null, notice_id: null,
        notice_ends_on: null, created_at: now, updated_at: now, submitted_at: now, decided_at: null, paid_at: null,
      }).execute();
      cases.push({ id, code });
    }
  });
  return cases;
}

/**
 * n payable cases on the line: submitted, approved by the reviewer as approval does it (reserve under
 * approve:<id> and the move, in one transaction), published 2025-07-04 and the notice closed 2025-07-14.
 */
export async function payableCases(db: Db, reviewer: AccountRow, line: string, n: number): Promise<{ id: string; code: string }[]> {
  const cases = await submittedCases(db, n);
  const actor = accountToActor(reviewer);
  for (const c of cases) {
    await writeTransaction(db, async (trx) => {
      await reserve(trx, { key: `approve:${c.id}`, actor: actorLabel(actor), line, caseId: c.id, amount: 300000 });
      await transition(trx, { id: c.id, to: 'approved', actor, patch: { granted_yuan: 300000, budget_line: line, reviewer_id: reviewer.id, decided_at: new Date().toISOString() } });
    });
  }
  const notice = await publishNotice(db, testPack(), actor, { applicationIds: cases.map((c) => c.id), today: '2025-07-04' });
  await closeNotice(db, testPack(), actor, notice.id, '2025-07-14');
  return cases;
}
