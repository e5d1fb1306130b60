// The query layer: one Kysely<Database> over the embedded SQLite file (the default: nothing to install) or
// PostgreSQL (DATABASE_URL=postgres://…, for several servers or an existing database service). Everything
// above this file writes the same queries for both; the few differences (pragmas, row locks, transaction
// modes) are settled here and in sqlite-dialect.ts.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { readConfig, type Config } from '../config.ts';
import { groupCommit } from './group-commit.ts';
import { cachePreparedStatements, SplitSqliteDialect } from './sqlite-dialect.ts';
import type { Database } from './tables/index.ts';

/** The database, or a transaction on it: repository functions take either, first. */
export type Db = Kysely<Database>;
export type StoreDialect = 'sqlite' | 'postgres';

export interface OpenDatabaseOptions {
  /** postgres://… or postgresql://… for PostgreSQL; a file path (or sqlite:path, or :memory:) for SQLite; unset: the default file. */
  url?: string;
  /** Where the default SQLite file lives; default ZHIDA_DATA_DIR (see src/config.ts). */
  dataDir?: string;
  /** PostgreSQL connections in the pool. */
  poolSize?: number;
  /** How long a SQLite writer waits for another connection's write lock before failing (ms). */
  busyTimeoutMs?: number;
}

export const DEFAULT_SQLITE_FILE = 'zhida.sqlite';

export type DatabaseLocation = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export function databaseLocation(options: OpenDatabaseOptions = {}): DatabaseLocation {
  const url = options.url?.trim();
  if (url && /^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', url };
  if (url && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new Error(`unsupported database URL "${describeUrl(url)}": use postgres://… or a SQLite file path`);
  if (url === ':memory:') return { dialect: 'sqlite', file: ':memory:' };
  if (url) return { dialect: 'sqlite', file: resolve(url.replace(/^(sqlite|file):/i, '')) };
  return { dialect: 'sqlite', file: resolve(options.dataDir ?? readConfig().dataDir, DEFAULT_SQLITE_FILE) };
}

/** For messages: the URL without its password. */
export function describeUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i, '$1:***@');
}

export function describeLocation(location: DatabaseLocation): string {
  return location.dialect === 'sqlite' ? `SQLite ${location.file}` : `PostgreSQL ${describeUrl(location.url)}`;
}

/** Opens the database (it does not migrate: see migrate.ts). PostgreSQL is reached once, to fail here if it cannot be. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Db> {
  const location = databaseLocation(options);
  return location.dialect === 'sqlite' ? openSqlite(location.file, options) : openPostgres(location.url, options);
}

/** The database the configuration names: DATABASE_URL, else the SQLite file in ZHIDA_DATA_DIR. */
export function openConfiguredDatabase(config: Config = readConfig()): Promise<Db> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
}

/**
 * One writer per process (or worker thread): better-sqlite3 is synchronous, so a second connection in the
 * same thread waiting for the first one's write lock would block the very thread that has to release it.
 * The driver queues this connection's transactions; other processes queue on the lock (busy_timeout).
 * A second, read-only connection serves reads outside transactions (WAL readers never wait for writers).
 */
function openSqlite(file: string, options: OpenDatabaseOptions): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL: readers never block the writer nor the writer them. synchronous=FULL: with WAL, NORMAL may lose
  // the last committed transactions on power loss; an acknowledged payment must survive it, so every
  // commit waits for the WAL to reach the disk. foreign_keys is off by default in SQLite.
  const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
  if (file !== ':memory:' && mode !== 'wal') throw new Error(`SQLite ${file}: could not switch to WAL (journal_mode is ${String(mode)})`);
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  const busyTimeout = `busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 10_000)}`;
  sqlite.pragma(busyTimeout);
  // Reads outside transactions on a second connection (see SplitSqliteDriver), which may not write.
  let reader: BetterSqlite3.Database | undefined;
  if (file !== ':memory:') {
    reader = new BetterSqlite3(file);
    // The same settings as the writer (a PRAGMA read outside a transaction is answered here), and no writes.
    reader.pragma('synchronous = FULL');
    reader.pragma('foreign_keys = ON');
    reader.pragma(busyTimeout);
    reader.pragma('query_only = ON');
    cachePreparedStatements(reader);
  }
  return new Kysely<Database>({ dialect: new SplitSqliteDialect(cachePreparedStatements(sqlite), reader) });
}

/**
 * pg returns bigint (int8) and numeric as strings, since they may exceed 2^53. Zhida's integers are money in
 * whole yuan and counts, far below 2^53 (9 × 10^15 yuan), and SQLite returns them as numbers: parse them to
 * numbers, and fail loudly rather than round if one ever is not a safe integer.
 */
function parseSafeInteger(text: string): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(n)) throw new RangeError(`PostgreSQL returned ${text}: Zhida's integers are whole yuan or counts below 2^53`);
  return n;
}
const INT8_OID = 20;
const NUMERIC_OID = 1700;

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? parseSafeInteger : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection (server restart) emits 'error' on the pool; unhandled, it would
  // end the process. The next query gets a fresh connection.
  pool.on('error', (error) => console.error(`zhida: PostgreSQL connection lost: ${error.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw new Error(`cannot reach PostgreSQL at ${describeUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  return db;
}

export function dialectOf(db: Pick<Kysely<Database>, 'getExecutor'>): StoreDialect {
  // getExecutor() is marked internal in Kysely's typings but is the one place that knows the dialect of a
  // Kysely instance and of every transaction made from it.
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Runs work in a write transaction, or in the caller's when db already is one (so services compose: an
 * approval that reserves money is one transaction).
 * - SQLite: BEGIN IMMEDIATE (sqlite-dialect.ts): the write lock is held from the start, so writers are
 *   serialised across connections and processes and nothing read inside is stale.
 * - PostgreSQL: READ COMMITTED with explicit row locks (SELECT … FOR UPDATE, lockRow below) on the rows a
 *   decision depends on — the budget line, the audit chain's head. Chosen over SERIALIZABLE because every
 *   money movement touches one hot row (its line): SERIALIZABLE would abort most of 200 concurrent
 *   reservations with serialization failures and need a retry loop, while a row lock queues them and each
 *   decides on the committed balance. Locks are always taken in one order (line, then audit head), so two
 *   transactions cannot deadlock.
 * On SQLite the write transactions queued at the same time share one commit (group-commit.ts): each
 * caller is still answered only after the COMMIT of its writes, and one failing does not undo the others.
 */
export function writeTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  if (dialectOf(db) === 'sqlite') return groupCommit(db, work);
  return db.transaction().execute(work);
}

/** Runs reads on one consistent snapshot (verification while the server is writing). */
export function readTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  if (dialectOf(db) === 'postgres') return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
  return db.transaction().execute(work);
}

/**
 * FOR UPDATE on PostgreSQL; nothing on SQLite, where the IMMEDIATE transaction already excludes every
 * other writer (and SQLite has no row locks).
 */
export function forUpdate<Q extends { forUpdate(): Q }>(db: Db, query: Q): Q {
  return dialectOf(db) === 'postgres' ? query.forUpdate() : query;
}
