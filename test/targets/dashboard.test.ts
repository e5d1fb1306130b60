// The leadership dashboard against a ledger built by hand: lines of domains 一 and 五, a provision's line of
// domain 二, two approved cases of 科技局 on D01 (one paid), and reports that make K07 and K08 lag; and the
// same report as a workbook.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { disburse, allocate, createBudgetLine } from '../../src/services/ledger.ts';
import { dialects, useDeliveryApp } from '../delivery/support.ts';
import { approvedCase } from '../delivery/fixtures/money-cases.ts';

describe.each(dialects)('dashboard on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it('sums the ledger per domain and line, awards paid per domain and department, and lists the lagging targets worst first', async () => {
    const h = harness();
    const db = h.store.db;
    await createBudgetLine(db, { id: 'D01-2025', year: 2025, label: '科技创新全年预算', packBudget: 'D01', actor: 'test' });
    await allocate(db, { key: 'fund-d01', actor: 'test', line: 'D01-2025', amount: 1_000_000 });
    await createBudgetLine(db, { id: 'D05-2025', year: 2025, label: '有效投资全年预算', packBudget: 'D05', actor: 'test' });
    await allocate(db, { key: 'fund-d05', actor: 'test', line: 'D05-2025', amount: 2_000_000 });
    // A line for one provision of domain 二 (上规纳统, article 十五), funded 50万.
    await createBudgetLine(db, { id: 'ENTRY-2025', year: 2025, label: '上规纳统奖励', provision: 'above-scale-entry', actor: 'test' });
    await allocate(db, { key: 'fund-entry', actor: 'test', line: 'ENTRY-2025', amount: 500_000 });
    // A line of another year stays out.
    await createBudgetLine(db, { id: 'D01-2024', year: 2024, label: '上年', packBudget: 'D01', actor: 'test' });

    const kejiju = await h.signIn('reviewer', { department: '科技局' });
    const a = await approvedCase(h, kejiju, 'D01-2025', { amount: 300_000 });
    await approvedCase(h, kejiju, 'D01-2025', { amount: 200_000 });
    // a is paid: disbursed on the ledger and its payout item settled as paid.
    await disburse(db, { key: `pay:${a.id}`, actor: 'test', line: 'D01-2025', caseId: a.id, amount: 300_000 });
    const finance = await h.signIn('finance');
    const settledAt = new Date().toISOString();
    await db.insertInto('payout_batches').values({ id: 'PB-T1', idempotency_key: 'pb-t1', created_at: settledAt, created_by: finance.account.id, status: 'settled', total_yuan: 300_000, item_count: 1 }).execute();
    await db.insertInto('payout_items').values({ batch_id: 'PB-T1', application_id: a.id, amount_yuan: 300_000, status: 'paid', bank_reference: 'BK1', settled_at: settledAt, failure_reason: null }).execute();

    // K07 10 of 19.8356 expected (0.504): behind; K08 70% of 80% (0.875): at risk.
    expect((await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K07/reports', payload: { value: 10, asOf: '2025-06-30' } })).statusCode).toBe(201);
    expect((await kejiju.inject({ method: 'POST', url: '/api/v1/targets/K08/reports', payload: { value: 70, asOf: '2025-06-30' } })).statusCode).toBe(201);

    const leader = await h.signIn('leader');
    const response = await leader.inject({ method: 'GET', url: '/api/v1/dashboard?asOf=2025-12-31' });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.asOf).toBe('2025-12-31');
    expect(report.yearElapsed).toBe(1);
    expect(report.domains.map((d: { id: string }) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7']);
    const [d1, d2, d3, , d5] = report.domains;
    expect(d1).toEqual({
      id: 'd1', name: { zh: '推进教育科技人才一体发展', en: 'Advance the integrated development of education, science and technology, and talent' }, lead: '科技局',
      targets: { met: 0, 'on-track': 0, 'at-risk': 1, behind: 1, 'no-report': 0 },
      // planned: 18.2亿元 (D01); reserved: 300000 + 200000 − 300000 paid.
      budget: { lineId: 'D01-2025', planned: 1_820_000_000, allocated: 1_000_000, reserved: 200_000, paid: 300_000 },
      awardsPaid: { count: 1, amount: 300_000 },
    });
    expect(d2.budget).toEqual({ lineId: 'ENTRY-2025', planned: 0, allocated: 500_000, reserved: 0, paid: 0 });
    expect(d3.budget).toBeNull();
    expect(d5.budget).toEqual({ lineId: 'D05-2025', planned: 5_500_000_000, allocated: 2_000_000, reserved: 0, paid: 0 });
    expect(d5.awardsPaid).toEqual({ count: 0, amount: 0 });
    expect(report.budgetLines).toEqual([
      { id: 'D01-2025', label: '科技创新全年预算', planned: 1_820_000_000, allocated: 1_000_000, reserved: 200_000, paid: 300_000 },
      { id: 'D05-2025', label: '有效投资全年预算', planned: 5_500_000_000, allocated: 2_000_000, reserved: 0, paid: 0 },
      { id: 'ENTRY-2025', label: '上规纳统奖励', planned: 0, allocated: 500_000, reserved: 0, paid: 0 },
    ]);
    expect(report.awardsByDepartment).toEqual([{ department: '科技局', count: 1, amount: 300_000 }]);
    // K01 (derived, none of the test's beneficiaries recognised): 0 of 330 expected by 31 December — worst.
    expect(report.lagging.map((t: { id: string }) => t.id)).toEqual(['K01', 'K07', 'K08']);

    // Inside the year, the ledger is cut at the end of the day: every movement here is dated today, after 2025.
    const midYear = (await leader.inject({ method: 'GET', url: '/api/v1/dashboard?asOf=2025-06-30' })).json();
    expect(midYear.domains[0].budget).toEqual({ lineId: 'D01-2025', planned: 1_820_000_000, allocated: 0, reserved: 0, paid: 0 });
    expect(midYear.awardsByDepartment).toEqual([]);
    expect(midYear.yearElapsed).toBe(0.4959);

    // The article of hte-new (article 一): its text, targets (none), provisions with their cases in aggregate.
    const article = await leader.inject({ method: 'GET', url: '/api/v1/dashboard/articles/A01' });
    expect(article.statusCode, article.body).toBe(200);
    expect(article.json()).toMatchObject({ id: 'A01', domain: 'd1', responsible: ['科技局'], targets: [] });
    expect(article.json().provisions.find((p: { id: string }) => p.id === 'hte-new')).toEqual({
      id: 'hte-new', catalogue: 'M02', title: { zh: expect.any(String), en: expect.any(String) }, department: '科技局',
      cases: { total: 2, byStatus: { approved: 2 }, paid: { count: 1, amount: 300_000 } },
    });
    const a06 = (await leader.inject({ method: 'GET', url: '/api/v1/dashboard/articles/6?asOf=2025-07-01' })).json();
    expect(a06.targets.map((t: { id: string; pace: { status: string } }) => [t.id, t.pace.status])).toEqual([['K07', 'behind'], ['K08', 'at-risk']]);
    const heading = (await leader.inject({ method: 'GET', url: '/api/v1/dashboard/articles/d2' })).json();
    expect(heading).toMatchObject({ id: 'd2', title: '二、加快先进制造业发展', responsible: ['经信局'] });
    expect(heading.targets.map((t: { id: string }) => t.id)).toEqual(['K01']);
    expect((await leader.inject({ method: 'GET', url: '/api/v1/dashboard/articles/A99' })).statusCode).toBe(404);

    const xlsx = await leader.inject({ method: 'GET', url: '/api/v1/dashboard.xlsx?asOf=2025-12-31' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="dashboard-2025-12-31.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['领域概览', '目标进度', '预算执行', '兑现情况']);
    const overview = workbook.getWorksheet('领域概览')!;
    expect(overview.getRow(2).values).toEqual([undefined, '推进教育科技人才一体发展', '科技局', 0, 0, 1, 1, 0, 1_820_000_000, 1_000_000, 200_000, 300_000, 1, 300_000]);
    const progress = workbook.getWorksheet('目标进度')!;
    expect(progress.rowCount).toBe(1 + 79);
    const k07 = progress.getRows(2, 79)!.find((r) => r.getCell(1).value === 'K07')!;
    expect([k07.getCell(11).value, k07.getCell(12).value, k07.getCell(16).value]).toEqual([10, '2025-06-30', '进度滞后']);
    const budget = workbook.getWorksheet('预算执行')!;
    expect(budget.getRow(2).values).toEqual([undefined, 'D01-2025', '科技创新全年预算', 1_820_000_000, 1_000_000, 200_000, 300_000, 0.3]);
    const awards = workbook.getWorksheet('兑现情况')!;
    expect(awards.getRow(2).values).toEqual([undefined, '领域', '推进教育科技人才一体发展', 1, 300_000]);
    expect(awards.getRow(9).values).toEqual([undefined, '部门', '科技局', 1, 300_000]);
  });
});
