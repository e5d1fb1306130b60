// The policy office's parameter editor: GET /parameters, /parameters/:id/impact, POST /parameters/:id/settings,
// and the calculator (POST /evaluate) seeing the settings — on SQLite and PostgreSQL.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dialects, useDeliveryApp, type DeliveryHarness } from './support.ts';

const RATIO = 'rd-grant-matching.ratio';
const PROVISION = 'rd-grant-matching';
const CREDIT_CODE = '91330108MA2AY1234G';
const DOCUMENT = '滨江区研发补助配套实施细则（杭高新〔2025〕12号）';

// （十三）对科技型中小企业获得的市级研发补助，区级给予相应配套资助: the ratio is left unset (a13.yaml).
const matchingProfile = {
  id: CREDIT_CODE,
  name: '滨江示例科技有限公司',
  kind: 'enterprise',
  recognitions: [{ type: 'sci-tech-sme', level: 'provincial', event: 'new', date: '2024-04-01' }],
  grants_received: [{ kind: 'city-rd-grant', year: 2025, amount: 500000 }],
};

interface ParameterBody { id: string; unset: boolean; provisions: string[]; effective_value: number | null; settings: { value: number; set_by: string; document: string }[] }
interface ResultBody { provision: string; status: string; amount?: number; pending_parameters: string[] }

async function matchingResult(h: DeliveryHarness): Promise<ResultBody> {
  const response = await h.app.inject({ method: 'POST', url: '/api/v1/evaluate?year=2025&trace=false', payload: matchingProfile });
  expect(response.statusCode, response.body).toBe(200);
  const result = (response.json() as { results: ResultBody[] }).results.find((r) => r.provision === PROVISION);
  if (!result) throw new Error(`no ${PROVISION} result`);
  return result;
}

