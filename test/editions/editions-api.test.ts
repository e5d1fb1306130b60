// Policy editions through the API on SQLite and PostgreSQL: draft (bad input named, nothing stored), diff,
// what-if on a stored population, publish (audited, read-only after), and a case decided before publication
// keeping its amount while evaluations in the period use the edition's.
import { describe, expect, it } from 'vitest';
import { withParameterSettings } from '../../src/core/pack.ts';
import { Calculator } from '../../src/services/evaluation.ts';
import { parameterSettings } from '../../src/services/parameter-settings.ts';
import { importPopulation } from '../../src/services/populations.ts';
import { loadRules } from '../../src/pack/rules.ts';
import { freshCreditCode, registered } from '../delivery/fixtures/case-world.ts';
import { dialects, testPack, useDeliveryApp, type DeliveryHarness } from '../delivery/support.ts';
import { tinyJsonLines } from '../simulation/fixtures.ts';

// （一）对新认定…的国家高新技术企业给予30万元…奖励: hte-new.amount 300000; the draft raises it to 400000.
const draft = (id: string, extra: Record<string, unknown> = {}) => ({
  id, title: '关于调整新认定国家高新技术企业奖励标准的通知', period: { from: '2025-07-01', to: '2025-12-31' }, reform: { 'hte-new.amount': 400000 }, ...extra,
});

