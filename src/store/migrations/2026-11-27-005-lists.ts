// 2026-11-27 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// Official lists (名单导入): each import of a department's list with its row report, and the negative
// credit lists (失信被执行人, 严重失信主体) whose entries block approval and payout. Both append-only.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

async function appendOnly(db: Kysely<unknown>, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw(`CREATE TRIGGER ${table}_refuse_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION zhida_refuse_change()`).execute(db);
  } else {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER ${table}_refuse_${op.toLowerCase()} BEFORE ${op} ON ${table}
        BEGIN SELECT RAISE(ABORT, '${op} on ${table} refused: the table is append-only'); END`).execute(db);
    }
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const idType = isPostgres(db) ? 'bigint' : 'integer';
  const idColumn = isPostgres(db)
    ? (c: ColumnDefinitionBuilder) => c.primaryKey().generatedAlwaysAsIdentity()
    : (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement();

  await db.schema.createTable('list_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    // applied: the valid rows changed the facts; rejected: all-or-nothing found a bad row, nothing changed.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_ok', 'integer', (c) => c.notNull())
    .addColumn('rows_bad', 'integer', (c) => c.notNull())
    /** JSON: the credit codes whose facts changed (for a later evaluation of entitlements). */
    .addColumn('affected', 'text', (c) => c.notNull())
    /** JSON: one entry per data row, ok or error with the message. */
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('imported_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('imported_by_label', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addCheckConstraint('list_imports_status', sql`status IN ('applied', 'rejected')`)
    .addCheckConstraint('list_imports_mode', sql`mode IN ('all-or-nothing', 'skip-bad')`)
    .execute();
  // The same file imported again in the same kind and mode is answered with the first import.
  await db.schema.createIndex('list_imports_file').on('list_imports').columns(['kind', 'mode', 'sha256']).unique().execute();
  await appendOnly(db, 'list_imports');

  await db.schema.createTable('credit_list_entries')
    .addColumn('id', idType, idColumn)
    .addColumn('credit_code', 'text', (c) => c.notNull())
    .addColumn('list_name', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('listed_on', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('list_imports.id'))
    .execute();
  await db.schema.createIndex('credit_list_entries_code').on('credit_list_entries').column('credit_code').execute();
  await appendOnly(db, 'credit_list_entries');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credit_list_entries').execute();
  await db.schema.dropTable('list_imports').execute();
}