async function settingsCount(h: DeliveryHarness): Promise<number> {
  const row = await h.store.db.selectFrom('parameter_settings').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function parameter(h: DeliveryHarness, id: string): Promise<ParameterBody> {
  const response = await h.app.inject({ method: 'GET', url: '/api/v1/parameters' });
  expect(response.statusCode).toBe(200);
  const found = (response.json() as { parameters: ParameterBody[] }).parameters.find((p) => p.id === id);
  if (!found) throw new Error(`no parameter ${id}`);
  return found;
}

/** The demo beneficiary, registered once per store (enterprise accounts must be bound to one). */
async function registerBeneficiary(h: DeliveryHarness): Promise<void> {
  const existing = await h.store.db.selectFrom('beneficiaries').select('credit_code').where('credit_code', '=', CREDIT_CODE).executeTakeFirst();
  if (existing) return;
  const now = new Date().toISOString();
  await h.store.db.insertInto('beneficiaries').values({
    credit_code: CREDIT_CODE, name: matchingProfile.name, profile: JSON.stringify(matchingProfile),
    version: 1, bank_name: null, bank_account: null, created_at: now, updated_at: now,
  }).execute();
}

const setting = (value: unknown, extra: Record<string, unknown> = {}) => ({ value, effective_from: '2025-01-01', document: DOCUMENT, ...extra });

describe.each(dialects)('parameters on $name', (dialect) => {
  const harness = useDeliveryApp(dialect);

  it('lists the parameters publicly, those the text leaves unset first', async () => {
    const response = await harness().app.inject({ method: 'GET', url: '/api/v1/parameters' });
    expect(response.statusCode).toBe(200);
    const list = (response.json() as { parameters: ParameterBody[] }).parameters;
    const firstStated = list.findIndex((p) => !p.unset);
    expect(firstStated).toBeGreaterThan(0);
    expect(list.slice(firstStated).every((p) => !p.unset)).toBe(true);
    const ratio = list.find((p) => p.id === RATIO);
    expect(ratio).toMatchObject({ unset: true, effective_value: null, provisions: [PROVISION], settings: [] });
    // 「最高不超过 100 万元」 is stated: 1000000 yuan.
    expect(list.find((p) => p.id === 'high-rd-value.cap')).toMatchObject({ unset: false, effective_value: 1000000 });
    const unsetOnly = await harness().app.inject({ method: 'GET', url: '/api/v1/parameters?unset=true' });
    expect((unsetOnly.json() as { parameters: ParameterBody[] }).parameters.map((p) => p.id)).toEqual(list.slice(0, firstStated).map((p) => p.id));
  });

  it('lets only the policy office set parameters: 401 anonymous, 403 other roles, nothing written', async () => {
    const h = harness();
    const anonymous = await h.app.inject({ method: 'POST', url: `/api/v1/parameters/${RATIO}/settings`, payload: setting(50) });
    expect(anonymous.statusCode).toBe(401);
    await registerBeneficiary(h);
    for (const role of ['enterprise', 'reviewer', 'finance', 'auditor', 'admin'] as const) {
      const user = await h.signIn(role, { creditCode: CREDIT_CODE });
      const response = await user.inject({ method: 'POST', url: `/api/v1/parameters/${RATIO}/settings`, payload: setting(50) });
      expect(response.statusCode, role).toBe(403);
    }
    expect(await settingsCount(h)).toBe(0);
  });

  it('refuses a value the text states (409 with the quote), an unknown parameter (404) and bad input (400 naming the field)', async () => {
    const h = harness();
    const policy = await h.signIn('policy');
    const stated = await policy.inject({ method: 'POST', url: '/api/v1/parameters/high-rd-value.cap/settings', payload: setting(2000000) });
    expect(stated.statusCode).toBe(409);
    expect(stated.json().error.message).toContain('最高不超过 100 万元');
    const unknown = await policy.inject({ method: 'POST', url: '/api/v1/parameters/no-such.parameter/settings', payload: setting(1) });
    expect(unknown.statusCode).toBe(404);

    const bad: [string, Record<string, unknown>, string][] = [
      [RATIO, setting(-1), 'value'],
      [RATIO, setting(12.5), 'value'],
      [RATIO, setting('50'), 'value'],
      // A percentage above 100 is refused before the stated check (研发投入增速达 20% is a percent parameter).
      ['high-rd-value.growth-threshold', setting(101), 'value'],
      [RATIO, setting(50, { effective_from: '2025-02-30' }), 'effective_from'],
      [RATIO, setting(50, { effective_from: '2026-01-01' }), 'effective_from'],
      [RATIO, setting(50, { effective_from: '2024-12-31' }), 'effective_from'],
      [RATIO, setting(50, { effective_from: '2025-06-01', effective_to: '2025-05-31' }), 'effective_to'],
      [RATIO, setting(50, { effective_to: '2026-06-30' }), 'effective_to'],
      [RATIO, setting(50, { document: '   ' }), 'document'],
      [RATIO, { value: 50, effective_from: '2025-01-01' }, 'document'],
    ];
    for (const [id, payload, field] of bad) {
      const response = await policy.inject({ method: 'POST', url: `/api/v1/parameters/${id}/settings`, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect((response.json().error.details as { path: string }[]).map((d) => d.path), JSON.stringify(payload)).toEqual([field]);
    }
    expect(await settingsCount(h)).toBe(0);
    expect((await matchingResult(h)).status).toBe('pending');
  });

  it('counts the cases and profiles a change reaches', async () => {
    const h = harness();
    const now = new Date().toISOString();
    await registerBeneficiary(h);
    const applicant = await h.signIn('enterprise', { creditCode: CREDIT_CODE });
    const cases: [string, string][] = [['draft', 'pending'], ['submitted', 'pending'], ['returned', 'eligible'], ['rejected', 'pending'], ['withdrawn', 'pending']];
    for (const [status, engineStatus] of cases) {
      const id = randomUUID();
      await h.store.db.insertInto('applications').values({
        id, credit_code: CREDIT_CODE, provision: PROVISION, department: '科技局', year: 2025, event_key: `${PROVISION}:${CREDIT_CODE}:${id}`, event_ref: id,
        status: status as 'draft', requested_yuan: null, engine_status: engineStatus, engine_amount_yuan: null, engine_amount_kind: 'exact', granted_yuan: null,
        budget_line: null, applicant_id: applicant.account.id, reviewer_id: null, payer_id: null, reason: null, notice_id: null, notice_ends_on: null,
        created_at: now, updated_at: now, submitted_at: null, decided_at: null, paid_at: null,
      }).execute();
    }
    const before = await h.app.inject({ method: 'GET', url: `/api/v1/parameters/${RATIO}/impact` });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({
      provisions: [{ id: PROVISION, catalogue: expect.stringMatching(/^M\d+$/) }],
      // 5 cases; open = draft + submitted + returned; pending = the open ones the engine left pending.
      cases: { total: 5, open: 3, pending: 2, by_status: { draft: 1, submitted: 1, returned: 1, rejected: 1, withdrawn: 1 } },
      profiles_affected: 1,
    });
    const unknown = await h.app.inject({ method: 'GET', url: '/api/v1/parameters/no-such.parameter/impact' });
    expect(unknown.statusCode).toBe(404);
  });

  it('a setting makes the pending provision eligible in the calculator, audited; a later setting wins from its date', async () => {
    const h = harness();
    expect(await matchingResult(h)).toMatchObject({ status: 'pending', pending_parameters: [RATIO] });
    const policy = await h.signIn('policy', { username: 'zhengce-test' });
    const response = await policy.inject({ method: 'POST', url: `/api/v1/parameters/${RATIO}/settings`, payload: setting(50) });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().setting).toMatchObject({ parameter: RATIO, value: 50, effective_from: '2025-01-01', effective_to: null, document: DOCUMENT, set_by: 'zhengce-test' });

    // 区级给予相应配套资助 at 50 per 100: 500000 × 50 / 100 = 250000.
    expect(await matchingResult(h)).toMatchObject({ status: 'eligible', amount: 250000 });
    expect(await parameter(h, RATIO)).toMatchObject({ unset: true, effective_value: 50, settings: [{ value: 50, set_by: 'zhengce-test', document: DOCUMENT }] });
    const audit = await h.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'parameter.set').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'policy:zhengce-test', subject: `parameter:${RATIO}` });
    expect(JSON.parse(audit[0]!.after ?? 'null')).toMatchObject({ value: 50, document: DOCUMENT });

    // A revised rule from 1 July: the calculator reads parameters at the year's end, so 500000 × 80 / 100 = 400000.
    const revised = await policy.inject({ method: 'POST', url: `/api/v1/parameters/${RATIO}/settings`, payload: setting(80, { effective_from: '2025-07-01', effective_to: '2025-12-31' }) });
    expect(revised.statusCode, revised.body).toBe(201);
    expect(await matchingResult(h)).toMatchObject({ status: 'eligible', amount: 400000 });
    expect((await parameter(h, RATIO)).effective_value).toBe(80);
    const impact = await h.app.inject({ method: 'GET', url: `/api/v1/parameters/${RATIO}/impact` });
    expect(impact.json().profiles_affected).toBe(0);
  });
});
