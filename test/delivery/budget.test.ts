// Budget lines: seeded from the pack's budgets, created and funded by finance (idempotently), read by the
// auditor and the policy office; reservations of cases read from the ledger.
import { describe, expect, it } from 'vitest';
import { seedBudgetLinesFromPack } from '../../src/services/budget.ts';
import { getBudgetLine, listMovements, verifyLedger } from '../../src/services/ledger.ts';
import { approvedCase, fundedLine } from './fixtures/money-cases.ts';
import { dialects, testPack, useDeliveryApp } from './support.ts';

for (const dialect of dialects) {
  describe(`budget lines on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it('seeds one line per domain / article budget with the stated amounts, and a repeat moves nothing', async () => {
      const { store } = harness();
      const seeded = await seedBudgetLinesFromPack(store.db, testPack());
      expect(seeded.map((l) => l.id)).toEqual(['D01-2025', 'D02-2025', 'D03-2025', 'D04-2025', 'D05-2025', 'D06-2025', 'D07-2025']);
      const byId = Object.fromEntries(seeded.map((l) => [l.id, l]));
      // 领域一 全年预算安排18.2亿元 → 1 820 000 000
      expect(byId['D01-2025']).toMatchObject({ allocated_yuan: 1820000000, available_yuan: 1820000000, pack_budget: 'D01', label: '领域一全年预算安排' });
      // （三十一）年度预算不少于55亿元: the minimum is what is certain → 5 500 000 000
      expect(byId['D05-2025']?.allocated_yuan).toBe(5500000000);
      // （三十六）山海协作援建资金不少于500万元 → 5 000 000; （三十七）联乡结村帮扶资金120万元 → 1 200 000
      expect(byId['D06-2025']?.allocated_yuan).toBe(5000000);
      expect(byId['D07-2025']?.allocated_yuan).toBe(1200000);
      // 区财政专项资金: no amount in the text → an empty line
      expect(byId['D02-2025']?.allocated_yuan).toBe(0);
      // D08 (民生比重 三分之二以上, a share) and D09 (110.4亿元, the document total net of overlaps) are not lines.
      expect(await getBudgetLine(store.db, 'D08-2025')).toBeUndefined();
      expect(await getBudgetLine(store.db, 'D09-2025')).toBeUndefined();

      const movements = (await listMovements(store.db)).length;
      const again = await seedBudgetLinesFromPack(store.db, testPack());
      expect(again).toEqual(seeded);
      expect(await listMovements(store.db)).toHaveLength(movements);
      // D01, D05, D06, D07 have amounts: four allocations.
      expect(movements).toBe(4);
    });

    it('lists lines to finance, the auditor and the policy office only', async () => {
      const h = harness();
      for (const role of ['finance', 'auditor', 'policy'] as const) {
        const response = await (await h.signIn(role)).inject({ method: 'GET', url: '/api/v1/budget/lines?year=2025' });
        expect(response.statusCode).toBe(200);
        expect(response.json().lines.find((l: { id: string }) => l.id === 'D01-2025')).toMatchObject({ allocated_yuan: 1820000000, year: 2025 });
      }
      expect((await (await h.signIn('reviewer')).inject({ method: 'GET', url: '/api/v1/budget/lines' })).statusCode).toBe(403);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/budget/lines' })).statusCode).toBe(401);
    });

    it('creates a line for a provision; a duplicate is 409, an unknown provision 400, another role 403', async () => {
      const h = harness();
      const finance = await h.signIn('finance');
      const body = { id: 'M02-2025', year: 2025, label: '新认定国家高新技术企业奖励 2025', provision: 'hte-new' };
      const created = await finance.inject({ method: 'POST', url: '/api/v1/budget/lines', payload: body });
      expect(created.statusCode).toBe(201);
      expect(created.json().line).toEqual({ id: 'M02-2025', year: 2025, label: body.label, pack_budget: null, provision: 'hte-new', allocated_yuan: 0, available_yuan: 0, reserved_yuan: 0, disbursed_yuan: 0 });
      expect((await finance.inject({ method: 'POST', url: '/api/v1/budget/lines', payload: body })).statusCode).toBe(409);
      const unknown = await finance.inject({ method: 'POST', url: '/api/v1/budget/lines', payload: { ...body, id: 'X-2025', provision: 'no-such-provision' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.message).toContain('no-such-provision');
      expect((await (await h.signIn('policy')).inject({ method: 'POST', url: '/api/v1/budget/lines', payload: { ...body, id: 'Y-2025' } })).statusCode).toBe(403);
      expect(await getBudgetLine(h.store.db, 'X-2025')).toBeUndefined();
    });

    it('allocates once per Idempotency-Key: a replay returns the first answer and moves nothing', async () => {
      const h = harness();
      const finance = await h.signIn('finance');
      await finance.inject({ method: 'POST', url: '/api/v1/budget/lines', payload: { id: 'ALLOC-2025', year: 2025, label: '追加指标' } });
      const request = { method: 'POST' as const, url: '/api/v1/budget/lines/ALLOC-2025/allocate', payload: { amount_yuan: 500000 }, headers: { 'idempotency-key': 'alloc-key-0001' } };
      const first = await finance.inject(request);
      expect(first.statusCode).toBe(200);
      expect(first.json().line.available_yuan).toBe(500000);
      const replays = await Promise.all(Array.from({ length: 10 }, () => finance.inject(request)));
      for (const r of replays) expect(r.json()).toEqual(first.json());
      expect(await listMovements(h.store.db, { line: 'ALLOC-2025' })).toHaveLength(1);
      expect((await getBudgetLine(h.store.db, 'ALLOC-2025'))?.allocated).toBe(500000);

      const otherAmount = await finance.inject({ ...request, payload: { amount_yuan: 1 } });
      expect(otherAmount.statusCode).toBe(409);
      const noKey = await finance.inject({ method: 'POST', url: '/api/v1/budget/lines/ALLOC-2025/allocate', payload: { amount_yuan: 1 } });
      expect(noKey.statusCode).toBe(400);
      const second = await finance.inject({ ...request, headers: { 'idempotency-key': 'alloc-key-0002' }, payload: { amount_yuan: 250000 } });
      // 500 000 + 250 000 = 750 000
      expect(second.json().line.allocated_yuan).toBe(750000);
      expect((await finance.inject({ ...request, url: '/api/v1/budget/lines/NOPE/allocate', headers: { 'idempotency-key': 'alloc-key-0003' } })).statusCode).toBe(404);
      const movements = await (await h.signIn('auditor')).inject({ method: 'GET', url: '/api/v1/budget/lines/ALLOC-2025/movements' });
      expect(movements.json().movements.map((m: { amount_yuan: number }) => m.amount_yuan)).toEqual([500000, 250000]);
      expect((await (await h.signIn('policy')).inject({ method: 'GET', url: '/api/v1/budget/lines/ALLOC-2025/movements' })).statusCode).toBe(403);
    });

    it('shows what each case holds on its line', async () => {
      const h = harness();
      const reviewer = await h.signIn('reviewer');
      await fundedLine(h, 'RES-2025', 1000000);
      const a = await approvedCase(h, reviewer, 'RES-2025');
      const b = await approvedCase(h, reviewer, 'RES-2025', { amount: 100000 });
      const response = await (await h.signIn('auditor')).inject({ method: 'GET', url: '/api/v1/budget/reservations?line=RES-2025' });
      expect(response.statusCode).toBe(200);
      const reservations = response.json().reservations as { application_id: string; reserved_yuan: number; beneficiary_name: string; status: string }[];
      expect(reservations).toHaveLength(2);
      expect(reservations.find((r) => r.application_id === a.id)).toMatchObject({ reserved_yuan: 300000, beneficiary_name: a.name, status: 'approved' });
      expect(reservations.find((r) => r.application_id === b.id)?.reserved_yuan).toBe(100000);
      // 1 000 000 − 300 000 − 100 000 = 600 000
      const line = (await (await h.signIn('finance')).inject({ method: 'GET', url: '/api/v1/budget/lines' })).json().lines.find((l: { id: string }) => l.id === 'RES-2025');
      expect(line).toMatchObject({ available_yuan: 600000, reserved_yuan: 400000 });
      expect((await verifyLedger(h.store.db)).ok).toBe(true);
    });
  });
}
