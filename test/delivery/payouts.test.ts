// Payout: batches of payable cases (one per Idempotency-Key, even under 100 concurrent repeats), the
// treasury payment order, and the bank's confirmation (GBK CSV, XLSX): all lines match or nothing applies;
// 成功 disburses and pays, 失败 leaves the case payable; a repeat moves nothing.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/services/audit.ts';
import { getBudgetLine, listMovements, verifyLedger } from '../../src/services/ledger.ts';
import { closeNotice, publishNotice } from '../../src/services/notices.ts';
import { decodeText, TREASURY_COLUMNS } from '../../src/services/payout-files.ts';
import type { SignedIn } from './support.ts';
import { approvedCase, fundedLine, multipartFile, type ApprovedCase } from './fixtures/money-cases.ts';
import { dialects, testPack, useDeliveryApp, type DeliveryHarness } from './support.ts';

/** Cases taken through notice to payable (published 2025-07-04, closed 2025-07-14). */
async function payableCases(h: DeliveryHarness, reviewer: SignedIn, line: string, amounts: number[]): Promise<ApprovedCase[]> {
  const cases: ApprovedCase[] = [];
  for (const amount of amounts) cases.push(await approvedCase(h, reviewer, line, { amount }));
  const notice = await publishNotice(h.store.db, testPack(), reviewer.actor, { applicationIds: cases.map((c) => c.id), today: '2025-07-04' });
  await closeNotice(h.store.db, testPack(), reviewer.actor, notice.id, '2025-07-14');
  return cases;
}

const statusOf = async (h: DeliveryHarness, id: string) =>
  (await h.store.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());

function csv(rows: (string | number)[][]): string {
  return rows.map((r) => r.join(',')).join('\r\n') + '\r\n';
}
const HEADER = ['序号', '业务编号', '收款人名称', '收款人账号', '金额', '支付状态', '银行流水号'];

