// A model test of money through cases (fast-check), where test/store/ledger-model.test.ts stops at the
// ledger: random sequences of funding, approval (the API, one Idempotency-Key per case, so a retry after a
// refusal and a repeat after success both happen), notice, objection upheld (release), notice closing,
// payout batches and bank confirmations (paid, failed, repeated), against a plain model of each case's
// status and the line's balances. After every step: statuses and balances agree with the model, each
// case holds on the line what its status says, the ledger verifies and the audit chain verifies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/services/audit.ts';
import { ServiceError } from '../../src/services/errors.ts';
import { allocate, caseBalance, createBudgetLine, getBudgetLine, verifyLedger } from '../../src/services/ledger.ts';
import { closeNotice, publishNotice } from '../../src/services/notices.ts';
import { fileObjection, resolveObjection } from '../../src/services/objections.ts';
import { applyConfirmation } from '../../src/services/payout-confirmation.ts';
import { buildBatch } from '../../src/services/payouts.ts';
import type { ApplicationStatus } from '../../src/store/tables/index.ts';
import { submittedCases } from './server-process.ts';
import { dialects, testPack, useDeliveryApp } from './support.ts';

const CASES = 3;
// 新认定国家高新技术企业 30万元 → 300000 per case
const GRANT = 300000;
const HEADER = ['序号', '业务编号', '收款人名称', '收款人账号', '金额', '支付状态', '银行流水号'];

type Command =
  | { op: 'allocate'; amount: number }
  | { op: 'approve'; case: number } | { op: 'publish'; case: number } | { op: 'object'; case: number }
  | { op: 'close'; case: number } | { op: 'batch'; case: number }
  | { op: 'confirm'; case: number; paid: boolean }
  /** The case's next step on the way to paid (so that sequences get there), whatever it is now. */
  | { op: 'advance'; case: number; paid: boolean; dice: number };

const kase = fc.integer({ min: 0, max: CASES - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant('allocate' as const), amount: fc.integer({ min: 1, max: 6 }).map((n) => n * 150000) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('approve' as const), case: kase }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constantFrom('publish' as const, 'close' as const, 'batch' as const), case: kase }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('object' as const), case: kase }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('confirm' as const), case: kase, paid: fc.boolean() }) },
  { weight: 12, arbitrary: fc.record({ op: fc.constant('advance' as const), case: kase, paid: fc.boolean(), dice: fc.nat(3) }) },
);

interface ModelCase {
  id: string;
  status: ApplicationStatus;
  approvedByKey: boolean;
  notice?: string;
  /** The case's latest batch and its item's state. */
  batch?: { id: string; item: 'pending' | 'paid' | 'failed' };
}

function next(m: ModelCase, drawn: { case: number; paid: boolean; dice: number }): Exclude<Command, { op: 'advance' }> {
  if (m.status === 'approved') return { op: 'publish', case: drawn.case };
  // One in four notices meets an objection that is upheld.
  if (m.status === 'in-notice') return drawn.dice === 0 ? { op: 'object', case: drawn.case } : { op: 'close', case: drawn.case };
  if (m.status === 'payable') return m.batch?.item === 'pending' ? { op: 'confirm', case: drawn.case, paid: drawn.paid } : { op: 'batch', case: drawn.case };
  return { op: 'approve', case: drawn.case };
}

/** What a step answered: ok, or the refusal's HTTP status / service code. */
type Answer = 'ok' | string;

const refusal = (error: unknown): string => {
  if (error instanceof ServiceError) return error.code;
  throw error;
};

