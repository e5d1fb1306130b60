// 2026-11-27 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// Entitlements (免申即享): an official list's import offers the award it entitles to each listed enterprise;
// the enterprise confirms (an application is created, submitted) or declines. Inbox messages tell the
// enterprise about offers and newly eligible awards; mail_outbox keeps the e-mails to send after commit.
// A contact e-mail on the beneficiary is where those e-mails go.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const idType = isPostgres(db) ? 'bigint' : 'integer';
  const idColumn = isPostgres(db)
    ? (c: ColumnDefinitionBuilder) => c.primaryKey().generatedAlwaysAsIdentity()
    : (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement();

  await db.schema.createTable('entitlements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('credit_code', 'text', (c) => c.notNull().references('beneficiaries.credit_code'))
    .addColumn('provision', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // The same event key as an application of the event would have (one event pays once across both paths).
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('event_ref', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull().references('list_imports.id'))
    .addColumn('engine_status', 'text', (c) => c.notNull())
    .addColumn('engine_amount_yuan', 'bigint')
    .addColumn('engine_amount_kind', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('application_id', 'text', (c) => c.references('applications.id'))
    /** Why it was declined or lapsed. */
    .addColumn('reason', 'text')
    /** The 信用承诺 text the enterprise accepted at confirmation. */
    .addColumn('pledge', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('confirmed_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('entitlements_status', sql`status IN ('offered', 'confirmed', 'declined', 'lapsed')`)
    .addCheckConstraint('entitlements_amount', sql`engine_amount_yuan IS NULL OR engine_amount_yuan >= 0`)
    .addCheckConstraint('entitlements_confirmed_has_case', sql`status <> 'confirmed' OR application_id IS NOT NULL`)
    .execute();
  // One open offer per event.
  await db.schema.createIndex('entitlements_one_offer').on('entitlements').column('event_key').unique()
    .where(sql.ref('status'), '=', 'offered').execute();
  await db.schema.createIndex('entitlements_beneficiary').on('entitlements').columns(['credit_code', 'status']).execute();
  await db.schema.createIndex('entitlements_import').on('entitlements').column('import_id').execute();

  await db.schema.createTable('inbox_messages')
    .addColumn('id', idType, idColumn)
    .addColumn('credit_code', 'text', (c) => c.notNull().references('beneficiaries.credit_code'))
    /** entitlement: an offer to confirm; newly-eligible: an award to apply for. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('inbox_messages_beneficiary').on('inbox_messages').columns(['credit_code', 'read_at']).execute();

  await db.schema.createTable('mail_outbox')
    .addColumn('id', idType, idColumn)
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addCheckConstraint('mail_outbox_status', sql`status IN ('pending', 'sent', 'failed')`)
    .execute();
  await db.schema.createIndex('mail_outbox_status').on('mail_outbox').column('status').execute();

  await db.schema.alterTable('beneficiaries').addColumn('contact_email', 'text').execute();
  await db.schema.alterTable('list_imports').addColumn('offers', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('list_imports').dropColumn('offers').execute();
  await db.schema.alterTable('beneficiaries').dropColumn('contact_email').execute();
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.dropTable('inbox_messages').execute();
  await db.schema.dropTable('entitlements').execute();
}
