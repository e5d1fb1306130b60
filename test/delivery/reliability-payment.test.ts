// No double payment, against the real server in a child process: the bank confirmation that pays a case,
// replayed 100 times at once under one Idempotency-Key → one disbursement; the server killed and
// restarted, the same request again → the same answer, nothing moved; the same case confirmed under other
// keys (one at a time, and 50 at once) → never a second payment: one event pays once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/services/audit.ts';
import { getBudgetLine, listMovements, verifyLedger } from '../../src/services/ledger.ts';
import { hteLine, killAllServers, payableCases, seedPeople, serverStore, signInOverHttp, startServer, type HttpSession, type People, type ServerStore } from './server-process.ts';
import { dialects } from './support.ts';

const GRANT = 300000;
const HEADER = ['序号', '业务编号', '收款人名称', '收款人账号', '金额', '支付状态', '银行流水号'];

interface Item { application_id: string; beneficiary_name: string; bank_account: string; amount_yuan: number }

/** The bank's confirmation (UTF-8 CSV): the items of the batch (or only one of them) paid (成功); 序号 is the item's place. */
function confirmation(items: Item[], reference: string, only?: string): FormData {
  const lines = items.map((item, i) => [i + 1, item.application_id, item.beneficiary_name, item.bank_account, item.amount_yuan, '成功', `${reference}-${i + 1}`]);
  const rows = [HEADER, ...lines.filter((l) => only === undefined || l[1] === only)];
  const form = new FormData();
  form.append('file', new Blob([rows.map((r) => r.join(',')).join('\r\n') + '\r\n'], { type: 'text/csv' }), '回单.csv');
  return form;
}

