// 2026-11-26 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// The audit log: append-only and hash-chained. The tables refuse UPDATE and DELETE in the database itself,
// so that no code path (nor a mistaken hand-written query) can rewrite history; verifyAudit finds what a
// person with the rights to drop the triggers changed. Portable SQL except the triggers, which are
// written once per dialect because SQLite and PostgreSQL share no trigger syntax.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const GENESIS = '0'.repeat(64);

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addCheckConstraint('audit_log_seq_positive', sql`seq >= 1`)
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject', 'seq']).execute();

  // The head of the chain: one row, moved forward by one record at a time, always onto a record that exists.
  await db.schema.createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addCheckConstraint('audit_head_single_row', sql`id = 1`)
    .execute();
  await sql`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ${GENESIS})`.execute(db);

  if (isPostgres(db)) {
    await sql.raw(`
      CREATE FUNCTION zhida_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% on % refused: the table is append-only', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END $$`).execute(db);
    await sql.raw(`
      CREATE FUNCTION zhida_audit_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
           OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash) THEN
          RAISE EXCEPTION 'audit_head moves forward by one record onto a record of audit_log'
            USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`).execute(db);
    await sql.raw('CREATE TRIGGER audit_log_refuse_update BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION zhida_refuse_change()').execute(db);
    await sql.raw('CREATE TRIGGER audit_log_refuse_delete BEFORE DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION zhida_refuse_change()').execute(db);
    // TRUNCATE fires no row trigger: refuse it by a statement trigger.
    await sql.raw('CREATE TRIGGER audit_log_refuse_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION zhida_refuse_change()').execute(db);
    await sql.raw('CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head FOR EACH ROW EXECUTE FUNCTION zhida_audit_head_forward()').execute(db);
    await sql.raw('CREATE TRIGGER audit_head_refuse_delete BEFORE DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION zhida_refuse_change()').execute(db);
    await sql.raw('CREATE TRIGGER audit_head_refuse_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION zhida_refuse_change()').execute(db);
  } else {
    // SQLite has no TRUNCATE; DELETE without WHERE fires row triggers when there are any.
    await sql.raw(`CREATE TRIGGER audit_log_refuse_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'UPDATE on audit_log refused: the table is append-only'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER audit_log_refuse_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'DELETE on audit_log refused: the table is append-only'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER audit_head_forward BEFORE UPDATE ON audit_head
      WHEN NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
        OR NOT EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq AND hash = NEW.hash)
      BEGIN SELECT RAISE(ABORT, 'audit_head moves forward by one record onto a record of audit_log'); END`).execute(db);
    await sql.raw(`CREATE TRIGGER audit_head_refuse_delete BEFORE DELETE ON audit_head
      BEGIN SELECT RAISE(ABORT, 'DELETE on audit_head refused: the table is append-only'); END`).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_head').execute();
  await db.schema.dropTable('audit_log').execute();
  if (isPostgres(db)) {
    await sql.raw('DROP FUNCTION zhida_audit_head_forward()').execute(db);
    await sql.raw('DROP FUNCTION zhida_refuse_change()').execute(db);
  }
}
