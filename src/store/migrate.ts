// Migrations: the same frozen files for SQLite and PostgreSQL, run by Kysely's Migrator, which records
// each in kysely_migration and takes a lock (PostgreSQL: an advisory lock; SQLite: the IMMEDIATE
// transaction of sqlite-dialect.ts), so that two processes starting at once migrate once.
import { Migrator, sql, type MigrationResult } from 'kysely';
import { dialectOf, type Db } from './database.ts';
import { MIGRATIONS } from './migrations/index.ts';

async function migrator(db: Db): Promise<Migrator> {
  const provider = { getMigrations: async () => MIGRATIONS };
  if (dialectOf(db) === 'sqlite') return new Migrator({ db, provider });
  // Kysely looks for its bookkeeping tables in every schema of the database unless told which: a database
  // with another Zhida schema in it (a second edition, the tests' schemas) would fool it. Name the schema
  // the connection works in (the first of its search_path).
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL: no schema of the search_path exists: create it or set search_path');
  return new Migrator({ db, provider, migrationTableSchema: schema });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export async function migrationStatus(db: Db): Promise<MigrationStatus> {
  const all = await (await migrator(db)).getMigrations();
  return {
    applied: all.filter((m) => m.executedAt !== undefined).map((m) => m.name),
    pending: all.filter((m) => m.executedAt === undefined).map((m) => m.name),
  };
}

/** Brings the schema to the latest migration; returns the names it applied (none when up to date). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${message}` : `migration failed: ${message}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Refuses to work on a database whose schema is behind the code. */
export async function assertMigrated(db: Db): Promise<void> {
  const { pending } = await migrationStatus(db);
  if (pending.length > 0) throw new Error(`the database is not migrated (pending: ${pending.join(', ')}): run "zhida db migrate"`);
}
