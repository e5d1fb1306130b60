// No lost write: the real server in a child process takes a stream of money-moving requests — approvals
// (reserve), allocations (fund a line) and bank confirmations of payout batches (disburse) — and is killed
// with SIGKILL in the middle of it. Restarted on the same database: every acknowledged operation is there
// as acknowledged, the ledger and the audit chain verify, no idempotency claim is left half-done, and
// retrying every unacknowledged request under its key completes each exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/services/audit.ts';
import { getBudgetLine, listMovements, verifyLedger } from '../../src/services/ledger.ts';
import { buildBatch } from '../../src/services/payouts.ts';
import { accountToActor } from '../../src/services/sessions.ts';
import {
  hteLine, killAllServers, payableCases, seedPeople, serverStore, signInOverHttp, startServer, submittedCases,
  type HttpAnswer, type HttpSession, type People, type ServerStore,
} from './server-process.ts';
import { dialects } from './support.ts';

const GRANT = 300000;
const APPROVALS = 120;
const ALLOCATIONS = 60;
/** Batches of two payable cases each, confirmed paid in the stream. */
const BATCHES = 20;
const IN_FLIGHT = 12;
/** Acknowledgements before the kill: about a third of the stream. */
const KILL_AFTER = 70;
const HEADER = ['序号', '业务编号', '收款人名称', '收款人账号', '金额', '支付状态', '银行流水号'];

type Op =
  | { kind: 'approve'; key: string; caseId: string }
  | { kind: 'allocate'; key: string; amount: number }
  | { kind: 'confirm'; key: string; batch: string; csv: string; cases: string[] };

interface Sent { op: Op; answer?: HttpAnswer; error?: string }

function send(op: Op, reviewer: HttpSession, finance: HttpSession, allocLine: string): Promise<HttpAnswer> {
  if (op.kind === 'approve') return reviewer.request('POST', `/api/v1/applications/${op.caseId}/approve`, { json: { granted_yuan: GRANT }, key: op.key });
  if (op.kind === 'allocate') return finance.request('POST', `/api/v1/budget/lines/${allocLine}/allocate`, { json: { amount_yuan: op.amount }, key: op.key });
  const form = new FormData();
  form.append('file', new Blob([op.csv], { type: 'text/csv' }), '回单.csv');
  return finance.request('POST', `/api/v1/payouts/${op.batch}/confirmation`, { form, key: op.key });
}

