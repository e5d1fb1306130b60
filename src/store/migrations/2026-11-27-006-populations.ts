// 2026-11-27 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// Populations for budget-impact simulation: a generated (seeded) or imported registry of beneficiary
// profiles. Profiles are stored in chunks (a JSON array of up to 1,000 profiles per row): a million
// profiles are a thousand rows, written and read in large pieces rather than a million small ones.
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const idType = isPostgres(db) ? 'bigint' : 'integer';
  const idColumn = isPostgres(db)
    ? (c: ColumnDefinitionBuilder) => c.primaryKey().generatedAlwaysAsIdentity()
    : (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement();

  await db.schema.createTable('populations')
    .addColumn('id', idType, idColumn)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'integer', (c) => c.notNull())
    // Generated populations: the seed and policy year they were generated with; null for imports.
    .addColumn('seed', 'integer')
    .addColumn('year', 'integer', (c) => c.notNull())
    // 'generated' or 'import:<file name>'.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('population_profiles')
    .addColumn('population_id', idType, (c) => c.notNull().references('populations.id').onDelete('cascade'))
    // Chunk number 0, 1, 2…: chunk seq holds the profiles seq × chunk size onwards, in order.
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    // JSON array of profiles.
    .addColumn('profiles', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('population_profiles_pk', ['population_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('population_profiles').execute();
  await db.schema.dropTable('populations').execute();
}