for (const dialect of dialects) {
  describe(`no double payment through a real server on ${dialect.name}`, () => {
    let store: ServerStore | undefined;
    let people: People;
    let line: string;
    afterAll(async () => {
      await killAllServers();
      await store?.drop();
    });
    beforeAll(async () => {
      store = await serverStore(dialect);
      people = await seedPeople(store.db);
      // Three cases of 300 000: 900 000 funded, all reserved.
      line = await hteLine(store.db, 3 * GRANT);
    }, 60_000);

    it('one confirmation replayed 100 times at once, then after a restart, then under other keys → one payment per case', async () => {
      const db = store!.db;
      const cases = await payableCases(db, people.reviewer, line, 3);
      const [a, b, c] = [cases[0]!, cases[1]!, cases[2]!];
      let server = await startServer(store!.env);
      const finance: HttpSession = await signInOverHttp(server.url, people.finance, people.financeTotp);

      const built = await finance.request('POST', '/api/v1/payouts', { json: { application_ids: [a.id, b.id] }, key: 'reliability-batch-0001' });
      expect(built.status, JSON.stringify(built.body)).toBe(201);
      const batch = built.body.batch as { id: string; items: Item[] };
      const pay = () => finance.request('POST', `/api/v1/payouts/${batch.id}/confirmation`, { form: confirmation(batch.items, 'BK'), key: 'reliability-confirm-0001' });

      let started = performance.now();
      const answers = await Promise.all(Array.from({ length: 100 }, pay));
      const concurrentMs = performance.now() - started;
      expect(answers.map((r) => r.status)).toEqual(Array(100).fill(200));
      const first = answers[0]!.body;
      expect(first).toMatchObject({ paid: [a.id, b.id].sort(), failed: [], unchanged: [], batch: { id: batch.id, status: 'settled' } });
      for (const answer of answers) expect(answer.body).toEqual(first);

      const paidOnce = async () => {
        for (const x of [a, b]) {
          expect((await listMovements(db, { caseId: x.id })).map((m) => m.key), x.id).toEqual([`approve:${x.id}`, `pay:${x.id}`]);
          const row = await db.selectFrom('applications').select(['status', 'payer_id']).where('id', '=', x.id).executeTakeFirstOrThrow();
          expect(row).toEqual({ status: 'paid', payer_id: people.finance.id });
          const paidRecords = await db.selectFrom('audit_log').select('seq').where('subject', '=', `application:${x.id}`).where('action', '=', 'application.paid').execute();
          expect(paidRecords, `${x.id} paid records`).toHaveLength(1);
        }
        // 2 × 300 000 paid, c's 300 000 still reserved
        expect(await getBudgetLine(db, line)).toMatchObject({ allocated: 3 * GRANT, available: 0, reserved: GRANT, disbursed: 2 * GRANT });
        expect(await db.selectFrom('audit_log').select('seq').where('subject', '=', `payout-batch:${batch.id}`).where('action', '=', 'payout.confirmation').execute()).toHaveLength(1);
      };
      await paidOnce();
      const movementCount = (await listMovements(db)).length;

      // The server dies without a word and comes back on the same database: the session and the stored answers survive.
      await server.kill();
      server = await startServer(store!.env);
      finance.base = server.url;
      started = performance.now();
      const replay = await pay();
      const replayMs = performance.now() - started;
      expect(replay.status).toBe(200);
      expect(replay.body).toEqual(first);
      expect(await listMovements(db)).toHaveLength(movementCount);

      // The same file under another key: nothing paid again, both lines reported unchanged.
      const otherKey = await finance.request('POST', `/api/v1/payouts/${batch.id}/confirmation`, { form: confirmation(batch.items, 'BK'), key: 'reliability-confirm-0002' });
      expect(otherKey.status).toBe(200);
      expect(otherKey.body).toMatchObject({ paid: [], failed: [], unchanged: [a.id, b.id].sort() });
      // Another confirmation of a (other bank reference) under a third key: still no second payment.
      const otherFile = await finance.request('POST', `/api/v1/payouts/${batch.id}/confirmation`, { form: confirmation(batch.items, 'BK-AGAIN', a.id), key: 'reliability-confirm-0003' });
      expect(otherFile.status, JSON.stringify(otherFile.body)).toBe(200);
      expect(otherFile.body).toMatchObject({ paid: [], unchanged: [a.id] });
      // A paid case cannot join another batch.
      const again = await finance.request('POST', '/api/v1/payouts', { json: { application_ids: [a.id] }, key: 'reliability-batch-0002' });
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain(a.id);
      expect(await listMovements(db)).toHaveLength(movementCount);
      await paidOnce();

      // c in a batch of its own, confirmed 50 times at once, each under its own key: exactly one pays it.
      const cBatch = await finance.request('POST', '/api/v1/payouts', { json: { application_ids: [c.id] }, key: 'reliability-batch-0003' });
      expect(cBatch.status).toBe(201);
      const cItems = cBatch.body.batch.items as Item[];
      const racing = await Promise.all(Array.from({ length: 50 }, (_, i) => finance.request('POST', `/api/v1/payouts/${cBatch.body.batch.id}/confirmation`, {
        form: confirmation(cItems, 'BK-C'), key: `reliability-confirm-c-${String(i).padStart(3, '0')}`,
      })));
      expect(racing.map((r) => r.status)).toEqual(Array(50).fill(200));
      const payers = racing.filter((r) => r.body.paid.length > 0);
      expect(payers).toHaveLength(1);
      expect(payers[0]!.body.paid).toEqual([c.id]);
      expect(racing.filter((r) => r.body.unchanged[0] === c.id)).toHaveLength(49);
      expect((await listMovements(db, { caseId: c.id })).map((m) => m.key)).toEqual([`approve:${c.id}`, `pay:${c.id}`]);
      // 3 × 300 000 = 900 000 disbursed, nothing reserved or available
      expect(await getBudgetLine(db, line)).toMatchObject({ allocated: 3 * GRANT, available: 0, reserved: 0, disbursed: 3 * GRANT });

      const ledger = await verifyLedger(db);
      expect(ledger.problems).toEqual([]);
      const audit = await verifyAudit(db);
      expect(audit.problems).toEqual([]);
      console.log(`[${dialect.name}] double payment: 100 × same key → ${answers.filter((r) => r.body.paid.length === 2).length} identical answers, 1 payment per case, ${concurrentMs.toFixed(0)} ms; `
        + `after SIGKILL + restart: same answer in ${replayMs.toFixed(0)} ms, 0 movements; 50 keys at once for one case → 1 payment; ledger ${ledger.debits}=${ledger.credits} yuan, audit ${audit.records} records ok`);
      await server.stop();
    }, 120_000);
  });
}
