// Applications: draft → submit → approve with the engine's decisions kept, return and resubmit, reject,
// withdraw, illegal moves, one event paid once (E01 pairs included), the grant within the engine's amount
// and the annual cap, budget reserved in the same transaction, and who may see and act on which case.
import { describe, expect, it } from 'vitest';
import { caseBalance, getBudgetLine } from '../../src/services/ledger.ts';
import { fundLine, idem, registered } from './fixtures/case-world.ts';
import { dialects, useDeliveryApp, type SignedIn } from './support.ts';

const url = (id: string, action = '') => `/api/v1/applications/${id}${action ? `/${action}` : ''}`;

async function draft(enterprise: SignedIn, body: Record<string, unknown>) {
  const response = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().application as { id: string; version: number; status: string; event_ref: string };
}

async function submitted(enterprise: SignedIn, body: Record<string, unknown>) {
  const created = await draft(enterprise, body);
  const response = await enterprise.inject({ method: 'POST', url: url(created.id, 'submit'), payload: {} });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().application as { id: string; version: number; status: string; engine_status: string };
}

for (const dialect of dialects) {
  describe(`applications on ${dialect.name}`, () => {
    const harness = useDeliveryApp(dialect);

    it('draft → submit → approve: 新认定国家高新技术企业 30万元 granted and reserved on D01-2025, decisions kept at both stages', async () => {
      const h = harness();
      const { code, enterprise } = await registered(h);
      await fundLine(h, 'D01-2025', 1_000_000);
      const reviewer = await h.signIn('reviewer', { department: '科技局' });

      const created = await draft(enterprise, { provision: 'hte-new', year: 2025 });
      // one-off provision → event_ref "once"; （一）新认定的国家高新技术企业给予30万元奖励 → 300000
      expect(created).toMatchObject({ status: 'draft', event_ref: 'once', credit_code: code, department: '科技局', catalogue: 'M02', engine_status: 'eligible', engine_amount_yuan: 300000 });
      // A draft is the applicant's alone.
      expect((await reviewer.inject({ method: 'GET', url: url(created.id) })).statusCode).toBe(404);

      const sub = await enterprise.inject({ method: 'POST', url: url(created.id, 'submit'), payload: { expected_version: created.version } });
      expect(sub.statusCode, sub.body).toBe(200);
      expect(sub.json().application).toMatchObject({ status: 'submitted', engine_status: 'eligible', engine_amount_yuan: 300000, engine_amount_kind: 'exact' });

      const approve = await reviewer.inject({ method: 'POST', url: url(created.id, 'approve'), headers: idem(), payload: { granted_yuan: 300000 } });
      expect(approve.statusCode, approve.body).toBe(200);
      expect(approve.json().application).toMatchObject({ status: 'approved', granted_yuan: 300000, budget_line: 'D01-2025' });
      expect(await caseBalance(h.store.db, 'D01-2025', created.id)).toEqual({ reserved: 300000, disbursed: 0 });
      // 1 000 000 funded − 300 000 reserved = 700 000 available
      expect((await getBudgetLine(h.store.db, 'D01-2025'))?.available).toBe(700000);

      const detail = (await enterprise.inject({ method: 'GET', url: url(created.id) })).json();
      expect(detail.events.map((e: { to_status: string }) => e.to_status)).toEqual(['draft', 'submitted', 'approved']);
      expect(detail.decisions).toHaveLength(2);
      for (const [i, stage] of (['submission', 'approval'] as const).entries()) {
        const d = detail.decisions[i];
        expect(d).toMatchObject({ stage, pack_edition: 'binjiang-2025', profile_version: 1, status: 'eligible', amount_yuan: 300000 });
        expect(d.pack_version).toMatch(/^sha256:[0-9a-f]{16}$/);
        expect(d.parameters_used['hte-new.amount']).toMatchObject({ value: 300000 });
        expect(d.trace.conditions.status).toBe('value');
      }
      const audit = await h.store.db.selectFrom('audit_log').select('action').where('subject', '=', `application:${created.id}`).orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['application.draft', 'application.submitted', 'application.approved']);
    });

    it('return → resubmit, with the reason on the case and in the timeline; reject; withdraw', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      const first = await submitted(enterprise, { provision: 'hte-new', year: 2025 });
      const returned = await reviewer.inject({ method: 'POST', url: url(first.id, 'return'), payload: { reason: '请补充高企证书扫描件' } });
      expect(returned.statusCode, returned.body).toBe(200);
      expect(returned.json().application).toMatchObject({ status: 'returned', reason: '请补充高企证书扫描件' });
      const again = await enterprise.inject({ method: 'POST', url: url(first.id, 'submit'), payload: {} });
      expect(again.json().application.status).toBe('submitted');
      const events = (await enterprise.inject({ method: 'GET', url: url(first.id) })).json().events;
      expect(events.map((e: { to_status: string; note: string | null }) => [e.to_status, e.note?.startsWith('engine') ? 'engine' : e.note]))
        .toEqual([['draft', null], ['submitted', 'engine'], ['returned', '请补充高企证书扫描件'], ['submitted', 'engine']]);

      const rejected = await reviewer.inject({ method: 'POST', url: url(first.id, 'reject'), payload: { reason: '证书不在有效期内' } });
      expect(rejected.json().application).toMatchObject({ status: 'rejected', reason: '证书不在有效期内' });
      // A rejected case frees its event: the enterprise may apply again.
      const second = await draft(enterprise, { provision: 'hte-new', year: 2025 });
      const withdrawn = await enterprise.inject({ method: 'POST', url: url(second.id, 'withdraw'), payload: { reason: '材料有误' } });
      expect(withdrawn.json().application).toMatchObject({ status: 'withdrawn', reason: '材料有误' });
      // A reason is required to return or reject.
      const third = await submitted(enterprise, { provision: 'hte-new', year: 2025 });
      expect((await reviewer.inject({ method: 'POST', url: url(third.id, 'reject'), payload: { reason: ' ' } })).statusCode).toBe(400);
    });

    it('refuses illegal moves with 409 and changes nothing', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      const created = await draft(enterprise, { provision: 'hte-new', year: 2025 });
      await enterprise.inject({ method: 'POST', url: url(created.id, 'withdraw'), payload: {} });
      const before = await h.store.db.selectFrom('applications').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      const events = async () => (await h.store.db.selectFrom('application_events').select('id').where('application_id', '=', created.id).execute()).length;
      const eventsBefore = await events();
      for (const action of ['submit', 'withdraw']) {
        const response = await enterprise.inject({ method: 'POST', url: url(created.id, action), payload: {} });
        expect(response.statusCode, action).toBe(409);
      }
      // withdrawn is closed; a reviewer sees the (non-draft) case but cannot return it
      const ret = await reviewer.inject({ method: 'POST', url: url(created.id, 'return'), payload: { reason: 'x' } });
      expect(ret.statusCode).toBe(409);
      expect(ret.json().error.message).toContain('withdrawn');
      expect(await h.store.db.selectFrom('applications').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()).toEqual(before);
      expect(await events()).toBe(eventsBefore);

      // A stale expected_version is refused too.
      const other = await draft(enterprise, { provision: 'sme-province-new', year: 2025 });
      const stale = await enterprise.inject({ method: 'POST', url: url(other.id, 'submit'), payload: { expected_version: other.version + 1 } });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.message).toContain('changed since you saw it');
    });

    it('one event pays once: the same event twice, and the E01 pair 新认定 / 复审, are 409', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      const first = await draft(enterprise, { provision: 'hte-new', year: 2025 });
      const twice = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'hte-new', year: 2025 } });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.message).toContain(first.id);
      // hte-reexam excludes hte-new (E01): one certificate event, one of the two.
      const pair = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'hte-reexam', year: 2025 } });
      expect(pair.statusCode).toBe(409);
      expect(pair.json().error.message).toContain(first.id);
      // The unique index stands behind the check (a concurrent insert): same event key → refused by the database.
      const row = await h.store.db.selectFrom('applications').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
      await expect(h.store.db.insertInto('applications').values({ ...row, id: 'dup-of-' + row.id, version: 1 }).execute()).rejects.toThrow();
      // per-event provisions need an event_ref
      const perEvent = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'consortium-major-project', year: 2025 } });
      expect(perEvent.statusCode).toBe(400);
      expect(perEvent.json().error.message).toContain('event_ref');
      const unknown = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'no-such', year: 2025 } });
      expect(unknown.statusCode).toBe(400);
    });

    it('submission refuses what the engine says is not eligible, saying why', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      // 新雏鹰企业 (M04) without a 新雏鹰 recognition: conditions not met
      const created = await draft(enterprise, { provision: 'eaglet-city', year: 2025 });
      const response = await enterprise.inject({ method: 'POST', url: url(created.id, 'submit'), payload: {} });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.message).toMatch(/not-eligible.*conditions not met/);
      expect((await h.store.db.selectFrom('application_decisions').select('id').where('application_id', '=', created.id).execute())).toHaveLength(0);
    });

    it('approval: granted above the engine is refused, a reduced exact amount needs a note, no budget → 409 with nothing changed', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      await fundLine(h, 'D01-2025', 1_000_000);
      const app = await submitted(enterprise, { provision: 'hte-new', year: 2025 });
      const over = await reviewer.inject({ method: 'POST', url: url(app.id, 'approve'), headers: idem(), payload: { granted_yuan: 300001 } });
      expect(over.statusCode).toBe(400);
      expect(over.json().error.message).toContain('300000');
      const reduced = await reviewer.inject({ method: 'POST', url: url(app.id, 'approve'), headers: idem(), payload: { granted_yuan: 200000 } });
      expect(reduced.statusCode).toBe(400);
      expect(reduced.json().error.message).toContain('note');

      // 省科技型中小企业 1万元 (M01): finance made an empty line for it → insufficient budget
      const sme = await registered(h, { kind: 'enterprise', recognitions: [{ type: 'sci-tech-sme', level: 'provincial', event: 'new', date: '2025-03-15' }] });
      await fundLine(h, 'M01-2025-test', 1, 'sme-province-new');
      const smeCase = await submitted(sme.enterprise, { provision: 'sme-province-new', year: 2025 });
      const before = await h.store.db.selectFrom('applications').selectAll().where('id', '=', smeCase.id).executeTakeFirstOrThrow();
      const broke = await reviewer.inject({ method: 'POST', url: url(smeCase.id, 'approve'), headers: idem(), payload: { granted_yuan: 10000 } });
      expect(broke.statusCode).toBe(409);
      expect(broke.json().error.message).toContain('insufficient budget on line M01-2025-test');
      expect(await h.store.db.selectFrom('applications').selectAll().where('id', '=', smeCase.id).executeTakeFirstOrThrow()).toEqual(before);
      expect((await h.store.db.selectFrom('application_decisions').select('stage').where('application_id', '=', smeCase.id).execute()).map((d) => d.stage)).toEqual(['submission']);
      expect(await caseBalance(h.store.db, 'M01-2025-test', smeCase.id)).toEqual({ reserved: 0, disbursed: 0 });

      // 市级研发补助配套 (M28): the ratio is left to implementing rules → pending: submitted, never approved until set
      const matching = await registered(h, { kind: 'enterprise', recognitions: [{ type: 'sci-tech-sme', level: 'provincial', event: 'new', date: '2025-03-15' }], grants_received: [{ kind: 'city-rd-grant', year: 2025, amount: 300000 }] });
      const pending = await submitted(matching.enterprise, { provision: 'rd-grant-matching', year: 2025, event_ref: 'city-grant-2025' });
      expect(pending.engine_status).toBe('pending');
      const refused = await reviewer.inject({ method: 'POST', url: url(pending.id, 'approve'), headers: idem(), payload: { granted_yuan: 1000 } });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('rd-grant-matching.ratio');
    });

    it('annual cap of 技术交易券: 30% of each contract, at most 50万元 a year per enterprise', async () => {
      const h = harness();
      // Two registered contracts of 1 000 000: 30% each = 300 000; engine total min(600 000, 500 000) = 500 000.
      const { enterprise } = await registered(h, {
        kind: 'enterprise', contracts: [{ id: 'TC-A', registered_on: '2025-03-01', amount: 1_000_000 }, { id: 'TC-B', registered_on: '2025-07-01', amount: 1_000_000 }],
      });
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      await fundLine(h, 'D01-2025', 2_000_000);
      const a = await submitted(enterprise, { provision: 'tech-contract-voucher', year: 2025, event_ref: 'TC-A' });
      const b = await submitted(enterprise, { provision: 'tech-contract-voucher', year: 2025, event_ref: 'TC-B' });
      const first = await reviewer.inject({ method: 'POST', url: url(a.id, 'approve'), headers: idem(), payload: { granted_yuan: 300000 } });
      expect(first.statusCode, first.body).toBe(200);
      // 300 000 granted + 300 000 asked = 600 000 > 500 000: 200 000 left
      const second = await reviewer.inject({ method: 'POST', url: url(b.id, 'approve'), headers: idem(), payload: { granted_yuan: 300000 } });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.message).toContain('200000 yuan left');
      const within = await reviewer.inject({ method: 'POST', url: url(b.id, 'approve'), headers: idem(), payload: { granted_yuan: 200000 } });
      expect(within.statusCode, within.body).toBe(200);
      expect(within.json().application.granted_yuan).toBe(200000);
    });

    it('a repeated approval with the same Idempotency-Key reserves once', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      const reviewer = await h.signIn('reviewer', { department: '科技局' });
      await fundLine(h, 'D01-2025', 300000);
      const app = await submitted(enterprise, { provision: 'hte-new', year: 2025 });
      const headers = idem();
      const one = await reviewer.inject({ method: 'POST', url: url(app.id, 'approve'), headers, payload: { granted_yuan: 300000 } });
      const two = await reviewer.inject({ method: 'POST', url: url(app.id, 'approve'), headers, payload: { granted_yuan: 300000 } });
      expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
      expect(two.json()).toEqual(one.json());
      expect(await caseBalance(h.store.db, 'D01-2025', app.id)).toEqual({ reserved: 300000, disbursed: 0 });
      expect((await reviewer.inject({ method: 'POST', url: url(app.id, 'approve'), payload: { granted_yuan: 300000 } })).statusCode).toBe(400);
    });

    it('who sees and acts: another department\'s reviewer 404, another enterprise 404, roles that never may 403', async () => {
      const h = harness();
      const { enterprise } = await registered(h);
      const other = await registered(h);
      const app = await submitted(enterprise, { provision: 'hte-new', year: 2025 });
      const jxj = await h.signIn('reviewer', { department: '经信局' });
      expect((await jxj.inject({ method: 'GET', url: url(app.id) })).statusCode).toBe(404);
      expect((await jxj.inject({ method: 'POST', url: url(app.id, 'return'), payload: { reason: 'x' } })).statusCode).toBe(404);
      expect((await jxj.inject({ method: 'POST', url: url(app.id, 'approve'), headers: idem(), payload: { granted_yuan: 1 } })).statusCode).toBe(404);
      expect((await other.enterprise.inject({ method: 'GET', url: url(app.id) })).statusCode).toBe(404);
      expect((await other.enterprise.inject({ method: 'POST', url: url(app.id, 'withdraw'), payload: {} })).statusCode).toBe(404);
      expect((await other.enterprise.inject({ method: 'GET', url: '/api/v1/applications' })).json().applications).toEqual([]);
      for (const role of ['policy', 'admin'] as const) {
        expect((await (await h.signIn(role)).inject({ method: 'GET', url: '/api/v1/applications' })).statusCode).toBe(403);
      }
      expect((await enterprise.inject({ method: 'POST', url: url(app.id, 'approve'), headers: idem(), payload: { granted_yuan: 1 } })).statusCode).toBe(403);
      // finance sees approved cases onwards only
      expect((await (await h.signIn('finance')).inject({ method: 'GET', url: url(app.id) })).statusCode).toBe(404);
      expect((await (await h.signIn('auditor')).inject({ method: 'GET', url: url(app.id) })).statusCode).toBe(200);
      const kjj = await h.signIn('reviewer', { department: '科技局' });
      const listed = (await kjj.inject({ method: 'GET', url: '/api/v1/applications?status=submitted' })).json().applications;
      expect(listed.map((a: { id: string }) => a.id)).toContain(app.id);
      expect((await h.app.inject({ method: 'GET', url: '/api/v1/applications' })).statusCode).toBe(401);
    });
  });
}
