// Kysely's SQLite dialect, with its own driver (SplitSqliteDriver below) and these changes:
// - every transaction starts with BEGIN IMMEDIATE. Kysely's driver says BEGIN (deferred): a deferred
//   transaction that reads a balance and then writes can fail with SQLITE_BUSY at its first write when
//   another connection (the CLI, a worker, a second server process) wrote in between — and busy_timeout
//   does not help there, because waiting cannot fix a snapshot that is already stale. IMMEDIATE takes the
//   write lock at BEGIN, waiting up to busy_timeout, so a transaction's reads are those its writes act on.
// - migrations run in a transaction: SQLite's DDL is transactional, and an IMMEDIATE transaction is also
//   what keeps two processes from migrating the same file at once (Kysely's SQLite migration lock is a
//   no-op, safe only within one process).
// - reads outside transactions run on a second, read-only connection (see SplitSqliteDriver).
import {
  SqliteAdapter, SqliteDialect,
  type CompiledQuery, type DatabaseConnection, type Driver, type DialectAdapter, type QueryResult,
} from 'kysely';
import type { Database as BetterSqlite3Database, Statement } from 'better-sqlite3';

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
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

/** First come, first served: one holder of the write connection at a time. */
class Mutex {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  async lock(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

function run(database: BetterSqlite3Database, query: CompiledQuery): QueryResult<unknown> {
  const statement = database.prepare(query.sql);
  return runPrepared(statement, query);
}

function runPrepared(statement: Statement, query: CompiledQuery): QueryResult<unknown> {
  const parameters = query.parameters as unknown[];
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** What Kysely holds as "the connection": a transaction's runs on the writer, anything else where it can. */
class SplitConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(private readonly driver: SplitSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(this, query) as Promise<QueryResult<R>>;
  }

  // eslint-disable-next-line require-yield -- Zhida does not stream SQLite results.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on SQLite here');
  }
}

/**
 * One write connection and one read connection on the same file (WAL). Kysely's driver has one
 * connection behind a mutex, so a read outside a transaction — a session lookup, a case read before
 * submitting it — waits until the transaction running at the time has committed, fsync included. With
 * WAL a reader never needs the write lock: reads outside transactions go to the read connection and see
 * the last committed state (read committed, as on PostgreSQL); transactions and writes queue for the
 * write connection. Without a reader (:memory:) everything runs on the writer, as Kysely's driver does.
 */
export class SplitSqliteDriver implements Driver {
  private readonly mutex = new Mutex();

  constructor(private readonly writer: BetterSqlite3Database, private readonly reader: BetterSqlite3Database | undefined) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SplitConnection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const c = connection as SplitConnection;
    await this.mutex.lock();
    try {
      this.writer.exec('BEGIN IMMEDIATE');
    } catch (error) {
      this.mutex.unlock();
      throw error;
    }
    c.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // A failed COMMIT leaves the transaction open: Kysely rolls it back next, which releases the writer.
    this.writer.exec('COMMIT');
    this.end(connection as SplitConnection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
    } finally {
      this.end(connection as SplitConnection);
    }
  }

  async savepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.writer.exec(`SAVEPOINT ${quoteIdentifier(name)}`);
  }

  async rollbackToSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.writer.exec(`ROLLBACK TO ${quoteIdentifier(name)}`);
  }

  async releaseSavepoint(_connection: DatabaseConnection, name: string): Promise<void> {
    this.writer.exec(`RELEASE ${quoteIdentifier(name)}`);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.end(connection as SplitConnection);
  }

  async destroy(): Promise<void> {
    this.reader?.close();
    this.writer.close();
  }

  async execute(connection: SplitConnection, query: CompiledQuery): Promise<QueryResult<unknown>> {
    if (connection.inTransaction) return run(this.writer, query);
    const statement = this.readerStatement(query.sql);
    if (statement?.readonly) return runPrepared(statement, query);
    // A write outside a transaction (autocommit): it waits for the transaction holding the writer.
    await this.mutex.lock();
    try {
      return run(this.writer, query);
    } finally {
      this.mutex.unlock();
    }
  }

  /** The statement prepared on the reader; undefined without one, or if only the writer knows its tables. */
  private readerStatement(source: string): Statement | undefined {
    if (!this.reader) return undefined;
    try {
      return this.reader.prepare(source);
    } catch {
      return undefined;
    }
  }

  private end(connection: SplitConnection): void {
    if (!connection.inTransaction) return;
    connection.inTransaction = false;
    this.mutex.unlock();
  }
}

export class SplitSqliteDialect extends SqliteDialect {
  constructor(private readonly writer: BetterSqlite3Database, private readonly reader: BetterSqlite3Database | undefined) {
    super({ database: writer });
  }

  override createDriver(): Driver {
    return new SplitSqliteDriver(this.writer, this.reader);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
