// zhida edition diff: two pack directories or shipped editions, grouped human output and --json, and a clear
// refusal (non-zero exit) for a missing or invalid pack.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEdition, packDir } from '../../src/pack/loader.ts';
import { createEdition } from '../../src/services/editions.ts';
import { openDatabase } from '../../src/store/database.ts';
import { runZhida } from '../cli/run-zhida.ts';
import { makeChangedPack } from './changed-pack.ts';

describe('zhida edition diff', () => {
  const changed = makeChangedPack();
  const broken = mkdtempSync(join(tmpdir(), 'zhida-broken-'));
  afterAll(() => { changed.remove(); rmSync(broken, { recursive: true, force: true }); });

  it('prints the changes grouped, the clause text marked (not a terminal: 〔-…〕 and 【+…】)', async () => {
    const run = await runZhida(['edition', 'diff', 'binjiang-2025', changed.dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('6 change(s)');
    expect(run.stdout).toContain('条款文本 clauses (3)');
    expect(run.stdout).toContain('给予一次性 〔-1〕【+2】0 万元奖励');
    expect(run.stdout).toContain('【+持续】深入实施');
    expect(run.stdout).toContain('[changed] rd-first-2m M30');
    expect(run.stdout).toContain('amount: 100,000 → 200,000');
    expect(run.stdout).toContain('[changed] rd-first-2m.amount');
    expect(run.stdout).toContain('amount_yuan: 1,820,000,000 → 1,920,000,000');
    expect(run.stdout).toContain('目标 targets (0)');
  });

  it('--json prints the whole diff', async () => {
    const run = await runZhida(['edition', 'diff', packDir('binjiang-2025'), changed.dir, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const diff = JSON.parse(run.stdout) as { total: number; parameters: { id: string; before: number; after: number }[] };
    expect(diff.total).toBe(6);
    expect(diff.parameters).toEqual([expect.objectContaining({ id: 'rd-first-2m.amount', before: 100000, after: 200000 })]);
  });

  it('refuses a missing pack and an invalid one, naming it, with a non-zero exit', async () => {
    const missing = await runZhida(['edition', 'diff', 'binjiang-2025', join(broken, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere: no pack directory, shipped edition');
    // An amount changed in the article file but not in the published text: the quote no longer matches.
    const dir = join(broken, 'pack');
    cpSync(packDir('binjiang-2025'), dir, { recursive: true });
    const a13 = join(dir, 'd2/a13.yaml');
    writeFileSync(a13, readFileSync(a13, 'utf8').replace('quote: 给予一次性 10 万元奖励', 'quote: 给予一次性 20 万元奖励'));
    const invalid = await runZhida(['edition', 'diff', 'binjiang-2025', dir]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('d2/a13.yaml');
    expect(invalid.stderr).toContain('not a valid policy pack');
  });
});

describe('zhida edition diff with a drafted edition', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhida-edition-db-'));
  const file = join(dir, 'zhida.sqlite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('looks the draft up in the database and shows its values against the edition in force', async () => {
    expect((await runZhida(['db', 'migrate', '--database', file])).code).toBe(0);
    const db = await openDatabase({ url: file });
    try {
      const policy = { id: 'zhengce-test', username: 'zhengce', displayName: '政策专员', role: 'policy' as const, department: null, creditCode: null };
      await createEdition(db, policy, loadEdition('binjiang-2025'), { id: 'reform-cli', title: '调整通知', period: { from: '2025-07-01', to: '2025-12-31' }, reform: { 'hte-new.amount': 400000 } });
    } finally {
      await db.destroy();
    }
    const run = await runZhida(['edition', 'diff', 'binjiang-2025', 'reform-cli', '--database', file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('reform-cli (draft, 2025-07-01 – 2025-12-31)');
    // （一）给予30万元 → 40万元.
    expect(run.stdout).toContain('[changed] hte-new.amount 新认定国家高新技术企业奖励金额: 300,000 → 400,000 yuan');
    expect(run.stdout).toContain('给予〔-3〕【+4】0万元、10万元奖励');
    const missing = await runZhida(['edition', 'diff', 'binjiang-2025', 'reform-none', '--database', file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('reform-none: no pack directory, shipped edition');
  });
});
