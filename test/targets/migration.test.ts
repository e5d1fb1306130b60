// Migration 004 on a database that already holds accounts and sessions (SQLite rebuilds the accounts table
// to change its role CHECK): every row and reference survives, the leader role is accepted, an unknown
// role still refused, foreign keys still enforced; and it goes down again.
import { randomUUID } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dialectOf, type Db } from '../../src/store/database.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { dialects, freshStore } from '../store/support/stores.ts';

async function migrator(db: Db): Promise<Migrator> {
  const provider = { getMigrations: async () => MIGRATIONS };
  if (dialectOf(db) === 'sqlite') return new Migrator({ db, provider });
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return new Migrator({ db, provider, migrationTableSchema: rows[0]!.schema });
}

const account = (role: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(), username: `${role}-${randomUUID().slice(0, 8)}`, display_name: role, role, department: null, credit_code: null,
  password_hash: 'scrypt$test', totp_secret: null, totp_enabled: 0, totp_last_step: null, failed_logins: 0, locked_until: null, disabled: 0,
  created_at: '2026-11-27T00:00:00.000Z', created_by: 'test', ...extra,
});

describe.each(dialects)('migration 2026-11-27-004-targets on $name', (dialect) => {
  it('keeps accounts and the sessions that reference them, and admits the leader role', async () => {
    const { db } = await freshStore(dialect, { migrate: false });
    const m = await migrator(db);
    expect((await m.migrateTo('2026-11-27-003-delivery')).error).toBeUndefined();
    const reviewer = account('reviewer', { department: '科技局' });
    const admin = account('admin');
    // The rows are typed for today's schema; these columns are the same in 003.
    await db.insertInto('accounts').values([reviewer, admin] as never).execute();
    const session = { id: randomUUID(), account_id: reviewer.id, csrf_token: 'x', created_at: 'now', last_seen_at: 'now', expires_at: 'later', second_factor_done: 1, revoked_at: null };
    await db.insertInto('sessions').values(session).execute();
    await expect(db.insertInto('accounts').values(account('leader') as never).execute()).rejects.toThrow(/accounts_role|CHECK/i);

    expect((await m.migrateToLatest()).error).toBeUndefined();
    const rows = await db.selectFrom('accounts').select(['id', 'role', 'department']).orderBy('role').execute();
    expect(rows).toEqual([{ id: admin.id, role: 'admin', department: null }, { id: reviewer.id, role: 'reviewer', department: '科技局' }]);
    expect(await db.selectFrom('sessions').select(['id', 'account_id']).execute()).toEqual([{ id: session.id, account_id: reviewer.id }]);
    await db.insertInto('accounts').values(account('leader') as never).execute();
    await expect(db.insertInto('accounts').values(account('emperor') as never).execute()).rejects.toThrow(/accounts_role|CHECK/i);
    // The username stays unique and the references hold both ways.
    await expect(db.insertInto('accounts').values(account('admin', { username: admin.username }) as never).execute()).rejects.toThrow(/unique/i);
    await expect(db.insertInto('sessions').values({ ...session, id: randomUUID(), account_id: 'nobody' }).execute()).rejects.toThrow(/foreign key/i);
    await expect(db.deleteFrom('accounts').where('id', '=', reviewer.id).execute()).rejects.toThrow(/foreign key/i);
    if (dialectOf(db) === 'sqlite') {
      const { rows: problems } = await sql`PRAGMA foreign_key_check`.execute(db);
      expect(problems).toEqual([]);
    }
  });

  it('goes down to 003 when no leader account exists, refusing the role again', async () => {
    const { db } = await freshStore(dialect, { migrate: false });
    const m = await migrator(db);
    expect((await m.migrateToLatest()).error).toBeUndefined();
    await db.insertInto('accounts').values(account('auditor') as never).execute();
    expect((await m.migrateTo('2026-11-27-003-delivery')).error).toBeUndefined();
    expect(await db.selectFrom('accounts').select('role').execute()).toEqual([{ role: 'auditor' }]);
    await expect(db.insertInto('accounts').values(account('leader') as never).execute()).rejects.toThrow(/accounts_role|CHECK/i);
  });
});
