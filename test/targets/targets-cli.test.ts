// zhida targets report / list / reminders, as separate processes on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../store/support/stores.ts';
import { runZhida } from '../cli/run-zhida.ts';

const zhida = (args: string[]) => runZhida(args);

describe.each(dialects)('zhida targets on $name', (dialect) => {
  it('reports as a department account, corrects, lists by status and lists overdue reports', async () => {
    const store = await freshStore(dialect);
    const db = ['--database', store.url];
    for (const [username, role, department] of [['kejiju-cli', 'reviewer', '科技局'], ['lingdao-cli', 'leader', null]] as const) {
      await store.db.insertInto('accounts').values({
        id: randomUUID(), username, display_name: username, role, department, credit_code: null, password_hash: 'scrypt$test-only$x',
        totp_secret: null, totp_enabled: 0, totp_last_step: null, failed_logins: 0, locked_until: null, disabled: 0, created_at: new Date().toISOString(), created_by: 'test',
      }).execute();
    }
    const report = ['targets', 'report', 'K07', '--value', '10', '--as-of', '2025-06-30', '--note', '上半年'];
    const leader = await zhida([...report, '--as', 'lingdao-cli', ...db]);
    expect(leader.code).toBe(1);
    expect(leader.stderr).toContain('a leader account may not report on targets');
    const future = await zhida(['targets', 'report', 'K07', '--value', '10', '--as-of', '2099-06-30', '--as', 'kejiju-cli', ...db]);
    expect(future.code).toBe(2);
    expect(future.stderr).toContain('body.asOf: 2099-06-30 is in the future');
    const notNumber = await zhida(['targets', 'report', 'K07', '--value', 'ten', '--as-of', '2025-06-30', '--as', 'kejiju-cli', ...db]);
    expect(notNumber.code).toBe(2);
    const done = await zhida([...report, '--as', 'kejiju-cli', '--json', ...db]);
    expect(done.code, done.stderr).toBe(0);
    const first = JSON.parse(done.stdout) as { id: string; value: number; unit: string };
    expect(first).toMatchObject({ value: 10, unit: '科技局', reportedBy: 'reviewer:kejiju-cli' });
    const fix = await zhida(['targets', 'report', 'K07', '--value', '12', '--as-of', '2025-06-30', '--supersedes', first.id, '--as', 'kejiju-cli', ...db]);
    expect(fix.code, fix.stderr).toBe(0);
    expect(fix.stdout).toContain(`reported K07 科技局 = 12 as of 2025-06-30`);
    expect(fix.stdout).toContain(`supersedes ${first.id}`);

    // 12 of 40 × 181/365 = 19.8356 expected (0.605): behind.
    const behind = await zhida(['targets', 'list', '--status', 'behind', '--as-of', '2025-07-01', '--json', ...db]);
    expect(behind.code, behind.stderr).toBe(0);
    expect((JSON.parse(behind.stdout) as { targets: { id: string; latest: { value: number } }[] }).targets.map((t) => [t.id, t.latest.value])).toEqual([['K07', 12]]);
    const text = await zhida(['targets', 'list', '--domain', 'd1', '--as-of', '2025-07-01', ...db]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/K07\s+进度滞后\s+12 \/ ≥40 项\s+2025-06-30/);
    expect(text.stdout).toMatch(/K08\s+未报送/);
    const badStatus = await zhida(['targets', 'list', '--status', 'late', ...db]);
    expect(badStatus.code).toBe(2);

    const reminders = await zhida(['targets', 'reminders', '--department', '科技局', '--as-of', '2025-08-11', '--json', ...db]);
    expect(reminders.code, reminders.stderr).toBe(0);
    const list = (JSON.parse(reminders.stdout) as { reminders: { targetId: string; dueBy: string; lastReportAsOf: string | null }[] }).reminders;
    expect(list.find((r) => r.targetId === 'K07')).toEqual({ targetId: 'K07', unit: '科技局', dueBy: '2025-08-10', lastReportAsOf: '2025-06-30' });
    expect(list.map((r) => r.targetId)).toEqual(['K07', 'K08', 'K12', 'K13', 'K14', 'K15']);
  }, 90_000);
});
