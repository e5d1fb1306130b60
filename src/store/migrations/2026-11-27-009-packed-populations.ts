// 2026-11-27 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// Packed population chunks: reading a million profiles stored as JSON spent more time in JSON.parse than
// in evaluating them. New chunks carry their profiles packed (src/services/population-codec.ts) in a binary
// column and an empty `profiles` text; chunks written before keep their JSON (packed is null) and still load.
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema.alterTable('population_profiles').addColumn('packed', binary).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('population_profiles').dropColumn('packed').execute();
}
