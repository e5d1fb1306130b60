// 2026-11-27 (frozen: never edit a migration that has run anywhere; add a new one). It imports nothing of
// the application, so that it describes the schema as it was on its date, whatever the code becomes.
//
// Delivery (兑现): accounts and sessions, beneficiaries with the history of their facts, applications with
// their timeline and the engine's decisions, evidence files, public notices and objections, payout
// batches, parameter settings by the policy office, and stored answers of idempotent requests.
// Money is bigint whole yuan; times are ISO-8601 UTC text; dates (公示 end, effective dates) are YYYY-MM-DD.
import { PostgresAdapter, sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

function generatedId(db: Kysely<unknown>) {
  return isPostgres(db)
    ? ['bigint', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedAlwaysAsIdentity()] as const
    : ['integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement()] as const;
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
  const [idType, idColumn] = generatedId(db);

  await db.schema.createTable('beneficiaries')
    .addColumn('credit_code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('bank_name', 'text')
    .addColumn('bank_account', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('profile_changes')
    .addColumn('id', idType, idColumn)
    .addColumn('credit_code', 'text', (c) => c.notNull().references('beneficiaries.credit_code'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('profile_changes_beneficiary').on('profile_changes').columns(['credit_code', 'version']).execute();
  await appendOnly(db, 'profile_changes');

  await db.schema.createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('department', 'text')
    .addColumn('credit_code', 'text', (c) => c.references('beneficiaries.credit_code'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_last_step', 'bigint')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addCheckConstraint('accounts_role', sql`role IN ('enterprise', 'reviewer', 'finance', 'policy', 'auditor', 'admin')`)
    .addCheckConstraint('accounts_binding', sql`(role = 'enterprise') = (credit_code IS NOT NULL) AND (role = 'reviewer') = (department IS NOT NULL)`)
    .execute();

  // The session token is never stored: id is its SHA-256, so a copy of the database opens no session.
  await db.schema.createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('second_factor_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema.createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('credit_code', 'text', (c) => c.notNull().references('beneficiaries.credit_code'))
    .addColumn('provision', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    // What makes this case the one event that pays once (provision group, beneficiary, event reference).
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('event_ref', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_yuan', 'bigint')
    .addColumn('engine_status', 'text')
    .addColumn('engine_amount_yuan', 'bigint')
    .addColumn('engine_amount_kind', 'text')
    .addColumn('granted_yuan', 'bigint')
    .addColumn('budget_line', 'text', (c) => c.references('budget_lines.id'))
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('reviewer_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('payer_id', 'text', (c) => c.references('accounts.id'))
    .addColumn('reason', 'text')
    .addColumn('notice_id', 'text')
    .addColumn('notice_ends_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('applications_status', sql`status IN ('draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'in-notice', 'payable', 'paid')`)
    .addCheckConstraint('applications_amounts', sql`(requested_yuan IS NULL OR requested_yuan >= 0) AND (granted_yuan IS NULL OR granted_yuan > 0) AND (engine_amount_yuan IS NULL OR engine_amount_yuan >= 0)`)
    .addCheckConstraint('applications_grant_within_engine', sql`granted_yuan IS NULL OR (engine_amount_yuan IS NOT NULL AND granted_yuan <= engine_amount_yuan)`)
    .addCheckConstraint('applications_three_people', sql`(reviewer_id IS NULL OR reviewer_id <> applicant_id) AND (payer_id IS NULL OR (payer_id <> applicant_id AND payer_id <> reviewer_id))`)
    .execute();
  await db.schema.createIndex('applications_beneficiary').on('applications').columns(['credit_code', 'year']).execute();
  await db.schema.createIndex('applications_department_status').on('applications').columns(['department', 'status']).execute();
  // One event pays once: at most one live case per event key (a rejected or withdrawn case frees it).
  await db.schema.createIndex('applications_one_event').on('applications').column('event_key').unique()
    .where(sql.ref('status'), 'not in', ['rejected', 'withdrawn']).execute();

  await db.schema.createTable('application_events')
    .addColumn('id', idType, idColumn)
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('application_events_application').on('application_events').columns(['application_id', 'id']).execute();
  await appendOnly(db, 'application_events');

  // The engine's answer at submission and at approval, with what it was computed from.
  await db.schema.createTable('application_decisions')
    .addColumn('id', idType, idColumn)
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('pack_edition', 'text', (c) => c.notNull())
    .addColumn('pack_version', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('parameters_used', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_yuan', 'bigint')
    .addColumn('trace', 'text', (c) => c.notNull())
    .addCheckConstraint('application_decisions_stage', sql`stage IN ('submission', 'approval')`)
    .execute();
  await db.schema.createIndex('application_decisions_application').on('application_decisions').columns(['application_id', 'id']).execute();
  await appendOnly(db, 'application_decisions');

  // Files live outside every served folder, named by their SHA-256; this row is all that points to one.
  await db.schema.createTable('evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('credit_code', 'text', (c) => c.notNull().references('beneficiaries.credit_code'))
    .addColumn('application_id', 'text', (c) => c.references('applications.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('evidence_application').on('evidence').column('application_id').execute();

  await db.schema.createTable('notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull().references('accounts.id'))
    .execute();

  await db.schema.createTable('objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('notice_id', 'text', (c) => c.notNull().references('notices.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('objector', 'text', (c) => c.notNull())
    .addColumn('contact', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('resolved_by', 'text', (c) => c.references('accounts.id'))
    .addColumn('resolved_at', 'text')
    .addCheckConstraint('objections_status', sql`status IN ('open', 'upheld', 'dismissed')`)
    .execute();

  await db.schema.createTable('payout_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total_yuan', 'bigint', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addCheckConstraint('payout_batches_status', sql`status IN ('open', 'exported', 'settled')`)
    .execute();

  await db.schema.createTable('payout_items')
    .addColumn('id', idType, idColumn)
    .addColumn('batch_id', 'text', (c) => c.notNull().references('payout_batches.id'))
    // A case is in one batch at a time; a failed payment leaves the batch and may join another.
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('amount_yuan', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('bank_reference', 'text')
    .addColumn('settled_at', 'text')
    .addColumn('failure_reason', 'text')
    .addCheckConstraint('payout_items_status', sql`status IN ('pending', 'paid', 'failed')`)
    .addCheckConstraint('payout_items_amount', sql`amount_yuan > 0`)
    .execute();
  await db.schema.createIndex('payout_items_live_case').on('payout_items').column('application_id').unique()
    .where(sql.ref('status'), '<>', 'failed').execute();
  await db.schema.createIndex('payout_items_batch').on('payout_items').columns(['batch_id', 'id']).execute();

  // Values of unset parameters set by the policy office, each with the implementing document (实施细则).
  await db.schema.createTable('parameter_settings')
    .addColumn('id', idType, idColumn)
    .addColumn('edition', 'text', (c) => c.notNull())
    .addColumn('parameter', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('effective_to', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('parameter_settings_parameter').on('parameter_settings').columns(['edition', 'parameter', 'effective_from']).execute();
  await appendOnly(db, 'parameter_settings');

  // The first answer to a request made with an Idempotency-Key, returned again for a repeat.
  await db.schema.createTable('idempotent_requests')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotent_requests_pk', ['account_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['idempotent_requests', 'parameter_settings', 'payout_items', 'payout_batches', 'objections', 'notices', 'evidence',
    'application_decisions', 'application_events', 'applications', 'sessions', 'accounts', 'profile_changes', 'beneficiaries']) {
    await db.schema.dropTable(table).execute();
  }
}
