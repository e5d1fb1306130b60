// zhida import prints the offers it made (免申即享); zhida entitlements list shows them by import and status,
// as text and JSON; a bad --status exits 2. A separate process, on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runZhida } from '../cli/run-zhida.ts';
import { creditCode, HTE_HEADER, register, utf8Csv } from '../imports/support.ts';
import { dialects, freshStore } from '../store/support/stores.ts';

describe.each(dialects)('zhida entitlements on $name', (dialect) => {
  it('the import prints its offers; the list shows them by import and status', async () => {
    const store = await freshStore(dialect);
    const dir = mkdtempSync(join(tmpdir(), 'zhida-ent-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    await store.db.insertInto('accounts').values({
      id: randomUUID(), username: 'kejiju-ent', display_name: '科技局', role: 'reviewer', department: '科技局', credit_code: null, password_hash: 'scrypt$test-only$x',
      totp_secret: null, totp_enabled: 0, totp_last_step: null, failed_logins: 0, locked_until: null, disabled: 0, created_at: new Date().toISOString(), created_by: 'test',
    }).execute();
    const [a, b] = [creditCode(901), creditCode(902)];
    await register(store.db, a, '杭州命令行甲科技有限公司');
    await register(store.db, b, '杭州命令行乙科技有限公司');
    const file = join(dir, 'hte.csv');
    writeFileSync(file, utf8Csv([HTE_HEADER, [a, '杭州命令行甲科技有限公司', 'GR202533000901', '2025-12-19'], [b, '杭州命令行乙科技有限公司', 'GR202533000902', '2025-12-19']]));
    const imported = await runZhida(['import', file, '--kind', 'high-tech-new-2025', '--as', 'kejiju-ent', '--database', store.url]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('免申即享 entitlements offered: 2; skipped: 0');
    const importId = /import (LI-[\w-]+):/.exec(imported.stdout)![1]!;

    const list = await runZhida(['entitlements', 'list', '--import', importId, '--status', 'offered', '--database', store.url]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`2 entitlements (免申即享) of import ${importId}, offered`);
    expect(list.stdout).toContain(`${a} 杭州命令行甲科技有限公司  hte-new 2025  300000 yuan  [hte.csv]`);
    const json = await runZhida(['entitlements', 'list', '--status', 'confirmed', '--json', '--database', store.url]);
    expect(JSON.parse(json.stdout)).toEqual({ entitlements: [] });
    const bad = await runZhida(['entitlements', 'list', '--status', 'open', '--database', store.url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--status must be one of offered, confirmed, declined, lapsed');
  });
});