for (const dialect of dialects) {
  describe(`payouts on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it('builds one batch per key under 100 concurrent repeats, exports the treasury order, and pays by confirmation', async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer');
      const finance = await h.signIn('finance');
      const auditor = await h.signIn('auditor');
      await fundedLine(h, 'P1-2025', 1000000);
      // 新认定国家高新技术企业 30万元 → 300000; two smaller grants of 100000 and 50000
      const [a, b, c] = await payableCases(h, reviewer, 'P1-2025', [300000, 100000, 50000]) as [ApprovedCase, ApprovedCase, ApprovedCase];

      const payable = await finance.inject({ method: 'GET', url: '/api/v1/payouts/payable' });
      expect(payable.statusCode).toBe(200);
      expect(payable.json().applications.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id, c.id].sort());
      expect(payable.json().applications.find((x: { id: string }) => x.id === a.id)).toMatchObject({ granted_yuan: 300000, status: 'payable', catalogue: 'M02', beneficiary_name: a.name });

      const build = { method: 'POST' as const, url: '/api/v1/payouts', payload: {}, headers: { 'idempotency-key': 'batch-key-0001' } };
      const answers = await Promise.all(Array.from({ length: 100 }, () => finance.inject(build)));
      expect(answers.map((r) => r.statusCode)).toEqual(Array(100).fill(201));
      const batch = answers[0]!.json().batch as { id: string; total_yuan: number; item_count: number; items: { application_id: string; bank_account: string }[] };
      for (const r of answers) expect(r.json().batch.id).toBe(batch.id);
      expect(await h.store.db.selectFrom('payout_batches').select('id').execute()).toHaveLength(1);
      expect(await h.store.db.selectFrom('payout_items').select('id').execute()).toHaveLength(3);
      // 300 000 + 100 000 + 50 000 = 450 000
      expect(batch).toMatchObject({ total_yuan: 450000, item_count: 3 });
      // Everything payable is in a live batch now: another key finds nothing.
      expect((await finance.inject({ ...build, headers: { 'idempotency-key': 'batch-key-0002' } })).statusCode).toBe(409);
      expect((await reviewer.inject({ ...build, headers: { 'idempotency-key': 'batch-key-0003' } })).statusCode).toBe(403);

      // Bank accounts in full for finance, masked for the auditor.
      const accountOf = (x: ApprovedCase) => batch.items.find((i) => i.application_id === x.id)!.bank_account;
      const audited = await auditor.inject({ method: 'GET', url: `/api/v1/payouts/${batch.id}` });
      expect(audited.statusCode).toBe(200);
      expect(audited.body).not.toContain(accountOf(a));
      expect(audited.json().batch.items[0].bank_account).toMatch(/^\*+\d{4}$/);

      const order = await finance.inject({ method: 'GET', url: `/api/v1/payouts/${batch.id}/treasury.xlsx` });
      expect(order.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(order.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('支付清单')!;
      const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
      expect(values(1)).toEqual([...TREASURY_COLUMNS]);
      const rows = [2, 3, 4].map(values);
      const rowA = rows.find((r) => r[10] === a.id)!;
      expect(rowA.slice(1, 9)).toEqual([batch.id, '科技局', 'P1-2025 测试预算指标 P1-2025', '一般公共预算', a.name, accountOf(a), '中国工商银行杭州高新支行', 300000]);
      expect(rowA[9]).toBe('新认定国家高新技术企业奖励（杭高新〔2025〕3号第（一）条）');
      expect(values(5)[0]).toBe('合计');
      expect(values(5)[8]).toBe(450000);
      const auditorOrder = new ExcelJS.Workbook();
      await auditorOrder.xlsx.load((await auditor.inject({ method: 'GET', url: `/api/v1/payouts/${batch.id}/treasury.xlsx` })).rawPayload as unknown as ArrayBuffer);
      const auditorRows = [2, 3, 4].map((n) => (auditorOrder.getWorksheet('支付清单')!.getRow(n).values as unknown[]).slice(1));
      expect(auditorRows.find((r) => r[10] === a.id)?.[6]).toBe(`${'*'.repeat(accountOf(a).length - 4)}${accountOf(a).slice(-4)}`);

      // A line whose amount matches no item: 400 naming the line, nothing paid.
      const sequenceOf = (x: ApprovedCase) => rows.findIndex((r) => r[10] === x.id) + 1;
      const wrong = csv([HEADER, [sequenceOf(a), a.id, a.name, accountOf(a), 300000, '成功', 'BK001'], [sequenceOf(b), b.id, b.name, accountOf(b), 100001, '成功', 'BK002']]);
      const refused = await finance.inject({ method: 'POST', url: `/api/v1/payouts/${batch.id}/confirmation`, ...withKey(multipartFile(iconv.encode(wrong, 'gbk'), 'wrong.csv'), 'confirm-key-0000') });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain('line 3');
      expect((await statusOf(h, a.id)).status).toBe('payable');
      expect((await getBudgetLine(h.store.db, 'P1-2025'))?.disbursed).toBe(0);

      // The bank's CSV in GBK: a paid, b failed (c not yet confirmed).
      const confirmation = csv([HEADER, [sequenceOf(a), a.id, a.name, accountOf(a), '300000.00', '成功', 'BK001'], [sequenceOf(b), b.id, b.name, accountOf(b), 100000, '失败', '']]);
      const gbk = iconv.encode(confirmation, 'gbk');
      expect(decodeText(gbk)).toBe(confirmation);
      const upload = { method: 'POST' as const, url: `/api/v1/payouts/${batch.id}/confirmation`, ...withKey(multipartFile(gbk, '回单.csv', 'text/csv'), 'confirm-key-0001') };
      const applied = await finance.inject(upload);
      expect(applied.statusCode).toBe(200);
      expect(applied.json()).toMatchObject({ paid: [a.id], failed: [b.id], unchanged: [] });
      const paidRow = await statusOf(h, a.id);
      expect(paidRow).toMatchObject({ status: 'paid', payer_id: finance.account.id });
      expect(paidRow.paid_at).not.toBeNull();
      expect((await statusOf(h, b.id)).status).toBe('payable');
      // Disbursed 300 000; reserved 100 000 (b) + 50 000 (c) = 150 000
      expect(await getBudgetLine(h.store.db, 'P1-2025')).toMatchObject({ disbursed: 300000, reserved: 150000, available: 550000 });
      expect((await listMovements(h.store.db, { caseId: a.id })).map((m) => m.key)).toEqual([`approve:${a.id}`, `pay:${a.id}`]);

      // Repeats: the same key gets the same answer; the same file under a new key changes nothing.
      const movements = (await listMovements(h.store.db)).length;
      expect((await finance.inject(upload)).json()).toEqual(applied.json());
      const again = await finance.inject({ ...upload, ...withKey(multipartFile(gbk, '回单.csv', 'text/csv'), 'confirm-key-0002') });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ paid: [], failed: [], unchanged: [a.id, b.id] });
      expect(await listMovements(h.store.db)).toHaveLength(movements);
      // Another file under a used key is refused.
      expect((await finance.inject({ ...upload, ...withKey(multipartFile(iconv.encode(wrong, 'gbk'), 'x.csv'), 'confirm-key-0001') })).statusCode).toBe(409);

      // b failed: payable again, into a new batch; its confirmation comes as XLSX, and c's in the first batch too.
      expect((await finance.inject({ method: 'GET', url: '/api/v1/payouts/payable' })).json().applications.map((x: { id: string }) => x.id)).toEqual([b.id]);
      const second = await finance.inject({ method: 'POST', url: '/api/v1/payouts', payload: { application_ids: [b.id] }, headers: { 'idempotency-key': 'batch-key-0004' } });
      expect(second.statusCode).toBe(201);
      const secondId = second.json().batch.id as string;
      const xlsx = await xlsxFile([HEADER, [1, b.id, b.name, accountOf(b), 100000, '成功', 'BK003']]);
      const paidB = await finance.inject({ method: 'POST', url: `/api/v1/payouts/${secondId}/confirmation`, ...withKey(multipartFile(xlsx, '回单.xlsx'), 'confirm-key-0003') });
      expect(paidB.statusCode).toBe(200);
      expect(paidB.json()).toMatchObject({ paid: [b.id], batch: { status: 'settled' } });
      const paidC = await finance.inject({ method: 'POST', url: `/api/v1/payouts/${batch.id}/confirmation`, ...withKey(multipartFile(iconv.encode(csv([HEADER, [sequenceOf(c), c.id, c.name, accountOf(c), 50000, '成功', 'BK004']]), 'gbk'), 'c.csv'), 'confirm-key-0004') });
      expect(paidC.json()).toMatchObject({ paid: [c.id], batch: { status: 'settled' } });
      // 300 000 + 100 000 + 50 000 = 450 000 disbursed; nothing left reserved
      expect(await getBudgetLine(h.store.db, 'P1-2025')).toMatchObject({ disbursed: 450000, reserved: 0, available: 550000 });

      const list = await auditor.inject({ method: 'GET', url: '/api/v1/payouts' });
      expect(list.json().batches).toHaveLength(2);
      expect((await verifyLedger(h.store.db)).ok).toBe(true);
      expect((await verifyAudit(h.store.db)).ok).toBe(true);
    });

    it('refuses cases that are not payable and cases of a beneficiary without a bank account', async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer');
      const finance = await h.signIn('finance');
      await fundedLine(h, 'P2-2025', 1000000);
      const batchesBefore = (await h.store.db.selectFrom('payout_batches').select('id').execute()).length;
      const approvedOnly = await approvedCase(h, reviewer, 'P2-2025');
      const noBank = await approvedCase(h, reviewer, 'P2-2025', { bank: null });
      const notice = await publishNotice(h.store.db, testPack(), reviewer.actor, { applicationIds: [noBank.id], today: '2025-07-04' });
      await closeNotice(h.store.db, testPack(), reviewer.actor, notice.id, '2025-07-14');
      const notPayable = await finance.inject({ method: 'POST', url: '/api/v1/payouts', payload: { application_ids: [approvedOnly.id] }, headers: { 'idempotency-key': 'p2-key-0001' } });
      expect(notPayable.statusCode).toBe(409);
      expect(notPayable.json().error.message).toContain(approvedOnly.id);
      const withoutBank = await finance.inject({ method: 'POST', url: '/api/v1/payouts', payload: { application_ids: [noBank.id] }, headers: { 'idempotency-key': 'p2-key-0002' } });
      expect(withoutBank.statusCode).toBe(409);
      expect(withoutBank.json().error.message).toContain('bank account');
      expect(await h.store.db.selectFrom('payout_batches').select('id').execute()).toHaveLength(batchesBefore);
      const upload = await finance.inject({ method: 'POST', url: '/api/v1/payouts/PB-none/confirmation', ...withKey(multipartFile(Buffer.from(csv([HEADER])), 'x.csv'), 'p2-key-0003') });
      expect(upload.statusCode).toBe(400);
    });
  });
}

function withKey(request: { payload?: unknown; headers?: Record<string, unknown> }, key: string) {
  return { payload: request.payload as Buffer, headers: { ...(request.headers as Record<string, string>), 'idempotency-key': key } };
}

async function xlsxFile(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('回单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
