// 2026-11-27 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// Targets and responsibilities (目标责任): progress reports on the policy's targets and the lead
// departments' decomposition of them, both append-only; and the leader (领导) role, read-only.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

const OLD_ROLES = `'enterprise', 'reviewer', 'finance', 'policy', 'auditor', 'admin'`;
const NEW_ROLES = `${OLD_ROLES}, 'leader'`;

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

/**
 * Replaces the accounts_role CHECK. PostgreSQL drops and re-adds it. SQLite cannot alter a constraint: the
 * table is rebuilt from its own stored definition with the role list replaced. Sessions, applications and
 * others reference accounts, and SQLite enforces foreign keys (they cannot be switched off inside the
 * migration's transaction): with defer_foreign_keys, dropping the old table counts the orphaned rows, and
 * inserting the same accounts again into the new table uncounts them before the commit checks.
 */
async function replaceRoleCheck(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw(`ALTER TABLE accounts DROP CONSTRAINT accounts_role`).execute(db);
    await sql.raw(`ALTER TABLE accounts ADD CONSTRAINT accounts_role CHECK (role IN (${to}))`).execute(db);
    return;
  }
  const { rows } = await sql<{ type: string; name: string; sql: string | null }>`
    SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'accounts' ORDER BY type = 'table' DESC`.execute(db);
  const table = rows.find((r) => r.type === 'table');
  const definition = table?.sql ?? '';
  const roleCheck = `role IN (${from})`;
  if (definition.split(roleCheck).length !== 2) throw new Error(`accounts: the role CHECK is not "${roleCheck}" as expected`);
  // Indexes and triggers of the table go with it; put those that have a definition back (unique
  // constraints' automatic indexes have none and come back with the table).
  const others = rows.filter((r) => r.type !== 'table' && r.sql !== null).map((r) => r.sql as string);
  await sql.raw('PRAGMA defer_foreign_keys = ON').execute(db);
  await sql.raw('CREATE TABLE accounts_rebuild AS SELECT * FROM accounts').execute(db);
  await sql.raw('DROP TABLE accounts').execute(db);
  await sql.raw(definition.replace(roleCheck, `role IN (${to})`)).execute(db);
  await sql.raw('INSERT INTO accounts SELECT * FROM accounts_rebuild').execute(db);
  await sql.raw('DROP TABLE accounts_rebuild').execute(db);
  for (const statement of others) await sql.raw(statement).execute(db);
  const { rows: orphans } = await sql<{ table: string }>`PRAGMA foreign_key_check`.execute(db);
  if (orphans.length > 0) throw new Error(`accounts rebuild left ${orphans.length} rows without their account`);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const idType = isPostgres(db) ? 'bigint' : 'integer';
  const idColumn = isPostgres(db)
    ? (c: ColumnDefinitionBuilder) => c.primaryKey().generatedAlwaysAsIdentity()
    : (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement();

  await replaceRoleCheck(db, OLD_ROLES, NEW_ROLES);

  await db.schema.createTable('target_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('evidence_url', 'text')
    .addColumn('evidence_file_name', 'text')
    .addColumn('evidence_sha256', 'text')
    // null: generated demo data, filed by no account.
    .addColumn('reported_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('reported_by_label', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('supersedes', 'text', (c) => c.references('target_reports.id'))
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('target_reports_target').on('target_reports').columns(['target_id', 'as_of']).execute();
  // A report is corrected once: a second correction corrects the correction.
  await db.schema.createIndex('target_reports_superseded_once').on('target_reports').column('supersedes').unique().execute();
  await appendOnly(db, 'target_reports');

  await db.schema.createTable('target_assignments')
    .addColumn('id', idType, idColumn)
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('share', 'integer')
    .addColumn('value', 'double precision')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'text', (c) => c.notNull())
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addCheckConstraint('target_assignments_part', sql`(share IS NULL) <> (value IS NULL) AND (share IS NULL OR share BETWEEN 0 AND 100) AND (value IS NULL OR value >= 0)`)
    .execute();
  await db.schema.createIndex('target_assignments_version').on('target_assignments').columns(['target_id', 'version', 'unit']).unique().execute();
  await appendOnly(db, 'target_assignments');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('target_assignments').execute();
  await db.schema.dropTable('target_reports').execute();
  await replaceRoleCheck(db, NEW_ROLES, OLD_ROLES);
}
