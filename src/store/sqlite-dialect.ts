// Kysely's SQLite dialect, with two changes that matter for money:
// - every transaction starts with BEGIN IMMEDIATE. Kysely's driver says BEGIN (deferred): a deferred
//   transaction that reads a balance and then writes can fail with SQLITE_BUSY at its first write when
//   another connection (the CLI, a worker, a second server process) wrote in between — and busy_timeout
//   does not help there, because waiting cannot fix a snapshot that is already stale. IMMEDIATE takes the
//   write lock at BEGIN, waiting up to busy_timeout, so a transaction's reads are those its writes act on.
// - migrations run in a transaction: SQLite's DDL is transactional, and an IMMEDIATE transaction is also
//   what keeps two processes from migrating the same file at once (Kysely's SQLite migration lock is a
//   no-op, safe only within one process).
import {
  CompiledQuery, SqliteAdapter, SqliteDialect, SqliteDriver,
  type DatabaseConnection, type Driver, type DialectAdapter, type SqliteDialectConfig,
} from 'kysely';
import type { Database as BetterSqlite3Database } from 'better-sqlite3';

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Kysely's SQLite driver prepares every statement anew, and preparing cost as much as running the query
 * (bench/api: a sixth of a submission's CPU). The connection keeps its prepared statements by SQL text,
 * up to `limit`; a statement still being iterated (busy) is not shared.
 */
export function cachePreparedStatements(database: BetterSqlite3Database, limit = 500): BetterSqlite3Database {
  const prepare = database.prepare.bind(database);
  const statements = new Map<string, ReturnType<typeof prepare>>();
  database.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached && !cached.busy) return cached;
    const statement = prepare(source);
    if (!cached) {
      if (statements.size >= limit) statements.clear();
      statements.set(source, statement);
    }
    return statement;
  }) as typeof database.prepare;
  return database;
}