for (const dialect of dialects) {
  describe(`money through cases, model test on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it('every invariant holds after every step of random case sequences', async () => {
      const h = harness();
      const db = h.store.db;
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      const finance = await h.signIn('finance');
      const seen = new Map<string, number>();
      let runs = 0;
      let steps = 0;

      await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 50, size: 'max' }), async (commands) => {
        const run = ++runs;
        // A new empty line of hte-new per sequence; approval takes the provision's line first by id, so ids descend.
        const line = `MODEL-${String(9999 - run).padStart(4, '0')}`;
        await createBudgetLine(db, { id: line, year: 2025, label: `模型测试 ${line}`, provision: 'hte-new', actor: 'test' });
        const balances = { allocated: 0, available: 0, reserved: 0, disbursed: 0 };
        const cases: ModelCase[] = (await submittedCases(db, CASES)).map((c) => ({ id: c.id, status: 'submitted', approvedByKey: false }));

        for (const [i, drawn] of commands.entries()) {
          const c = drawn.op === 'advance' ? next(cases[drawn.case]!, drawn) : drawn;
          let expected: Answer;
          let actual: Answer;
          const m = c.op === 'allocate' ? undefined : cases[c.case]!;
          if (c.op === 'allocate') {
            expected = 'ok';
            await allocate(db, { key: `model-${run}-${i}`, actor: 'test', line, amount: c.amount });
            actual = 'ok';
            balances.allocated += c.amount;
            balances.available += c.amount;
          } else if (c.op === 'approve') {
            // One key per case: a repeat after success is answered from the store; a retry after a refusal is new.
            const response = await reviewer.inject({ method: 'POST', url: `/api/v1/applications/${m!.id}/approve`, headers: { 'idempotency-key': `model-approve-${m!.id}` }, payload: { granted_yuan: GRANT } });
            actual = response.statusCode === 200 ? 'ok' : String(response.statusCode);
            if (m!.approvedByKey) expected = 'ok';
            else if (m!.status === 'submitted' && balances.available >= GRANT) {
              expected = 'ok';
              m!.status = 'approved';
              m!.approvedByKey = true;
              balances.available -= GRANT;
              balances.reserved += GRANT;
            } else expected = '409';
          } else if (c.op === 'publish') {
            expected = m!.status === 'approved' ? 'ok' : 'invalid';
            actual = await publishNotice(db, testPack(), reviewer.actor, { applicationIds: [m!.id], today: '2025-07-04' })
              .then((notice) => { m!.notice = notice.id; return 'ok'; }, refusal);
            if (expected === 'ok') m!.status = 'in-notice';
          } else if (c.op === 'object') {
            if (!m!.notice) continue;
            expected = m!.status === 'in-notice' ? 'ok' : 'conflict';
            actual = await fileObjection(db, null, m!.notice, { application_id: m!.id, objector: '公众', text: '材料不实' }, '2025-07-07')
              .then((o) => resolveObjection(db, reviewer.actor, o.id, { decision: 'upheld', resolution: '核实材料不实' })).then(() => 'ok', refusal);
            if (expected === 'ok') {
              m!.status = 'rejected';
              balances.available += GRANT;
              balances.reserved -= GRANT;
            }
          } else if (c.op === 'close') {
            if (!m!.notice) continue;
            expected = 'ok';
            const closed = await closeNotice(db, testPack(), reviewer.actor, m!.notice, '2025-08-30');
            actual = 'ok';
            expect(closed.payable, `step ${i}`).toEqual(m!.status === 'in-notice' ? [m!.id] : []);
            if (m!.status === 'in-notice') m!.status = 'payable';
          } else if (c.op === 'batch') {
            const free = m!.status === 'payable' && m!.batch?.item !== 'pending';
            expected = free ? 'ok' : 'conflict';
            actual = await buildBatch(db, finance.actor, `model-batch-${run}-${i}`, [m!.id])
              .then((built) => { m!.batch = { id: built.batch.id, item: 'pending' }; return 'ok'; }, refusal);
          } else {
            const batch = m!.batch;
            if (!batch) continue;
            const row = (await db.selectFrom('payout_items').select('amount_yuan').where('batch_id', '=', batch.id).executeTakeFirstOrThrow());
            const bank = await db.selectFrom('beneficiaries').innerJoin('applications', 'applications.credit_code', 'beneficiaries.credit_code')
              .select(['beneficiaries.name', 'beneficiaries.bank_account']).where('applications.id', '=', m!.id).executeTakeFirstOrThrow();
            const csv = [HEADER, [1, m!.id, bank.name, bank.bank_account!, row.amount_yuan, c.paid ? '成功' : '失败', `BK-${run}-${i}`]].map((r) => r.join(',')).join('\r\n');
            // Confirming again what was confirmed changes nothing; contradicting it is refused.
            expected = batch.item === 'pending' || (batch.item === 'paid') === c.paid ? 'ok' : 'invalid';
            actual = await applyConfirmation(db, finance.actor, batch.id, Buffer.from(csv)).then((result) => {
              expect(result.paid, `step ${i}`).toEqual(batch.item === 'pending' && c.paid ? [m!.id] : []);
              expect(result.failed, `step ${i}`).toEqual(batch.item === 'pending' && !c.paid ? [m!.id] : []);
              return 'ok';
            }, refusal);
            if (expected === 'ok' && batch.item === 'pending') {
              batch.item = c.paid ? 'paid' : 'failed';
              if (c.paid) {
                m!.status = 'paid';
                balances.reserved -= GRANT;
                balances.disbursed += GRANT;
              }
            }
          }
          const label = `run ${run} step ${i} ${JSON.stringify(c)}`;
          expect(actual, label).toBe(expected);
          steps++;
          const kind = `${c.op}${c.op === 'confirm' ? (c.paid ? ' paid' : ' failed') : ''}: ${actual}`;
          seen.set(kind, (seen.get(kind) ?? 0) + 1);

          // Every invariant, after every step.
          expect(await getBudgetLine(db, line), label).toMatchObject(balances);
          const rows = await db.selectFrom('applications').select(['id', 'status']).where('id', 'in', cases.map((x) => x.id)).execute();
          expect(Object.fromEntries(rows.map((r) => [r.id, r.status])), label).toEqual(Object.fromEntries(cases.map((x) => [x.id, x.status])));
          for (const x of cases) {
            const held = ['approved', 'in-notice', 'payable'].includes(x.status) ? GRANT : 0;
            expect(await caseBalance(db, line, x.id), `${label}: ${x.id} ${x.status}`).toEqual({ reserved: held, disbursed: x.status === 'paid' ? GRANT : 0 });
          }
          const ledger = await verifyLedger(db);
          expect(ledger.problems, label).toEqual([]);
          expect((await verifyAudit(db)).problems, label).toEqual([]);
        }
      }), { numRuns: 25 });

      console.log(`[${dialect.name}] case model test: ${runs} sequences, ${steps} steps, every invariant after every step; ${[...seen].sort().map(([k, n]) => `${k} ×${n}`).join(', ')}`);
      // The paths that matter were taken: approvals granted, refused for want of budget and repeated; releases; payments, failures.
      for (const kind of ['approve: ok', 'approve: 409', 'object: ok', 'close: ok', 'batch: ok', 'confirm paid: ok', 'confirm failed: ok']) {
        expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(0);
      }
    }, 300_000);
  });
}
