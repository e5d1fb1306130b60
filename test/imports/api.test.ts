// The imports API: multipart upload (kind, mode, file), 201 then 200 for the same file, the row report as JSON
// and CSV, who may import and read which list; and the credit list blocking approval and payout with its reason.
import { describe, expect, it } from 'vitest';
import { closeNotice, publishNotice } from '../../src/services/notices.ts';
import { fundLine, idem, registered } from '../delivery/fixtures/case-world.ts';
import { approvedCase, fundedLine } from '../delivery/fixtures/money-cases.ts';
import { dialects, testPack, useDeliveryApp } from '../delivery/support.ts';
import { CREDIT_HEADER, creditCode, HTE_HEADER, multipartList, register, utf8Csv } from './support.ts';

const upload = (fields: Record<string, string>, bytes: Buffer, filename = 'list.csv') => ({ method: 'POST' as const, url: '/api/v1/imports', ...multipartList(fields, bytes, filename) });

describe.each(dialects)('imports API on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it('imports a list, answers the same file with the first import, and serves the row report as JSON and CSV', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const code = creditCode(701);
    await register(h.store.db, code, '杭州接口科技有限公司');
    const file = utf8Csv([HTE_HEADER, [code, '杭州接口科技有限公司', 'GR202533000701', '2025-12-19'], [creditCode(702), '杭州未注册有限公司', 'GR202533000702', '2025-12-19']]);
    const first = await reviewer.inject(upload({ kind: 'high-tech-new-2025', mode: 'skip-bad' }, file));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'applied', rows_total: 2, rows_ok: 1, rows_bad: 1, affected: [code], replayed: false, imported_by: `reviewer:${reviewer.actor.username}` });
    const id = first.json().id as string;
    const again = await reviewer.inject(upload({ kind: 'high-tech-new-2025', mode: 'skip-bad' }, file, 'again.csv'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id, replayed: true, file_name: 'list.csv' });

    const listed = await reviewer.inject({ method: 'GET', url: '/api/v1/imports' });
    expect(listed.json().imports.map((i: { id: string }) => i.id)).toContain(id);
    const json = await reviewer.inject({ method: 'GET', url: `/api/v1/imports/${id}/report?format=json` });
    expect(json.json().report).toEqual([
      { line: 2, credit_code: code, name: '杭州接口科技有限公司', status: 'ok', outcome: 'added', message: 'recognition added (certificate GR202533000701, 2025-12-19)' },
      { line: 3, credit_code: creditCode(702), name: '杭州未注册有限公司', status: 'error', message: `unknown enterprise: ${creditCode(702)} is not registered in Zhida` },
    ]);
    const csv = await reviewer.inject({ method: 'GET', url: `/api/v1/imports/${id}/report` });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[1]).toBe(`2,${code},杭州接口科技有限公司,ok,added,"recognition added (certificate GR202533000701, 2025-12-19)"`);

    // 经信局's reviewer neither imports this list nor sees the import; the auditor reads it.
    const other = await h.signIn('reviewer', { department: '经信局' });
    expect((await other.inject(upload({ kind: 'high-tech-new-2025', mode: 'skip-bad' }, file))).statusCode).toBe(403);
    expect((await other.inject({ method: 'GET', url: `/api/v1/imports/${id}` })).statusCode).toBe(404);
    expect((await other.inject({ method: 'GET', url: '/api/v1/imports' })).json().imports).toEqual([]);
    expect((await (await h.signIn('auditor')).inject({ method: 'GET', url: `/api/v1/imports/${id}` })).json()).toMatchObject({ id, report: [{ line: 2 }, { line: 3 }] });
    const enterprise = await h.signIn('enterprise', { creditCode: code });
    expect((await enterprise.inject(upload({ kind: 'high-tech-new-2025', mode: 'skip-bad' }, file))).statusCode).toBe(403);
  });

  it('refuses bad uploads with 4xx naming the problem, nothing stored', async () => {
    const h = harness();
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    const count = async () => Number((await h.store.db.selectFrom('list_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const pdf = await reviewer.inject(upload({ kind: 'high-tech-new-2025', mode: 'skip-bad' }, Buffer.from('%PDF-1.7\n'), 'list.pdf'));
    expect(pdf.statusCode).toBe(415);
    const missing = await reviewer.inject(upload({ kind: 'high-tech-new-2025', mode: 'skip-bad' }, utf8Csv([['统一社会信用代码', '企业名称']])));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('证书编号, 发证日期');
    const noMode = await reviewer.inject(upload({ kind: 'high-tech-new-2025' }, utf8Csv([HTE_HEADER])));
    expect(noMode.statusCode).toBe(400);
    expect(noMode.json().error.details).toEqual([{ path: 'mode', message: 'missing' }]);
    const json = await reviewer.inject({ method: 'POST', url: '/api/v1/imports', payload: { kind: 'high-tech-new-2025' } });
    expect(json.statusCode).toBe(415);
    expect(await count()).toBe(before);
  });

  it('a credit list (finance) blocks approval and payout, with the reason told to the reviewer, finance and the enterprise', async () => {
    const h = harness();
    const finance = await h.signIn('finance');
    const reviewer = await h.signIn('reviewer', { department: '科技局' });
    // A submitted 新认定高新技术企业 case (engine: eligible, 300000) …
    const { code, enterprise } = await registered(h);
    await fundLine(h, 'D01-2025', 1_000_000);
    const draft = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'hte-new', year: 2025 } });
    const caseId = draft.json().application.id as string;
    expect((await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/submit`, payload: {} })).statusCode).toBe(200);
    // … and a payable one of another beneficiary.
    await fundedLine(h, 'CL-2025', 1_000_000);
    const payable = await approvedCase(h, reviewer, 'CL-2025');
    const notice = await publishNotice(h.store.db, testPack(), reviewer.actor, { applicationIds: [payable.id], today: '2025-07-04' });
    await closeNotice(h.store.db, testPack(), reviewer.actor, notice.id, '2025-07-14');

    const list = utf8Csv([CREDIT_HEADER, [code, '', '失信被执行人', '未履行生效判决（(2025)浙0108执1234号）', '2025-06-01'], [payable.code, payable.name, '严重失信主体', '虚报冒领财政资金', '2025-06-02']]);
    expect((await reviewer.inject(upload({ kind: 'credit-list', mode: 'all-or-nothing' }, list))).statusCode).toBe(403);
    const imported = await finance.inject(upload({ kind: 'credit-list', mode: 'all-or-nothing' }, list));
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json()).toMatchObject({ status: 'applied', affected: [code, payable.code].sort(), report: [{ outcome: 'listed' }, { outcome: 'listed' }] });

    const approve = await reviewer.inject({ method: 'POST', url: `/api/v1/applications/${caseId}/approve`, headers: idem(), payload: { granted_yuan: 300000 } });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.message).toBe(`${code} is on the credit list 失信被执行人 since 2025-06-01 (未履行生效判决（(2025)浙0108执1234号）): approval and payout are blocked`);
    const seen = await enterprise.inject({ method: 'GET', url: `/api/v1/applications/${caseId}` });
    expect(JSON.stringify(seen.json())).toContain('"credit_block":{"list_name":"失信被执行人","reason":"未履行生效判决（(2025)浙0108执1234号）","listed_on":"2025-06-01"');
    expect((await h.store.db.selectFrom('applications').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status).toBe('submitted');

    const named = await finance.inject({ method: 'POST', url: '/api/v1/payouts', headers: idem(), payload: { application_ids: [payable.id] } });
    expect(named.statusCode).toBe(409);
    expect(named.json().error.message).toContain(`${payable.code} is on the credit list 严重失信主体 since 2025-06-02 (虚报冒领财政资金)`);
    // Unnamed, the blocked case is left out: nothing else is payable, so no batch.
    const all = await finance.inject({ method: 'POST', url: '/api/v1/payouts', headers: idem(), payload: {} });
    expect(all.statusCode).toBe(409);
    expect(all.json().error.message).toBe('no payable case to put in a batch');
    expect(await h.store.db.selectFrom('payout_batches').selectAll().execute()).toEqual([]);
  });
});
