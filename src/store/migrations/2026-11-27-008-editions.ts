// 2026-11-27 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// Policy editions drafted in the database (政策版本): a parameter reform of a base edition for a period,
// published by the policy office. Publishing writes the values as parameter settings; the edition row then
// only changes status once (draft → published), which the services enforce and a trigger backs: a published
// row refuses every UPDATE and DELETE.
import { PostgresAdapter, sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('policy_editions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('base_edition', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    // JSON object: parameter id → whole value (yuan, percent, years, count or ratio numerator).
    .addColumn('reform', 'text', (c) => c.notNull())
    // draft | published
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .execute();
  if (isPostgres(db)) {
    await sql.raw(`CREATE FUNCTION zhida_refuse_published_edition() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'policy edition % is published: read-only', OLD.id; END $$ LANGUAGE plpgsql`).execute(db);
    await sql.raw(`CREATE TRIGGER policy_editions_read_only BEFORE UPDATE OR DELETE ON policy_editions
      FOR EACH ROW WHEN (OLD.status = 'published') EXECUTE FUNCTION zhida_refuse_published_edition()`).execute(db);
  } else {
    for (const op of ['UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER policy_editions_refuse_${op.toLowerCase()} BEFORE ${op} ON policy_editions
        WHEN OLD.status = 'published' BEGIN SELECT RAISE(ABORT, 'policy edition is published: read-only'); END`).execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('policy_editions').execute();
  if (isPostgres(db)) await sql.raw('DROP FUNCTION IF EXISTS zhida_refuse_published_edition()').execute(db);
}
