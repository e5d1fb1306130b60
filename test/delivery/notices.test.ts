// Public notice (公示): working days, publishing approved cases, the public list and spreadsheet with masked
// identifiers, objections (upheld: rejected and the reservation released), closing after the period.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { getBudgetLine, listMovements, verifyLedger } from '../../src/services/ledger.ts';
import { closeDueNotices, closeNotice, publishNotice } from '../../src/services/notices.ts';
import { fileObjection } from '../../src/services/objections.ts';
import { addWorkingDays, todayInChina } from '../../src/services/working-days.ts';
import { approvedCase, fundedLine } from './fixtures/money-cases.ts';
import { dialects, testPack, useDeliveryApp } from './support.ts';

describe('working days', () => {
  it('counts Monday to Friday, skipping weekends and the holidays given', () => {
    // Fri 2025-07-04 + 5 working days: Mon 7, Tue 8, Wed 9, Thu 10, Fri 11
    expect(addWorkingDays('2025-07-04', 5)).toBe('2025-07-11');
    // Sat 2025-07-05 + 1 → Mon 2025-07-07
    expect(addWorkingDays('2025-07-05', 1)).toBe('2025-07-07');
    // With Mon 2025-07-07 a holiday the period runs to Mon 2025-07-14
    expect(addWorkingDays('2025-07-04', 5, ['2025-07-07'])).toBe('2025-07-14');
    // 国庆 2025-10-01…10-08 given as holidays: Tue 2025-09-30 + 1 → Thu 2025-10-09
    expect(addWorkingDays('2025-09-30', 1, ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'])).toBe('2025-10-09');
    expect(() => addWorkingDays('2025-02-30', 1)).toThrow(/calendar date/);
    // 2025-07-04T20:00Z is already the 5th in Hangzhou (UTC+8)
    expect(todayInChina(new Date('2025-07-04T20:00:00Z'))).toBe('2025-07-05');
  });
});

for (const dialect of dialects) {
  describe(`public notice on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it('publishes approved cases of the reviewer\'s department only; the period ends N working days on', async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer');
      await fundedLine(h, 'N1-2025', 2000000);
      const a = await approvedCase(h, reviewer, 'N1-2025');
      const b = await approvedCase(h, reviewer, 'N1-2025');
      const otherReviewer = await h.signIn('reviewer', { department: '经信局' });
      const other = await approvedCase(h, otherReviewer, 'N1-2025');

      const refused = await reviewer.inject({ method: 'POST', url: '/api/v1/notices', payload: { application_ids: [a.id, other.id] } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain(other.id);
      expect((await h.store.db.selectFrom('applications').select('status').where('id', '=', a.id).executeTakeFirstOrThrow()).status).toBe('approved');
      expect((await (await h.signIn('finance')).inject({ method: 'POST', url: '/api/v1/notices', payload: { application_ids: [a.id] } })).statusCode).toBe(403);

      const notice = await publishNotice(h.store.db, testPack(), reviewer.actor, { applicationIds: [a.id, b.id], today: '2025-07-04' });
      expect(notice).toMatchObject({ starts_on: '2025-07-04', ends_on: '2025-07-11', department: '科技局' });
      expect(notice.items.map((i) => i.application_id).sort()).toEqual([a.id, b.id].sort());
      const rows = await h.store.db.selectFrom('applications').select(['status', 'notice_id', 'notice_ends_on']).where('id', 'in', [a.id, b.id]).execute();
      for (const row of rows) expect(row).toEqual({ status: 'in-notice', notice_id: notice.id, notice_ends_on: '2025-07-11' });
      // Once on notice, a case cannot be published again.
      expect((await reviewer.inject({ method: 'POST', url: '/api/v1/notices', payload: { application_ids: [a.id] } })).statusCode).toBe(400);
    });

    it('shows the notice to anyone with identifiers and people\'s names masked, also as XLSX', async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer');
      await fundedLine(h, 'N2-2025', 2000000);
      const company = await approvedCase(h, reviewer, 'N2-2025');
      // An individual (居民身份证号码 11010519491231002X) named 张三丰: shown as 张*
      const person = await approvedCase(h, reviewer, 'N2-2025', { kind: 'individual', id: '11010519491231002X', name: '张三丰', amount: 10000 });
      const published = await reviewer.inject({ method: 'POST', url: '/api/v1/notices', payload: { application_ids: [company.id, person.id], working_days: 5 } });
      expect(published.statusCode).toBe(201);
      const id = published.json().notice.id as string;

      const list = await h.app.inject({ method: 'GET', url: '/api/v1/notices' });
      expect(list.statusCode).toBe(200);
      expect(list.json().notices.some((n: { id: string }) => n.id === id)).toBe(true);
      const detail = await h.app.inject({ method: 'GET', url: `/api/v1/notices/${id}` });
      expect(detail.statusCode).toBe(200);
      expect(detail.body).not.toContain(company.code);
      expect(detail.body).not.toContain('11010519491231002X');
      expect(detail.body).not.toContain('张三丰');
      const items = detail.json().notice.items as { application_id: string; beneficiary_name: string; credit_code_masked: string; amount_yuan: number; catalogue: string }[];
      expect(items.find((i) => i.application_id === company.id)).toMatchObject({
        beneficiary_name: company.name, credit_code_masked: `${company.code.slice(0, 6)}********${company.code.slice(-4)}`, amount_yuan: 300000, catalogue: 'M02',
      });
      expect(items.find((i) => i.application_id === person.id)).toMatchObject({ beneficiary_name: '张*', credit_code_masked: '110105********002X', amount_yuan: 10000 });

      const xlsx = await h.app.inject({ method: 'GET', url: `/api/v1/notices/${id}/xlsx` });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('公示名单');
      expect(sheet).toBeDefined();
      const values = (n: number) => (sheet?.getRow(n).values as unknown[]).slice(1);
      expect(values(1)).toEqual(['序号', '企业（单位）名称', '统一社会信用代码', '政策条款', '奖补事项', '金额（元）', '主管部门', '公示期']);
      expect(sheet?.rowCount).toBe(3);
      const rows = [values(2), values(3)];
      const personRow = rows.find((r) => r[1] === '张*');
      expect(personRow?.slice(2, 7)).toEqual(['110105********002X', '杭高新〔2025〕3号第（一）条', '新认定国家高新技术企业奖励', 10000, '科技局']);
      expect(rows.find((r) => r[1] === company.name)?.[5]).toBe(300000);
      expect(xlsx.rawPayload.toString('latin1')).not.toContain(company.code);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/notices/GS-none' })).statusCode).toBe(404);
    });

    it('takes objections from anyone; upheld rejects the case and gives its reservation back to the line', async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer');
      await fundedLine(h, 'N3-2025', 1000000);
      const a = await approvedCase(h, reviewer, 'N3-2025');
      const b = await approvedCase(h, reviewer, 'N3-2025');
      // 1 000 000 − 2 × 300 000 = 400 000 available
      expect((await getBudgetLine(h.store.db, 'N3-2025'))?.available).toBe(400000);
      const id = (await reviewer.inject({ method: 'POST', url: '/api/v1/notices', payload: { application_ids: [a.id, b.id] } })).json().notice.id as string;

      const tooLong = await h.app.inject({ method: 'POST', url: `/api/v1/notices/${id}/objections`, payload: { application_id: a.id, objector: '匿名', text: '异'.repeat(2001) } });
      expect(tooLong.statusCode).toBe(400);
      const notOnIt = await h.app.inject({ method: 'POST', url: `/api/v1/notices/${id}/objections`, payload: { application_id: 'APP-none', objector: '匿名', text: '不实' } });
      expect(notOnIt.statusCode).toBe(400);
      const filed = await h.app.inject({ method: 'POST', url: `/api/v1/notices/${id}/objections`, payload: { application_id: a.id, objector: '王某', contact: '0571-0000', text: '该企业高新技术企业证书系伪造。' } });
      expect(filed.statusCode).toBe(201);
      const objection = filed.json().objection as { id: string; status: string };
      expect(objection.status).toBe('open');
      expect((await h.app.inject({ method: 'GET', url: `/api/v1/notices/${id}` })).json().notice.open_objections).toBe(1);

      const otherDepartment = await h.signIn('reviewer', { department: '经信局' });
      expect((await otherDepartment.inject({ method: 'POST', url: `/api/v1/objections/${objection.id}/resolve`, payload: { decision: 'upheld', resolution: 'x' } })).statusCode).toBe(404);
      expect((await h.app.inject({ method: 'POST', url: `/api/v1/objections/${objection.id}/resolve`, payload: { decision: 'upheld', resolution: 'x' } })).statusCode).toBe(401);

      const upheld = await reviewer.inject({ method: 'POST', url: `/api/v1/objections/${objection.id}/resolve`, payload: { decision: 'upheld', resolution: '经核实证书不实' } });
      expect(upheld.statusCode).toBe(200);
      expect(upheld.json().objection.status).toBe('upheld');
      const row = await h.store.db.selectFrom('applications').select(['status', 'reason']).where('id', '=', a.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('rejected');
      expect(row.reason).toContain('经核实证书不实');
      // 400 000 + 300 000 released = 700 000; b's 300 000 stays reserved
      expect(await getBudgetLine(h.store.db, 'N3-2025')).toMatchObject({ available: 700000, reserved: 300000 });
      expect((await listMovements(h.store.db, { caseId: a.id })).map((m) => [m.operation, m.key])).toEqual([['reserve', `approve:${a.id}`], ['release', `release:${a.id}`]]);
      expect((await reviewer.inject({ method: 'POST', url: `/api/v1/objections/${objection.id}/resolve`, payload: { decision: 'dismissed', resolution: '重复' } })).statusCode).toBe(409);
      expect((await verifyLedger(h.store.db)).ok).toBe(true);
    });

    it('closes only after the period; a case with an open objection waits for its resolution', async () => {
      const h = harness();
      const pack = testPack();
      const reviewer = await h.signIn('reviewer');
      await fundedLine(h, 'N4-2025', 1000000);
      const a = await approvedCase(h, reviewer, 'N4-2025');
      const b = await approvedCase(h, reviewer, 'N4-2025');
      const published = await reviewer.inject({ method: 'POST', url: '/api/v1/notices', payload: { application_ids: [a.id] } });
      // Published today: the period has not passed.
      const early = await reviewer.inject({ method: 'POST', url: `/api/v1/notices/${published.json().notice.id}/close` });
      expect(early.statusCode).toBe(409);
      expect(early.json().error.message).toContain(published.json().notice.ends_on);

      const notice = await publishNotice(h.store.db, pack, reviewer.actor, { applicationIds: [b.id], today: '2025-07-04' });
      await expect(closeNotice(h.store.db, pack, reviewer.actor, notice.id, '2025-07-11')).rejects.toThrow(/runs until 2025-07-11/);
      const objection = await fileObjection(h.store.db, null, notice.id, { application_id: b.id, objector: '李某', text: '金额有误' }, '2025-07-10');
      await expect(fileObjection(h.store.db, null, notice.id, { application_id: b.id, objector: '李某', text: '迟到' }, '2025-07-12')).rejects.toThrow(/2025-07-11/);

      const held = await closeNotice(h.store.db, pack, reviewer.actor, notice.id, '2025-07-12');
      expect(held).toMatchObject({ payable: [], held: [b.id] });
      const dismissed = await reviewer.inject({ method: 'POST', url: `/api/v1/objections/${objection.id}/resolve`, payload: { decision: 'dismissed', resolution: '金额按政策标准核定，无误' } });
      expect(dismissed.statusCode).toBe(200);
      const closed = await closeDueNotices(h.store.db, '2025-07-12');
      expect(closed.find((c) => c.notice === notice.id)).toEqual({ notice: notice.id, payable: [b.id], held: [] });
      expect((await h.store.db.selectFrom('applications').select('status').where('id', '=', b.id).executeTakeFirstOrThrow()).status).toBe('payable');
      // The money stays reserved until it is paid.
      expect((await getBudgetLine(h.store.db, 'N4-2025'))?.reserved).toBe(600000);
      expect((await h.store.db.selectFrom('applications').select('status').where('id', '=', a.id).executeTakeFirstOrThrow()).status).toBe('in-notice');
    });
  });
}
