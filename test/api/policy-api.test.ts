import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import type { ArticleDetail, ProvisionView, SearchResult } from '../../src/services/policy-views.ts';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildApp({ pack: loadEdition('binjiang-2025') });
});
afterAll(async () => app.close());

const get = async <T>(url: string) => {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T };
};

describe('policy API', () => {
  it('serves the counts', async () => {
    const { status, body } = await get<{ domains: number; articles: number; provisions: { stated: number; unset: number }; targets: number }>('/api/v1/policy/stats');
    expect(status).toBe(200);
    expect(body).toMatchObject({ domains: 7, articles: 46, provisions: { stated: 23, unset: 16 }, targets: 71 });
  });

  it('serves article 13 by number or numeral, with its provisions and highlighted quotes', async () => {
    const byNumber = await get<ArticleDetail>('/api/v1/policy/articles/13');
    const byNumeral = await get<ArticleDetail>(`/api/v1/policy/articles/${encodeURIComponent('十三')}`);
    expect(byNumber.status).toBe(200);
    expect(byNumeral.body.number).toBe(13);
    const article = byNumber.body;
    expect(article.title).toBe('鼓励企业加大研发投入');
    expect(article.responsible.map((d) => d.name)).toEqual(['科技局']);
    expect(article.provisions.map((p) => p.catalogue).sort()).toEqual(['M28', 'M29', 'M30']);
    expect(article.tax_preferences.map((t) => t.catalogue)).toEqual(['T1']);
    for (const h of article.highlights) expect(h.end).toBeGreaterThan(h.start);
    const m30 = article.provisions.find((p) => p.catalogue === 'M30')!;
    const mark = article.highlights.find((h) => h.id === m30.id)!;
    expect(article.text.slice(mark.start, mark.end).replace(/\s/g, '')).toBe(m30.quote.replace(/\s/g, ''));
    expect([article.previous, article.next]).toEqual([12, 14]);
  });

  it('says unset for amounts the text leaves to implementing rules', async () => {
    const { body } = await get<ProvisionView[]>('/api/v1/policy/provisions?status=unset');
    expect(body).toHaveLength(16);
    expect(body.every((p) => p.parameters.some((x) => x.value === null))).toBe(true);
    const m02 = await get<ProvisionView>('/api/v1/policy/provisions/M02');
    expect(m02.body).toMatchObject({ status: 'stated', amount_text: { zh: '30万元' } });
  });

  it('filters articles and targets by department, by name or id', async () => {
    const byName = await get<{ number: number }[]>(`/api/v1/policy/articles?department=${encodeURIComponent('人力资源和社会保障局')}`);
    expect(byName.body.map((a) => a.number)).toEqual([10, 40, 44, 46]);
    const domain5 = await get<{ id: string }[]>('/api/v1/policy/targets?domain=5');
    expect(domain5.body.map((t) => t.id)).toEqual(expect.arrayContaining(['K02', 'K03', 'K04', 'K05', 'K43']));
  });

  it.each([
    ['孵化器', 2, '完善全链条科技企业孵化体系'],
    ['研发投入', 13, '鼓励企业加大研发投入'],
  ])('search %s ranks article %i first and marks the matches', async (q, number, title) => {
    const { status, body } = await get<SearchResult>(`/api/v1/policy/search?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    expect(body.hits[0]).toMatchObject({ number, title });
    const snippet = body.hits[0]!.snippets[0]!;
    const [s, e] = snippet.highlights[0]!;
    expect(snippet.text.slice(s, e)).toBe(q);
  });

  it('search 高新技术企业 finds the high-tech award (（一）) and the 高研值 grant (（十三）)', async () => {
    const { body } = await get<SearchResult>(`/api/v1/policy/search?q=${encodeURIComponent('高新技术企业')}`);
    const numbers = body.hits.map((h) => h.number);
    expect(numbers.slice(0, 5)).toEqual(expect.arrayContaining([1, 13]));
  });

  it('answers bad input with 4xx and a message naming the field', async () => {
    const notFound = await get<{ error: { code: string; message: string } }>('/api/v1/policy/articles/99');
    expect(notFound).toMatchObject({ status: 404, body: { error: { code: 'not_found', message: 'article 99 not found' } } });
    const badNumber = await get<{ error: { code: string; message: string } }>('/api/v1/policy/articles/abc');
    expect(badNumber.status).toBe(400);
    expect(badNumber.body.error.message).toContain('abc');
    const emptyQuery = await get<{ error: { code: string; message: string } }>('/api/v1/policy/search?q=');
    expect(emptyQuery.status).toBe(400);
    expect(emptyQuery.body.error.message).toContain('q');
    const badLimit = await get<{ error: { message: string } }>('/api/v1/policy/search?q=x&limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toContain('limit');
    const unknownDepartment = await get<{ error: { message: string } }>('/api/v1/policy/articles?department=nobody');
    expect(unknownDepartment.status).toBe(404);
    expect((await get('/api/v1/nothing')).status).toBe(404);
  });

  it('publishes an OpenAPI document in which every route has a response schema', async () => {
    const { status, body } = await get<{ paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>> }>('/docs/json');
    expect(status).toBe(200);
    const routes = Object.entries(body.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(routes.length).toBeGreaterThanOrEqual(14);
    for (const { path, method, op } of routes) expect(op.responses['200']?.content, `${method} ${path}`).toBeDefined();
  });
});
