// zhida params list / set / impact, as separate processes on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../store/support/stores.ts';
import { runZhida } from './run-zhida.ts';

const RATIO = 'rd-grant-matching.ratio';

const zhida = (args: string[]) => runZhida(args);

describe.each(dialects)('zhida params on $name', (dialect) => {
  it('lists unset parameters, sets one as a policy account (not as another role), and shows the impact', async () => {
    const store = await freshStore(dialect);
    const db = ['--database', store.url];
    for (const [username, role] of [['zhengce-cli', 'policy'], ['shenji-cli', 'auditor']] as const) {
      await store.db.insertInto('accounts').values({
        id: randomUUID(), username, display_name: username, role, department: null, credit_code: null, password_hash: 'scrypt$test-only$x',
        totp_secret: null, totp_enabled: 0, totp_last_step: null, failed_logins: 0, locked_until: null, disabled: 0, created_at: new Date().toISOString(), created_by: 'test',
      }).execute();
    }
    const list = await zhida(['params', 'list', '--unset', '--json', ...db]);
    expect(list.code, list.stderr).toBe(0);
    const parameters = (JSON.parse(list.stdout) as { parameters: { id: string; unset: boolean }[] }).parameters;
    expect(parameters.every((p) => p.unset)).toBe(true);
    expect(parameters.map((p) => p.id)).toContain(RATIO);

    const set = ['params', 'set', RATIO, '--value', '50', '--from', '2025-01-01', '--document', '研发配套实施细则（杭高新〔2025〕12号）'];
    const refused = await zhida([...set, '--as', 'shenji-cli', ...db]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('policy account');
    const bad = await zhida(['params', 'set', RATIO, '--value', '50', '--from', '2025-13-01', '--document', 'x', '--as', 'zhengce-cli', ...db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('effective_from');
    const done = await zhida([...set, '--as', 'zhengce-cli', ...db]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain(`set ${RATIO} = 50 from 2025-01-01`);
    const rows = await store.db.selectFrom('parameter_settings').selectAll().execute();
    expect(rows.map((r) => Number(r.value))).toEqual([50]);

    const impact = await zhida(['params', 'impact', RATIO, '--json', ...db]);
    expect(impact.code, impact.stderr).toBe(0);
    expect(JSON.parse(impact.stdout)).toMatchObject({ parameter: { id: RATIO, effective_value: 50 }, provisions: [{ id: 'rd-grant-matching' }], cases: { total: 0 } });
  }, 60_000);
});
