// zhida import, as a separate process on SQLite and PostgreSQL: all-or-nothing refuses a list with bad rows
// (exit 1, nothing changed), skip-bad applies the good rows, the same file again changes nothing, the row
// report is written as CSV; a file that is not a list is refused whole (exit 1), a bad option exits 2.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { dialects, freshStore } from '../store/support/stores.ts';
import { badCheck, creditCode, gbkCsv, HTE_HEADER, register } from './support.ts';
import { runZhida } from '../cli/run-zhida.ts';

const zhida = (args: string[]) => runZhida(args);

describe.each(dialects)('zhida import on $name', (dialect) => {
  it('imports a GBK CSV list as a 科技局 account: all-or-nothing, then skip-bad, then the same file again', async () => {
    const store = await freshStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'zhida-import-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    await store.db.insertInto('accounts').values({
      id: randomUUID(), username: 'kejiju-import', display_name: '科技局', role: 'reviewer', department: '科技局', credit_code: null, password_hash: 'scrypt$test-only$x',
      totp_secret: null, totp_enabled: 0, totp_last_step: null, failed_logins: 0, locked_until: null, disabled: 0, created_at: new Date().toISOString(), created_by: 'test',
    }).execute();
    const code = creditCode(801);
    await register(store.db, code, '杭州命令行科技有限公司');
    const file = join(dir, '新认定高新技术企业-2025.csv');
    writeFileSync(file, gbkCsv([HTE_HEADER, [code, '杭州命令行科技有限公司', 'GR202533000801', '2025年12月19日'], [badCheck(code), '杭州坏码有限公司', 'GR202533000802', '2025-12-19']]));
    const args = ['import', file, '--kind', 'high-tech-new-2025', '--as', 'kejiju-import', '--database', store.url];

    const refused = await zhida(args);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stdout).toContain('rejected (all-or-nothing: nothing changed)');
    expect(refused.stdout).toContain('第 3 行 line 3: 统一社会信用代码');
    const profile = async () => JSON.parse((await store.db.selectFrom('beneficiaries').select('profile').where('credit_code', '=', code).executeTakeFirstOrThrow()).profile) as { recognitions?: unknown[] };
    expect((await profile()).recognitions).toBeUndefined();

    const report = join(dir, 'report.csv');
    const applied = await zhida([...args, '--mode', 'skip-bad', '--json', '--report', report]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ status: 'applied', rows_ok: 1, rows_bad: 1, affected: [code], replayed: false });
    expect((await profile()).recognitions).toEqual([{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-12-19', certificate: 'GR202533000801' }]);
    expect(readFileSync(report, 'utf8').split('\r\n')[1]).toBe(`2,${code},杭州命令行科技有限公司,ok,added,"recognition added (certificate GR202533000801, 2025-12-19)"`);

    const again = await zhida([...args, '--mode', 'skip-bad']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('the same file was imported before');

    const pdf = join(dir, 'list.pdf');
    writeFileSync(pdf, '%PDF-1.7\n');
    const notList = await zhida(['import', pdf, '--kind', 'high-tech-new-2025', '--as', 'kejiju-import', '--database', store.url]);
    expect(notList.code).toBe(1);
    expect(notList.stderr).toContain('the file is not a list we can read: a PDF');
    const badMode = await zhida([...args, '--mode', 'some']);
    expect(badMode.code).toBe(2);
    expect(badMode.stderr).toContain('mode must be all-or-nothing or skip-bad');
  });
});
