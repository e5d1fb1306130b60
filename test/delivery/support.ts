// The delivery API on a test store (SQLite, and PostgreSQL when TEST_DATABASE_URL is set), with accounts
// and sessions made directly in the database: tests of an area sign in as any role without going through
// passwords and TOTP (test/delivery/auth.test.ts tests those).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/api/auth-plugin.ts';
import type { Pack } from '../../src/core/pack.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import type { Role } from '../../src/services/actor.ts';
import { accountToActor, createSession } from '../../src/services/sessions.ts';
import type { Actor } from '../../src/services/actor.ts';
import type { AccountRow } from '../../src/store/tables/index.ts';
import type { TestDialect, TestStore } from '../store/support/stores.ts';

export { dialects } from '../store/support/stores.ts';

let cachedPack: Pack | undefined;
export const testPack = (): Pack => (cachedPack ??= loadEdition('binjiang-2025'));

export interface SignedIn {
  actor: Actor;
  account: AccountRow;
  /** Cookie and CSRF headers for app.inject. */
  headers: Record<string, string>;
  /** app.inject as this account. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface DeliveryHarness {
  app: FastifyInstance;
  store: TestStore;
  evidenceDir: string;
  /**
   * An account of the role with a complete session (second factor done). Enterprise accounts need a
   * registered beneficiary's creditCode; reviewers a department (default 科技局).
   */
  signIn(role: Role, options?: { username?: string; department?: string; creditCode?: string }): Promise<SignedIn>;
}

export function useDeliveryApp(dialect: TestDialect, options: { demo?: boolean } = {}): () => DeliveryHarness {
  let harness: DeliveryHarness | undefined;
  beforeAll(async () => {
    const store = await dialect.create();
    const evidenceDir = mkdtempSync(join(tmpdir(), 'zhida-evidence-'));
    const app = await buildApp({ pack: testPack(), db: store.db, evidenceDir, demo: options.demo });
    await app.ready();
    harness = {
      app, store, evidenceDir,
      async signIn(role, options = {}) {
        const id = randomUUID();
        const account: AccountRow = {
          id, username: options.username ?? `${role}-${id.slice(0, 8)}`, display_name: `${role} ${id.slice(0, 4)}`, role,
          department: role === 'reviewer' ? options.department ?? '科技局' : null,
          credit_code: role === 'enterprise' ? options.creditCode ?? null : null,
          password_hash: 'scrypt$test-only$not-a-hash', totp_secret: null, totp_enabled: 0, totp_last_step: null, failed_logins: 0,
          locked_until: null, disabled: 0, created_at: new Date().toISOString(), created_by: 'test',
        };
        await store.db.insertInto('accounts').values(account).execute();
        const session = await createSession(store.db, account, { secondFactorDone: true });
        const headers = { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken };
        return {
          actor: accountToActor(account), account, headers,
          inject: (opts: InjectOptions) => app.inject({ ...opts, headers: { ...headers, ...(opts.headers ?? {}) } }),
        };
      },
    };
  });
  afterAll(async () => {
    await harness?.app.close();
    await harness?.store.drop();
    if (harness) rmSync(harness.evidenceDir, { recursive: true, force: true });
  });
  return () => {
    if (!harness) throw new Error('the delivery app did not start');
    return harness;
  };
}
