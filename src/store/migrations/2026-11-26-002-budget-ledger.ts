// 2026-11-26 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// The budget ledger, double-entry in whole yuan (bigint: 110.4亿元 = 11,040,000,000 does not fit a 32-bit
// integer). The database itself refuses a negative balance (CHECK), a movement recorded twice under one
// idempotency key (UNIQUE) and any change to a recorded movement or entry (triggers): the service checks
// all of these first and answers with a typed error; the constraints are there for every other path.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A generated key: the one column whose spelling differs (SQLite's rowid alias, PostgreSQL's identity). */
function generatedId(db: Kysely<unknown>) {
  return isPostgres(db)
    ? ['bigint', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedAlwaysAsIdentity()] as const
    : ['integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement()] as const;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const [idType, idColumn] = generatedId(db);
  await db.schema.createTable('budget_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('pack_budget', 'text')
    .addColumn('provision', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('allocated_yuan', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('available_yuan', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('reserved_yuan', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('disbursed_yuan', 'bigint', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('budget_lines_non_negative', sql`allocated_yuan >= 0 AND available_yuan >= 0 AND reserved_yuan >= 0 AND disbursed_yuan >= 0`)
    .addCheckConstraint('budget_lines_conserved', sql`allocated_yuan = available_yuan + reserved_yuan + disbursed_yuan`)
    .execute();

  await db.schema.createTable('ledger_movements')
    .addColumn('id', idType, idColumn)
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text', (c) => c.notNull().references('budget_lines.id'))
    .addColumn('case_id', 'text')
    .addColumn('amount_yuan', 'bigint', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addCheckConstraint('ledger_movements_operation', sql`operation IN ('allocate', 'reserve', 'release', 'disburse')`)
    .addCheckConstraint('ledger_movements_case', sql`(operation = 'allocate' AND case_id IS NULL) OR (operation <> 'allocate' AND case_id IS NOT NULL)`)
    .addCheckConstraint('ledger_movements_amount_positive', sql`amount_yuan > 0`)
    .execute();
  await db.schema.createIndex('ledger_movements_line').on('ledger_movements').columns(['line_id', 'id']).execute();

  await db.schema.createTable('ledger_entries')
    .addColumn('id', idType, idColumn)
    .addColumn('movement_id', 'bigint', (c) => c.notNull().references('ledger_movements.id'))
    .addColumn('line_id', 'text', (c) => c.notNull().references('budget_lines.id'))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('debit_yuan', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('credit_yuan', 'bigint', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('ledger_entries_account', sql`account IN ('appropriation', 'available', 'reserved', 'disbursed')`)
    .addCheckConstraint('ledger_entries_one_side', sql`(debit_yuan > 0 AND credit_yuan = 0) OR (debit_yuan = 0 AND credit_yuan > 0)`)
    .execute();
  await db.schema.createIndex('ledger_entries_movement').on('ledger_entries').column('movement_id').execute();
  await db.schema.createIndex('ledger_entries_line_case').on('ledger_entries').columns(['line_id', 'case_id', 'account']).execute();

  // Entries and movements are never changed: a correction is a new movement. zhida_refuse_change() is
  // PostgreSQL's trigger function from the audit-log migration.
  for (const table of ['ledger_movements', 'ledger_entries']) {
    if (isPostgres(db)) {
      await sql.raw(`CREATE TRIGGER ${table}_refuse_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION zhida_refuse_change()`).execute(db);
      await sql.raw(`CREATE TRIGGER ${table}_refuse_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION zhida_refuse_change()`).execute(db);
    } else {
      for (const op of ['UPDATE', 'DELETE']) {
        await sql.raw(`CREATE TRIGGER ${table}_refuse_${op.toLowerCase()} BEFORE ${op} ON ${table}
          BEGIN SELECT RAISE(ABORT, '${op} on ${table} refused: the table is append-only'); END`).execute(db);
      }
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ledger_entries').execute();
  await db.schema.dropTable('ledger_movements').execute();
  await db.schema.dropTable('budget_lines').execute();
}