for (const dialect of dialects) {
  describe(`no lost write when the server is killed mid-stream on ${dialect.name}`, () => {
    let store: ServerStore | undefined;
    let people: People;
    let approveLine: string;
    let allocLine: string;
    let payLine: string;
    const ops: Op[] = [];
    afterAll(async () => {
      await killAllServers();
      await store?.drop();
    });
    beforeAll(async () => {
      store = await serverStore(dialect);
      const db = store.db;
      people = await seedPeople(db);
      // Funds every approval (120 × 300 000 = 36 000 000): a refusal is not what this test is about.
      approveLine = await hteLine(db, APPROVALS * GRANT);
      allocLine = await hteLine(db, 0, { ownLine: false });
      payLine = await hteLine(db, 2 * BATCHES * GRANT, { ownLine: false });
      const cases = await submittedCases(db, APPROVALS);
      const payable = await payableCases(db, people.reviewer, payLine, 2 * BATCHES);
      const finance = accountToActor(people.finance);
      const approvals: Op[] = cases.map((c, i) => ({ kind: 'approve', key: `crash-approve-${i}`, caseId: c.id }));
      // 1000 + 2000 + … + 60 000 = 1 830 000
      const allocations: Op[] = Array.from({ length: ALLOCATIONS }, (_, i) => ({ kind: 'allocate', key: `crash-allocate-${i}`, amount: (i + 1) * 1000 }));
      const confirmations: Op[] = [];
      for (let j = 0; j < BATCHES; j++) {
        const { batch } = await buildBatch(db, finance, `crash-batch-${j}`, [payable[2 * j]!.id, payable[2 * j + 1]!.id]);
        const rows = [HEADER, ...batch.items.map((item, i) => [i + 1, item.application_id, item.beneficiary_name, item.bank_account, item.amount_yuan, '成功', `BK-${j}-${i}`])];
        confirmations.push({ kind: 'confirm', key: `crash-confirm-${j}`, batch: batch.id, csv: rows.map((r) => r.join(',')).join('\r\n') + '\r\n', cases: batch.items.map((i) => i.application_id) });
      }
      // Interleaved: 6 approvals, 3 allocations, 1 confirmation, again and again.
      while (approvals.length + allocations.length + confirmations.length > 0) {
        ops.push(...approvals.splice(0, 6), ...allocations.splice(0, 3), ...confirmations.splice(0, 1));
      }
    }, 120_000);

    it('every acknowledged operation survives a SIGKILL; retries under the same keys complete the rest exactly once', async () => {
      const db = store!.db;
      let server = await startServer(store!.env);
      const reviewer = await signInOverHttp(server.url, people.reviewer);
      const finance = await signInOverHttp(server.url, people.finance, people.financeTotp);

      // The stream: IN_FLIGHT requests at a time; at the KILL_AFTER-th acknowledgement, SIGKILL, and nothing more is sent.
      const sent: Sent[] = [];
      let acked = 0;
      let killed: Promise<void> | undefined;
      let next = 0;
      const started = performance.now();
      const worker = async () => {
        while (!killed && next < ops.length) {
          const record: Sent = { op: ops[next++]! };
          sent.push(record);
          try {
            record.answer = await send(record.op, reviewer, finance, allocLine);
            if (record.answer.status < 300 && ++acked === KILL_AFTER) killed = server.kill();
          } catch (error) {
            record.error = String((error as Error).cause ?? error);
          }
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      await killed;
      const streamMs = performance.now() - started;

      const ack = sent.filter((s) => s.answer && s.answer.status < 300);
      const refusedAnswers = sent.filter((s) => s.answer && s.answer.status >= 300);
      expect(refusedAnswers.map((s) => s.answer), 'no request was refused before the kill').toEqual([]);
      const lost = sent.filter((s) => s.error);
      expect(killed, 'the stream reached the kill').toBeDefined();
      expect(ack.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(ack.length, 'the kill came mid-stream').toBeLessThan(ops.length);
      expect(lost.length, 'requests were in flight when the server died').toBeGreaterThan(0);
      const ackedKeys = new Set(ack.map((s) => s.op.key));

      server = await startServer(store!.env);
      reviewer.base = server.url;
      finance.base = server.url;

      // Every acknowledged operation is there, as acknowledged.
      const movements = await listMovements(db, { limit: 10_000 });
      const byKey = new Map(movements.map((m) => [m.key, m]));
      for (const { op, answer } of ack) {
        if (op.kind === 'approve') {
          const row = await db.selectFrom('applications').select(['status', 'granted_yuan', 'budget_line', 'version']).where('id', '=', op.caseId).executeTakeFirstOrThrow();
          expect(row, op.key).toEqual({ status: 'approved', granted_yuan: GRANT, budget_line: approveLine, version: answer!.body.application.version });
          expect(byKey.get(`approve:${op.caseId}`), op.key).toMatchObject({ operation: 'reserve', amount: GRANT, caseId: op.caseId });
        } else if (op.kind === 'allocate') {
          expect(byKey.get(`allocate:${people.finance.id}:${op.key}`), op.key).toMatchObject({ id: answer!.body.movement.id, operation: 'allocate', amount: op.amount, line: allocLine });
        } else {
          expect(answer!.body.paid, op.key).toEqual([...op.cases].sort());
          for (const id of op.cases) {
            expect((await db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status, id).toBe('paid');
            expect(byKey.get(`pay:${id}`), op.key).toMatchObject({ operation: 'disburse', amount: GRANT });
          }
        }
      }
      // What committed is whole: a case is approved iff it holds its reservation, paid iff disbursed; no claim was left half-done.
      const consistent = async () => {
        const rows = await db.selectFrom('applications').select(['id', 'status']).execute();
        const moved = new Map((await listMovements(db, { limit: 10_000 })).map((m) => [m.key, m]));
        for (const row of rows) {
          expect(moved.has(`approve:${row.id}`), `${row.id} ${row.status}`).toBe(row.status !== 'submitted');
          expect(moved.has(`pay:${row.id}`), `${row.id} ${row.status}`).toBe(row.status === 'paid');
        }
        expect(await db.selectFrom('idempotent_requests').select('key').where('status_code', '=', 0).execute()).toEqual([]);
        const ledger = await verifyLedger(db);
        expect(ledger.problems).toEqual([]);
        const audit = await verifyAudit(db);
        expect(audit.problems).toEqual([]);
        return { ledger, audit };
      };
      await consistent();
      const committedUnacked = sent.filter((s) => s.error && (
        s.op.kind === 'approve' ? byKey.has(`approve:${s.op.caseId}`)
          : s.op.kind === 'allocate' ? byKey.has(`allocate:${people.finance.id}:${s.op.key}`) : byKey.has(`pay:${s.op.cases[0]}`))).length;

      // Retry everything not acknowledged (lost in flight or never sent), under the same keys; and repeat the acknowledged.
      const retried = await Promise.all(ops.filter((op) => !ackedKeys.has(op.key)).map((op) => send(op, reviewer, finance, allocLine)));
      expect(retried.filter((r) => r.status >= 300).map((r) => r.body)).toEqual([]);
      const repeated = await Promise.all(ack.map((s) => send(s.op, reviewer, finance, allocLine)));
      repeated.forEach((r, i) => expect(r.body, ack[i]!.op.key).toEqual(ack[i]!.answer!.body));

      // Exactly once: every case approved or paid once, every allocation once.
      const { ledger, audit } = await consistent();
      const final = await listMovements(db, { limit: 10_000 });
      const count = (line: string, operation: string) => final.filter((m) => m.line === line && m.operation === operation).length;
      expect([count(approveLine, 'reserve'), count(allocLine, 'allocate'), count(payLine, 'disburse')]).toEqual([APPROVALS, ALLOCATIONS, 2 * BATCHES]);
      expect(await getBudgetLine(db, approveLine)).toMatchObject({ allocated: APPROVALS * GRANT, available: 0, reserved: APPROVALS * GRANT, disbursed: 0 });
      expect(await getBudgetLine(db, allocLine)).toMatchObject({ allocated: 1_830_000, available: 1_830_000, reserved: 0, disbursed: 0 });
      expect(await getBudgetLine(db, payLine)).toMatchObject({ allocated: 2 * BATCHES * GRANT, available: 0, reserved: 0, disbursed: 2 * BATCHES * GRANT });
      const approvedRecords = await db.selectFrom('audit_log').select('subject').where('action', '=', 'application.approved').execute();
      // 120 approved through the API + 40 approved directly for the payable cases
      expect(approvedRecords).toHaveLength(APPROVALS + 2 * BATCHES);
      expect(new Set(approvedRecords.map((r) => r.subject)).size).toBe(APPROVALS + 2 * BATCHES);

      console.log(`[${dialect.name}] SIGKILL mid-stream: ${ops.length} operations, ${sent.length} sent, ${ack.length} acknowledged, ${lost.length} cut off `
        + `(${committedUnacked} of them committed), ${ops.length - sent.length} never sent, killed after ${streamMs.toFixed(0)} ms; after restart all acknowledged present, `
        + `${retried.length} retried → 2xx, exactly once; ledger ${ledger.debits}=${ledger.credits} yuan, ${ledger.movements} movements; audit ${audit.records} records ok`);
      await server.stop();
    }, 120_000);
  });
}
