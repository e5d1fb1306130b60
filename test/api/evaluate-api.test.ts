import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { EvaluationSummaryView, EvaluationView, ProfileProblemsView } from '../../src/services/evaluation.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ pack: loadEdition('binjiang-2025') });
});
afterAll(async () => app.close());

const highTech = {
  id: '91330108MA2AY1234G',
  name: '滨江示例科技有限公司',
  kind: 'enterprise',
  recognitions: [{ type: 'high-tech-enterprise', level: 'national', event: 'new', date: '2025-04-01', valid_until: '2028-03-31' }],
};

describe('POST /api/v1/evaluate', () => {
  it('evaluates a profile: the new high-tech certificate pays 300,000 yuan, with its trace and clause', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/evaluate?year=2025', payload: highTech });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const m02 = body.results.find((r: { catalogue: string }) => r.catalogue === 'M02');
    expect(m02).toMatchObject({ status: 'eligible', amount: 300000, amount_kind: 'exact', article: 1 });
    expect(m02.quote).toContain('30万元');
    expect(m02.trace.conditions.status).toBe('value');
    expect(body.parameters_used).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'hte-new.amount', value: 300000, from: '2025-01-01' })]));
    expect(body.results).toHaveLength(41);
  });
  it('refuses a bad profile with 400 and every problem named by JSON path', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: { ...highTech, id: '91330108MA2AY1234H', revenue: '5' } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('invalid_profile');
    expect(body.error.problems.map((p: { path: string }) => p.path).sort()).toEqual(['$', '$.id']);
  });
  it('refuses malformed JSON with 400', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/evaluate', headers: { 'content-type': 'application/json' }, payload: '{"id": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });
  it('says "not in force" for a year outside the edition', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/evaluate?year=2026', payload: highTech });
    expect(response.json().results.every((r: { status: string }) => r.status === 'not-in-force')).toBe(true);
  });
  it('names the next question: the missing fact that blocks the most provisions', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/evaluate', payload: { id: highTech.id, name: highTech.name, kind: 'enterprise' } });
    const body = response.json();
    const undetermined = body.results.filter((r: { status: string }) => r.status === 'undetermined').map((r: { provision: string }) => r.provision);
    expect(body.next_questions[0].fact).toBe('recognitions');
    expect(body.next_questions[0].provisions).toEqual(expect.arrayContaining(['hte-new', 'hte-reexam', 'sme-province-new']));
    // Every undetermined provision is blocked by at least one question, and each question blocks only undetermined ones.
    const asked = new Set(body.next_questions.flatMap((q: { provisions: string[] }) => q.provisions));
    expect([...asked].sort()).toEqual([...new Set(undetermined)].sort());
  });
  // The route writes its answer with JSON.stringify (no zod re-validation per response): these parse
  // the answers with the published schemas, so the shape stays checked.
  it('answers in the shape /docs publishes, full, without trace, and as the summary', async () => {
    for (const query of ['', '&trace=false', '&view=full']) {
      const response = await app.inject({ method: 'POST', url: `/api/v1/evaluate?year=2025${query}`, payload: highTech });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const parsed = EvaluationView.strict().safeParse(response.json());
      expect(parsed.error?.issues ?? []).toEqual([]);
      // Provisions not applicable to an enterprise have no trace; the others have one unless trace=false.
      expect(parsed.data?.results.filter((r) => r.trace !== undefined).length).toBe(query === '&trace=false' ? 0 : parsed.data?.results.filter((r) => r.status !== 'not-applicable').length);
    }
    const bad = await app.inject({ method: 'POST', url: '/api/v1/evaluate?view=summary', payload: { ...highTech, id: '91330108MA2AY1234H' } });
    expect(bad.statusCode).toBe(400);
    expect(ProfileProblemsView.safeParse(bad.json()).success).toBe(true);
    expect(bad.json().error.problems.map((p: { path: string }) => p.path)).toEqual(['$.id']);
  });
  it('screens a profile with ?view=summary: status, amount and what open results wait on, no trace', async () => {
    const full = await app.inject({ method: 'POST', url: '/api/v1/evaluate?year=2025', payload: highTech });
    const summary = await app.inject({ method: 'POST', url: '/api/v1/evaluate?year=2025&view=summary', payload: highTech });
    expect(summary.statusCode).toBe(200);
    const body = EvaluationSummaryView.strict().parse(summary.json());
    // 新认定国家高新技术企业 30万元 → 300000
    expect(body.results.find((r) => r.catalogue === 'M02')).toEqual({ provision: 'hte-new', catalogue: 'M02', status: 'eligible', amount: 300000, amount_kind: 'exact' });
    expect(body.results).toHaveLength(41);
    const fullBody = full.json();
    expect(body.totals).toEqual(fullBody.totals);
    expect(body.next_questions).toEqual(fullBody.next_questions);
    expect(body.results.map((r) => [r.provision, r.status, r.amount])).toEqual(fullBody.results.map((r: { provision: string; status: string; amount?: number }) => [r.provision, r.status, r.status === 'eligible' ? r.amount : undefined]));
    expect(summary.body.length).toBeLessThan(full.body.length / 5);
  });
  it('publishes the profile schema', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/schema/profile' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().properties)).toEqual(expect.arrayContaining(['id', 'kind', 'recognitions', 'financial_years']));
  });
});
