// No overspend through the API: 200 submitted cases, a budget line that fits exactly 50 of them, 200
// concurrent approvals → exactly 50 approved, 150 refused with 409 saying the budget is insufficient;
// the ledger balances, the line is spent to 0, and the audit chain verifies.
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/services/audit.ts';
import { caseBalance, getBudgetLine, listMovements, verifyLedger } from '../../src/services/ledger.ts';
import { hteLine, submittedCases } from './server-process.ts';
import { dialects, useDeliveryApp } from './support.ts';

const CASES = 200;
const FITS = 50;
// 新认定国家高新技术企业给予30万元奖励 → 300000 per case; 50 × 300000 = 15 000 000
const GRANT = 300000;

for (const dialect of dialects) {
  describe(`no overspend through the API on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it(`${CASES} concurrent approvals against a line that fits ${FITS} → exactly ${FITS} approved`, async () => {
      const h = harness();
      const line = await hteLine(h.store.db, FITS * GRANT);
      const cases = await submittedCases(h.store.db, CASES);
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      const auditBefore = (await verifyAudit(h.store.db)).records;

      const started = performance.now();
      const answers = await Promise.all(cases.map((c, i) => reviewer.inject({
        method: 'POST', url: `/api/v1/applications/${c.id}/approve`, headers: { 'idempotency-key': `overspend-approve-${i}` }, payload: { granted_yuan: GRANT },
      })));
      const ms = performance.now() - started;

      const approved = cases.filter((_, i) => answers[i]!.statusCode === 200);
      const refused = answers.filter((a) => a.statusCode === 409);
      console.log(`[${dialect.name}] API overspend: ${CASES} concurrent approvals, line fits ${FITS}: ${approved.length} × 200, ${refused.length} × 409, `
        + `other ${CASES - approved.length - refused.length}, ${ms.toFixed(0)} ms`);
      expect(approved).toHaveLength(FITS);
      expect(refused).toHaveLength(CASES - FITS);
      for (const r of refused) {
        expect(r.json().error.message).toMatch(new RegExp(`^insufficient budget on line ${line}: ${GRANT} yuan requested, 0 yuan available$`));
      }

      // The line: 15 000 000 allocated, all of it reserved, nothing left.
      expect(await getBudgetLine(h.store.db, line)).toMatchObject({ allocated: FITS * GRANT, available: 0, reserved: FITS * GRANT, disbursed: 0 });
      const ledger = await verifyLedger(h.store.db);
      expect(ledger.problems).toEqual([]);
      expect(ledger.debits).toBe(ledger.credits);
      // One funding movement and one reservation per approved case, none for a refused one.
      const movements = await listMovements(h.store.db, { line });
      expect(movements.map((m) => m.operation).sort()).toEqual(['allocate', ...Array(FITS).fill('reserve')]);
      expect(new Set(movements.filter((m) => m.operation === 'reserve').map((m) => m.caseId))).toEqual(new Set(approved.map((c) => c.id)));

      const rows = await h.store.db.selectFrom('applications').select(['id', 'status', 'granted_yuan', 'budget_line'])
        .where('id', 'in', cases.map((c) => c.id)).execute();
      const approvedIds = new Set(approved.map((c) => c.id));
      for (const row of rows) {
        expect(row, row.id).toEqual(approvedIds.has(row.id)
          ? { id: row.id, status: 'approved', granted_yuan: GRANT, budget_line: line }
          : { id: row.id, status: 'submitted', granted_yuan: null, budget_line: null });
      }
      const refusedCase = cases.find((c) => !approvedIds.has(c.id))!;
      expect(await caseBalance(h.store.db, line, refusedCase.id)).toEqual({ reserved: 0, disbursed: 0 });
      // A refusal leaves no approval decision and no stored idempotent answer: it may be retried once money arrives.
      expect(await h.store.db.selectFrom('application_decisions').select('id').where('application_id', '=', refusedCase.id).execute()).toEqual([]);

      const audit = await verifyAudit(h.store.db);
      expect(audit.problems).toEqual([]);
      // Each approval wrote two records (ledger.reserve, application.approved); refusals wrote none.
      expect(audit.records - auditBefore).toBe(2 * FITS);
    }, 120_000);
  });
}
