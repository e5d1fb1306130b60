// The databases every storage test runs on: SQLite (a file in a fresh temporary folder) and PostgreSQL
// (TEST_DATABASE_URL, a fresh schema per store, so test files run in parallel and leave nothing behind).
// Without TEST_DATABASE_URL the PostgreSQL variant fails under CI=true — CI must prove both — and is
// skipped with a warning elsewhere.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { openDatabase, type Db, type StoreDialect } from '../../../src/store/database.ts';
import { migrateToLatest } from '../../../src/store/migrate.ts';

export interface TestStore {
  db: Db;
  /** What openDatabase was given: a file path, or a postgres:// URL whose search_path is the store's schema. */
  url: string;
  dialect: StoreDialect;
  /** Runs SQL as the database owner, outside the query layer (tampering, dropping triggers). */
  raw(statement: string): Promise<void>;
  drop(): Promise<void>;
}

export interface TestDialect {
  name: 'SQLite' | 'PostgreSQL';
  dialect: StoreDialect;
  create(options?: { migrate?: boolean; poolSize?: number }): Promise<TestStore>;
}

const sqlite: TestDialect = {
  name: 'SQLite',
  dialect: 'sqlite',
  async create(options = {}) {
    const dir = mkdtempSync(join(tmpdir(), 'zhida-store-'));
    const url = join(dir, 'zhida.sqlite');
    const db = await openDatabase({ url });
    try {
      if (options.migrate !== false) await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    return {
      db, url, dialect: 'sqlite',
      async raw(statement) {
        const { default: Sqlite } = await import('better-sqlite3');
        const conn = new Sqlite(url);
        try { conn.exec(statement); } finally { conn.close(); }
      },
      async drop() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const PG_MISSING = 'TEST_DATABASE_URL is not set: every storage test must also run on PostgreSQL in CI. '
  + 'Start one with `export TEST_DATABASE_URL="$(bash .ci/postgres.sh)"` (as root on Debian).';

function inSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

function postgres(base: string): TestDialect {
  return {
    name: 'PostgreSQL',
    dialect: 'postgres',
    async create(options = {}) {
      const schema = `zt_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = async (statement: string) => {
        const client = new pg.Client({ connectionString: base });
        await client.connect();
        try { await client.query(statement); } finally { await client.end(); }
      };
      await admin(`CREATE SCHEMA ${schema}`);
      const url = inSchema(base, schema);
      let db: Db | undefined;
      try {
        db = await openDatabase({ url, poolSize: options.poolSize ?? 10 });
        if (options.migrate !== false) await migrateToLatest(db);
      } catch (error) {
        await db?.destroy();
        await admin(`DROP SCHEMA ${schema} CASCADE`);
        throw error;
      }
      return {
        db, url, dialect: 'postgres',
        raw: (statement) => admin(`SET search_path TO ${schema}; ${statement}`),
        async drop() {
          await db.destroy();
          await admin(`DROP SCHEMA ${schema} CASCADE`);
        },
      };
    },
  };
}

function postgresDialect(): TestDialect | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return postgres(url);
  if (process.env.CI === 'true') {
    return { name: 'PostgreSQL', dialect: 'postgres', create: () => Promise.reject(new Error(PG_MISSING)) };
  }
  console.warn(`\n⚠ PostgreSQL storage tests skipped. ${PG_MISSING}\n`);
  return undefined;
}

export const dialects: TestDialect[] = [sqlite, postgresDialect()].filter((d): d is TestDialect => d !== undefined);

/** One migrated store for the whole describe block. */
export function useStore(dialect: TestDialect, options?: { poolSize?: number }): () => TestStore {
  let store: TestStore | undefined;
  beforeAll(async () => { store = await dialect.create(options); });
  afterAll(async () => { await store?.drop(); });
  return () => {
    if (!store) throw new Error(`the ${dialect.name} store did not open`);
    return store;
  };
}

/** A store of the test's own, dropped when the test ends (for tests that tamper with it). */
export async function freshStore(dialect: TestDialect, options?: { migrate?: boolean }): Promise<TestStore> {
  const store = await dialect.create(options);
  onTestFinished(() => store.drop());
  return store;
}
