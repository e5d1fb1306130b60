// Opening and migrating the database on SQLite and PostgreSQL: the same frozen migrations, run twice as a
// no-op, the SQLite pragmas, and write transactions that take SQLite's write lock at BEGIN.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.ts';
import { databaseLocation, describeUrl, dialectOf, openDatabase, writeTransaction, type Db } from '../../src/store/database.ts';
import { assertMigrated, migrateToLatest, migrationStatus } from '../../src/store/migrate.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { dialects, freshStore } from './support/stores.ts';

const MIGRATIONS_DIR = new URL('../../src/store/migrations/', import.meta.url);
const migrationFiles = readdirSync(MIGRATIONS_DIR).filter((f) => f !== 'index.ts');

describe('migration files', () => {
  it('are dated and numbered, and every one is listed in order', () => {
    for (const file of migrationFiles) expect(file).toMatch(/^\d{4}-\d{2}-\d{2}-\d{3}-[a-z0-9-]+\.ts$/);
    expect(Object.keys(MIGRATIONS)).toEqual(migrationFiles.map((f) => f.replace(/\.ts$/, '')).sort());
  });
  it('import nothing of the application (only kysely)', () => {
    for (const file of migrationFiles) {
      const imports = [...readFileSync(join(MIGRATIONS_DIR.pathname, file), 'utf8').matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1]);
      expect(imports, file).toEqual(['kysely']);
    }
  });
});

describe('database location', () => {
  it('is the SQLite file in ZHIDA_DATA_DIR by default, a path, or PostgreSQL by URL', () => {
    expect(databaseLocation({ dataDir: '/srv/zhida' })).toEqual({ dialect: 'sqlite', file: '/srv/zhida/zhida.sqlite' });
    expect(databaseLocation()).toEqual({ dialect: 'sqlite', file: join(readConfig().dataDir, 'zhida.sqlite') });
    expect(databaseLocation({ url: 'sqlite:/tmp/x.db' })).toEqual({ dialect: 'sqlite', file: '/tmp/x.db' });
    expect(databaseLocation({ url: 'postgresql://u:p@h/db' })).toEqual({ dialect: 'postgres', url: 'postgresql://u:p@h/db' });
    expect(() => databaseLocation({ url: 'mysql://u:secret@h/db' })).toThrow('unsupported database URL "mysql://u:***@h/db"');
    expect(describeUrl('postgres://zhida:s3cret@127.0.0.1:5432/zhida')).toBe('postgres://zhida:***@127.0.0.1:5432/zhida');
  });
  it('an unreachable PostgreSQL fails at open, naming the server without its password', async () => {
    await expect(openDatabase({ url: 'postgres://nobody:s3cret@127.0.0.1:1/none' })).rejects.toThrow(/^cannot reach PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/);
  });
});

/** The tables of the store's own schema (PostgreSQL lists every schema's). */
async function tables(db: Db): Promise<string[]> {
  const schema = dialectOf(db) === 'postgres' ? (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s : undefined;
  return (await db.introspection.getTables({ withInternalKyselyTables: true }))
    .filter((t) => schema === undefined || t.schema === schema).map((t) => t.name).sort();
}

describe.each(dialects)('migrations on $name', (dialect) => {
  it('bring an empty database to the latest schema; run again, they are a no-op', async () => {
    const { db } = await freshStore(dialect, { migrate: false });
    expect(dialectOf(db)).toBe(dialect.dialect);
    await expect(assertMigrated(db)).rejects.toThrow('the database is not migrated (pending: 2026-11-26-001-audit-log, 2026-11-26-002-budget-ledger, 2026-11-27-003-delivery, 2026-11-27-004-targets, 2026-11-27-005-lists, 2026-11-27-006-populations, 2026-11-27-007-entitlements, 2026-11-27-008-editions, 2026-11-27-009-packed-populations): run "zhida db migrate"');
    expect(await migrateToLatest(db)).toEqual(Object.keys(MIGRATIONS));
    const schema = await tables(db);
    expect(schema).toEqual(['accounts', 'application_decisions', 'application_events', 'applications', 'audit_head', 'audit_log', 'beneficiaries', 'budget_lines',
      'credit_list_entries', 'entitlements', 'evidence', 'idempotent_requests', 'inbox_messages', 'kysely_migration', 'kysely_migration_lock', 'ledger_entries', 'ledger_movements', 'list_imports', 'mail_outbox', 'notices', 'objections',
      'parameter_settings', 'payout_batches', 'payout_items', 'policy_editions', 'population_profiles', 'populations', 'profile_changes', 'sessions', 'target_assignments', 'target_reports']);
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await tables(db)).toEqual(schema);
    expect(await migrationStatus(db)).toEqual({ applied: Object.keys(MIGRATIONS), pending: [] });
    await assertMigrated(db);
    expect(await db.selectFrom('audit_head').selectAll().execute()).toEqual([{ id: 1, seq: 0, hash: '0'.repeat(64) }]);
  });

  it('keep money in bigint: 110.4亿元 and more round-trip exactly', async () => {
    const { db } = await freshStore(dialect);
    const big = 9_000_000_000_000_000 - 1; // under 2^53
    await db.insertInto('budget_lines').values({ id: 'D09', year: 2025, label: 'total', pack_budget: 'D09', provision: null, created_at: '2025-01-01', created_by: 't', allocated_yuan: big, available_yuan: big }).execute();
    expect(await db.selectFrom('budget_lines').select(['allocated_yuan', 'available_yuan']).executeTakeFirst()).toEqual({ allocated_yuan: big, available_yuan: big });
    const { rows } = await sql<{ total: number }>`SELECT sum(allocated_yuan) AS total FROM budget_lines`.execute(db);
    expect(rows[0]!.total).toBe(big);
  });
});

describe('SQLite file', () => {
  it('is opened in WAL with synchronous=FULL, foreign keys and a busy timeout', async () => {
    const store = await freshStore(dialects[0]!);
    const pragma = async (name: string) => Object.values((await sql.raw(`PRAGMA ${name}`).execute(store.db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2); // FULL
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(10_000);
  });

  it('write transactions begin IMMEDIATE: they wait for another connection\'s write lock at BEGIN, even to read', async () => {
    const store = await freshStore(dialects[0]!);
    const db = await openDatabase({ url: store.url, busyTimeoutMs: 50 });
    const other = new BetterSqlite3(store.url);
    try {
      other.exec('BEGIN IMMEDIATE');
      // A deferred transaction would read happily here and fail only at its first write.
      await expect(writeTransaction(db, (trx) => trx.selectFrom('budget_lines').selectAll().execute())).rejects.toThrow(/database is locked/);
      // Reads outside a write transaction are not blocked (WAL).
      expect(await db.selectFrom('budget_lines').selectAll().execute()).toEqual([]);
      other.exec('COMMIT');
      expect(await writeTransaction(db, (trx) => trx.selectFrom('budget_lines').selectAll().execute())).toEqual([]);
    } finally {
      other.close();
      await db.destroy();
    }
  });

  it('is created, with its folder, where ZHIDA_DATA_DIR says', async () => {
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'zhida-data-'));
    try {
      const db = await openDatabase({ dataDir: join(dir, 'nested', 'data') });
      await migrateToLatest(db);
      await db.destroy();
      expect(existsSync(join(dir, 'nested', 'data', 'zhida.sqlite'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