async function editionCount(h: DeliveryHarness): Promise<number> {
  const row = await h.store.db.selectFrom('policy_editions').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

for (const dialect of dialects) {
  describe(`editions API (${dialect.name})`, () => {
    const harness = useDeliveryApp(dialect);

    it('refuses bad drafts with 400 naming the field or parameter, other roles with 403, and stores nothing', async () => {
      const h = harness();
      const policy = await h.signIn('policy');
      const post = (payload: unknown) => policy.inject({ method: 'POST', url: '/api/v1/editions', payload: payload as Record<string, unknown> });
      const cases: [unknown, string][] = [
        [draft('bad-1', { reform: { 'hte-new.amount': -1 } }), 'reform.hte-new.amount'],
        [draft('bad-2', { reform: { 'high-rd-value.rate': 101 } }), 'reform.high-rd-value.rate'],
        [draft('bad-3', { reform: { 'no-such.amount': 5 } }), 'reform.no-such.amount'],
        [draft('bad-4', { reform: { 'hte-new.amount': 1.5 } }), 'reform.hte-new.amount'],
        [draft('bad-5', { reform: {} }), 'reform'],
        [draft('bad-6', { period: { from: '2024-07-01', to: '2025-12-31' } }), 'period.from'],
        [draft('bad-7', { period: { from: '2025-07-01', to: '2025-06-30' } }), 'period.to'],
        [draft('bad-8', { period: { from: '2025-02-30', to: '2025-12-31' } }), 'period.from'],
        [draft('bad-9', { title: ' ' }), 'title'],
        [draft('Bad Id'), 'id'],
        [draft('bad-10', { base: 'binjiang-2024' }), 'base'],
      ];
      for (const [payload, field] of cases) {
        const response = await post(payload);
        expect(response.statusCode, `${field}: ${response.body}`).toBe(400);
        expect(response.json().error.message, field).toContain(field);
      }
      expect((await post([draft('in-a-list')])).statusCode).toBe(400);
      for (const role of ['finance', 'leader', 'auditor', 'reviewer', 'admin'] as const) {
        expect((await (await h.signIn(role)).inject({ method: 'POST', url: '/api/v1/editions', payload: draft('by-other') })).statusCode, role).toBe(403);
      }
      expect((await h.app.inject({ method: 'POST', url: '/api/v1/editions', payload: draft('anonymous') })).statusCode).toBe(401);
      expect(await editionCount(h)).toBe(0);
      expect((await policy.inject({ method: 'GET', url: '/api/v1/editions/nowhere' })).statusCode).toBe(404);
    });

    it('draft → diff → what-if: the raised amount, its provision, and the cost change per provision and domain', async () => {
      const h = harness();
      const policy = await h.signIn('policy');
      const created = await policy.inject({ method: 'POST', url: '/api/v1/editions', payload: draft('reform-hte') });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json().edition).toMatchObject({ id: 'reform-hte', base_edition: 'binjiang-2025', status: 'draft', reform: { 'hte-new.amount': 400000 } });
      expect((await policy.inject({ method: 'POST', url: '/api/v1/editions', payload: draft('reform-hte') })).statusCode).toBe(409);

      for (const role of ['finance', 'leader', 'auditor'] as const) {
        const reader = await h.signIn(role);
        const list = await reader.inject({ method: 'GET', url: '/api/v1/editions' });
        expect(list.statusCode, role).toBe(200);
        expect(list.json().editions.map((e: { id: string }) => e.id), role).toContain('reform-hte');
      }
      const diff = (await policy.inject({ method: 'GET', url: '/api/v1/editions/reform-hte/diff' })).json().diff;
      expect(diff.clauses).toEqual([]);
      expect(diff.parameters).toEqual([expect.objectContaining({ id: 'hte-new.amount', change: 'changed', before: 300000, after: 400000, provisions: ['hte-new'] })]);
      expect(diff.provisions).toEqual([expect.objectContaining({ id: 'hte-new', fields: [{ field: 'amount', before: 300000, after: 400000 }] })]);

      await importPopulation(h.store.db, { name: 'tiny-editions', year: 2025, fileName: 'tiny.jsonl', createdBy: 'test' }, tinyJsonLines());
      const whatIf = await policy.inject({ method: 'POST', url: '/api/v1/editions/reform-hte/what-if', payload: { population: 'tiny-editions', take_up: { 'hte-new': 50 } } });
      expect(whatIf.statusCode, whatIf.body).toBe(200);
      const report = whatIf.json();
      // Three 新认定 enterprises: 3 × 300,000 × 50% = 450,000 → 3 × 400,000 × 50% = 600,000.
      expect(report.comparison.provisions.find((p: { id: string }) => p.id === 'hte-new')).toEqual({ id: 'hte-new', baseline_yuan: 450000, reform_yuan: 600000, change_yuan: 150000 });
      expect(report.comparison.domains.find((d: { key: string }) => d.key === '1').change_yuan).toBe(150000);
      expect([report.comparison.winners, report.comparison.losers]).toEqual([3, 0]);
      expect((await policy.inject({ method: 'POST', url: '/api/v1/editions/reform-hte/what-if', payload: { population: 'nowhere' } })).statusCode).toBe(404);
      expect((await policy.inject({ method: 'POST', url: '/api/v1/editions/reform-hte/what-if', payload: {} })).statusCode).toBe(400);
      const badTakeUp = await policy.inject({ method: 'POST', url: '/api/v1/editions/reform-hte/what-if', payload: { population: 'tiny-editions', take_up: { 'hte-new': 150 } } });
      expect(badTakeUp.statusCode).toBe(400);
      expect(badTakeUp.json().error.message).toContain('takeUp.hte-new');
      expect((await policy.inject({ method: 'POST', url: '/api/v1/editions/nowhere/what-if', payload: { population: 'tiny-editions' } })).statusCode).toBe(404);
      expect((await policy.inject({ method: 'POST', url: '/api/v1/editions/nowhere/publish', payload: {} })).statusCode).toBe(404);
      expect((await (await h.signIn('leader')).inject({ method: 'POST', url: '/api/v1/editions/reform-hte/what-if', payload: { population: 'tiny-editions' } })).statusCode).toBe(403);
    });

    it('publish: a case decided before keeps its amount; evaluations in the period use the new one; read-only after', async () => {
      const h = harness();
      const policy = await h.signIn('policy');
      const { enterprise } = await registered(h);
      const before = await enterprise.inject({ method: 'POST', url: '/api/v1/applications', payload: { provision: 'hte-new', year: 2025 } });
      expect(before.statusCode, before.body).toBe(201);
      const oldCase = before.json().application as { id: string };
      expect((await enterprise.inject({ method: 'POST', url: `/api/v1/applications/${oldCase.id}/submit`, payload: {} })).statusCode).toBe(200);

      expect((await policy.inject({ method: 'POST', url: '/api/v1/editions', payload: draft('reform-publish') })).statusCode).toBe(201);
      expect((await (await h.signIn('finance')).inject({ method: 'POST', url: '/api/v1/editions/reform-publish/publish', payload: {} })).statusCode).toBe(403);
      const published = await policy.inject({ method: 'POST', url: '/api/v1/editions/reform-publish/publish', payload: {} });
      expect(published.statusCode, published.body).toBe(200);
      expect(published.json().edition).toMatchObject({ status: 'published', published_by: policy.account.username });
      expect((await policy.inject({ method: 'POST', url: '/api/v1/editions/reform-publish/publish', payload: {} })).statusCode).toBe(409);
      const audit = await h.store.db.selectFrom('audit_log').select('action').where('subject', '=', 'edition:reform-publish').orderBy('seq').execute();
      expect(audit.map((a) => a.action)).toEqual(['edition.draft', 'edition.published']);
      // The diff of a published edition is still against the values it replaced.
      const diff = (await policy.inject({ method: 'GET', url: '/api/v1/editions/reform-publish/diff' })).json().diff;
      expect(diff.parameters).toEqual([expect.objectContaining({ id: 'hte-new.amount', before: 300000, after: 400000 })]);
      // The database itself refuses to change a published edition.
      await expect(h.store.db.updateTable('policy_editions').set({ title: '改' }).where('id', '=', 'reform-publish').execute()).rejects.toThrow(/read-only/);

      // The case decided before publication keeps its amount and its decision row.
      const kept = (await enterprise.inject({ method: 'GET', url: `/api/v1/applications/${oldCase.id}` })).json();
      expect(kept.application.engine_amount_yuan).toBe(300000);
      expect(kept.decisions.map((d: { amount_yuan: number }) => d.amount_yuan)).toEqual([300000]);
      expect(kept.decisions[0].parameters_used['hte-new.amount']).toMatchObject({ value: 300000 });

      // A new evaluation for 2025 (read on 2025-12-31, inside the period) uses 400000, citing the edition …
      const profile = { id: freshCreditCode(), name: '新企业', ...highTech };
      const evaluated = await h.app.inject({ method: 'POST', url: '/api/v1/evaluate?year=2025&trace=false', payload: profile });
      expect(evaluated.statusCode, evaluated.body).toBe(200);
      const result = (evaluated.json() as { results: { provision: string; amount?: number }[] }).results.find((r) => r.provision === 'hte-new');
      expect(result?.amount).toBe(400000);
      // … and read on a date before the period, the text's 300000.
      const pack = testPack();
      const calculator = new Calculator(withParameterSettings(pack, await parameterSettings(h.store.db, pack.meta.edition)), await loadRules(pack));
      const on = (asOf: string) => {
        const outcome = calculator.summarise(profile, { year: 2025, asOf });
        if (!outcome.ok) throw new Error('invalid profile');
        return outcome.summary.results.find((r) => r.provision === 'hte-new')?.amount;
      };
      expect([on('2025-06-30'), on('2025-07-01')]).toEqual([300000, 400000]);
      const setting = await h.store.db.selectFrom('parameter_settings').selectAll().where('parameter', '=', 'hte-new.amount').executeTakeFirstOrThrow();
      expect(setting).toMatchObject({ effective_from: '2025-07-01', effective_to: '2025-12-31', document: '关于调整新认定国家高新技术企业奖励标准的通知（reform-publish）' });
    });
  });
}

const highTech = {
  kind: 'enterprise', industrial: false,
  recognitions: [{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-04-01', certificate: 'GR202533001299', valid_until: '2028-03-31' }],
};
