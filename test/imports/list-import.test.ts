// List import (名单导入) at the service: UTF-8 CSV, GBK CSV and XLSX; every kind of bad row with its line;
// all-or-nothing against skip-bad; the same file again changes nothing; whole files refused, nothing stored.
import { describe, expect, it } from 'vitest';
import { importList, reportCsv } from '../../src/services/list-import.ts';
import { LIST_MAX_BYTES } from '../../src/services/list-import-files.ts';
import { ServiceError } from '../../src/services/errors.ts';
import { dialects, useDeliveryApp, type DeliveryHarness } from '../delivery/support.ts';
import { badCheck, creditCode, gbkCsv, HTE_HEADER, register, utf8Csv, xlsx } from './support.ts';

const KIND = 'high-tech-new-2025';

async function counts(h: DeliveryHarness) {
  const imports = await h.store.db.selectFrom('list_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const changes = await h.store.db.selectFrom('profile_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { imports: Number(imports.n), changes: Number(changes.n) };
}

async function recognitions(h: DeliveryHarness, code: string): Promise<unknown[]> {
  const row = await h.store.db.selectFrom('beneficiaries').select('profile').where('credit_code', '=', code).executeTakeFirstOrThrow();
  return (JSON.parse(row.profile) as { recognitions?: unknown[] }).recognitions ?? [];
}

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe.each(dialects)('list import on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it.each([
    ['UTF-8 CSV', 100, (rows: string[][]) => Promise.resolve(utf8Csv(rows))],
    ['GBK CSV', 200, (rows: string[][]) => Promise.resolve(gbkCsv(rows))],
    ['XLSX', 300, (rows: string[][]) => xlsx(rows)],
  ])('adds a new national high-tech recognition from a %s, with the import as evidence in the fact history', async (_format, base, make) => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const [a, b] = [creditCode(base + 1), creditCode(base + 2)];
    await register(h.store.db, a, '杭州甲科技有限公司');
    await register(h.store.db, b, '杭州乙科技有限公司');
    const file = await make([HTE_HEADER, [a, '杭州甲科技有限公司', `GR2025330${base}1`, '2025-12-19'], [b, '杭州乙科技有限公司', `GR2025330${base}2`, '2025/12/19']]);
    const result = await importList(h.store.db, reviewer.actor, { kind: KIND, mode: 'all-or-nothing', fileName: 'hte.csv', bytes: file });
    expect(result).toMatchObject({ status: 'applied', rows_total: 2, rows_ok: 2, rows_bad: 0, affected: [a, b].sort(), replayed: false, title: '新认定高新技术企业 2025' });
    expect(result.report.map((r) => [r.line, r.status, r.outcome])).toEqual([[2, 'ok', 'added'], [3, 'ok', 'added']]);
    expect(await recognitions(h, a)).toEqual([{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-12-19', certificate: `GR2025330${base}1` }]);
    const history = await h.store.db.selectFrom('profile_changes').selectAll().where('credit_code', '=', b).execute();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ fact: 'recognitions', before: null, version: 2, actor: `reviewer:${reviewer.actor.username}`, evidence_id: `list-import:${result.id}` });
    expect(history[0]!.note).toContain('line 3');
  });

  it('reports every kind of bad row with its line; skip-bad applies the good ones in one go', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const [ok, conflicting, unknown, dupe] = [creditCode(401), creditCode(402), creditCode(403), creditCode(404)];
    await register(h.store.db, ok, '杭州好科技有限公司');
    await register(h.store.db, dupe, '杭州重复科技有限公司');
    await register(h.store.db, conflicting, '杭州冲突科技有限公司', {
      recognitions: [{ type: 'high-tech-enterprise', level: 'national', event: 'reexam', date: '2025-03-01', certificate: 'GR202533000402' }],
    });
    const rows = [
      HTE_HEADER,
      [ok, '杭州好科技有限公司', 'GR202533000401', '2025-12-19'], // line 2
      [badCheck(ok), '杭州坏码科技有限公司', 'GR202533000499', '2025-12-19'], // line 3
      [unknown, '杭州未注册科技有限公司', 'GR202533000403', '2025-12-19'], // line 4
      [conflicting, '杭州冲突科技有限公司', 'GR202533000402', '2025-12-19'], // line 5
      [dupe, '杭州重复科技有限公司', 'GR202533000404', '2025-12-19'], // line 6
      [dupe, '杭州重复科技有限公司', 'GR202533000404', '2025-12-19'], // line 7
      ['', '', '', ''], // line 8: blank, skipped
      [creditCode(405), '杭州日期科技有限公司', 'GR202533000405', '2025-02-30'], // line 9
    ];
    const before = await counts(h);
    const rejected = await importList(h.store.db, reviewer.actor, { kind: KIND, mode: 'all-or-nothing', fileName: 'bad.csv', bytes: utf8Csv(rows) });
    expect(rejected).toMatchObject({ status: 'rejected', rows_total: 7, rows_ok: 2, rows_bad: 5, affected: [] });
    const byLine = Object.fromEntries(rejected.report.map((r) => [r.line, r]));
    expect(byLine[3]!.message).toContain('wrong check character');
    expect(byLine[4]!.message).toBe(`unknown enterprise: ${unknown} is not registered in Zhida`);
    expect(byLine[5]!.message).toBe('conflicting fact: certificate GR202533000402 is already recorded as reexam on 2025-03-01, the list says new on 2025-12-19');
    expect(byLine[7]!.message).toBe(`duplicate row: ${dupe} is already on line 6`);
    expect(byLine[9]!.message).toBe('发证日期 "2025-02-30" is not a date (YYYY-MM-DD)');
    expect(byLine[2]).toMatchObject({ status: 'ok', outcome: 'added' });
    expect(byLine[2]!.message).toContain('not applied');
    expect(await recognitions(h, ok)).toEqual([]);
    expect(await counts(h)).toEqual({ imports: before.imports + 1, changes: before.changes });

    const skipped = await importList(h.store.db, reviewer.actor, { kind: KIND, mode: 'skip-bad', fileName: 'bad.csv', bytes: utf8Csv(rows) });
    expect(skipped).toMatchObject({ status: 'applied', rows_ok: 2, rows_bad: 5, affected: [ok, dupe].sort() });
    expect(await recognitions(h, ok)).toHaveLength(1);
    expect(await recognitions(h, dupe)).toHaveLength(1);
    expect(await counts(h)).toEqual({ imports: before.imports + 2, changes: before.changes + 2 });
    const csv = reportCsv(skipped);
    expect(csv.split('\r\n')[0]).toBe('\uFEFF行号,统一社会信用代码,企业名称,结果,处理,说明');
    expect(csv).toContain(`7,${dupe},杭州重复科技有限公司,error,,duplicate row: ${dupe} is already on line 6`);
  });

  it('answers the same file again with the first import and changes nothing; a row already recorded is unchanged', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const code = creditCode(501);
    await register(h.store.db, code, '杭州幂等科技有限公司');
    const rows = [HTE_HEADER, [code, '杭州幂等科技有限公司', 'GR202533000501', '2025-12-19']];
    const first = await importList(h.store.db, reviewer.actor, { kind: KIND, mode: 'skip-bad', fileName: 'a.csv', bytes: utf8Csv(rows) });
    const before = await counts(h);
    const again = await importList(h.store.db, reviewer.actor, { kind: KIND, mode: 'skip-bad', fileName: 'renamed.csv', bytes: utf8Csv(rows) });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await counts(h)).toEqual(before);
    // Another file (GBK bytes) with the same row: recorded as a new import, the row unchanged.
    const other = await importList(h.store.db, reviewer.actor, { kind: KIND, mode: 'skip-bad', fileName: 'b.csv', bytes: gbkCsv(rows) });
    expect(other).toMatchObject({ status: 'applied', affected: [], replayed: false });
    expect(other.report[0]).toMatchObject({ status: 'ok', outcome: 'unchanged' });
    expect(await recognitions(h, code)).toHaveLength(1);
  });

  it('imports the same file sent twice at once once: the other answer is the first import', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const code = creditCode(551);
    await register(h.store.db, code, '杭州并发科技有限公司');
    const bytes = utf8Csv([HTE_HEADER, [code, '杭州并发科技有限公司', 'GR202533000551', '2025-12-19']]);
    const both = await Promise.all([0, 1].map(() => importList(h.store.db, reviewer.actor, { kind: KIND, mode: 'skip-bad', fileName: 'c.csv', bytes })));
    expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(both[0]!.id).toBe(both[1]!.id);
    expect(await recognitions(h, code)).toHaveLength(1);
  });

  it('refuses whole files that are not lists, naming the problem, and stores nothing', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const code = creditCode(601);
    await register(h.store.db, code, '杭州坏文件科技有限公司');
    const before = await counts(h);
    const attempt = (bytes: Buffer, mode = 'skip-bad', kind = KIND) => refusal(importList(h.store.db, reviewer.actor, { kind, mode, fileName: 'x', bytes }));
    expect((await attempt(Buffer.alloc(0))).message).toBe('the file is empty');
    const missing = await attempt(utf8Csv([['统一社会信用代码', '企业名称', '发证日期'], [code, '杭州坏文件科技有限公司', '2025-12-19']]));
    expect(missing.code).toBe('invalid');
    expect(missing.message).toContain('lacks the required column(s) 证书编号');
    expect((await attempt(Buffer.from('%PDF-1.7\n...'))).code).toBe('unsupported-media');
    expect((await attempt(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).message).toContain('old binary Excel');
    expect((await attempt(Buffer.alloc(LIST_MAX_BYTES + 1, 0x41))).code).toBe('too-large');
    expect((await attempt(Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x0a]))).message).toContain('neither UTF-8 nor GBK');
    const formula = await attempt(await xlsx([HTE_HEADER, [code, '杭州坏文件科技有限公司', 'GR202533000601', { formula: 'TODAY()' }]]));
    expect(formula.message).toBe('cell D2 of sheet 名单 holds a formula: a list must hold values (paste as values and upload again)');
    const hidden = await attempt(await xlsx([HTE_HEADER, [code, '杭州坏文件科技有限公司', 'GR202533000601', '2025-12-19']], { hiddenSheet: true }));
    expect(hidden.message).toContain('hidden sheet(s) 隐藏');
    expect((await attempt(utf8Csv([HTE_HEADER]))).message).toBe('the list has a header row but no data rows');
    const mode = await attempt(utf8Csv([HTE_HEADER]), 'some');
    expect(mode.details).toEqual([{ path: 'mode', message: 'unknown mode' }]);
    expect((await attempt(utf8Csv([HTE_HEADER]), 'skip-bad', 'high-tech')).details).toEqual([{ path: 'kind', message: 'unknown list kind' }]);
    expect(await counts(h)).toEqual(before);
  });

  it('lets only reviewers of 科技局 (and admins) import the high-tech list', async () => {
    const h = harness();
    const other = await h.signIn('reviewer', { department: '经信局' });
    const finance = await h.signIn('finance');
    for (const actor of [other.actor, finance.actor]) {
      const error = await refusal(importList(h.store.db, actor, { kind: KIND, mode: 'skip-bad', fileName: 'x', bytes: utf8Csv([HTE_HEADER]) }));
      expect(error.code).toBe('forbidden');
    }
  });
});
