// Read-only routes of the policy library. Each declares its params, query and response schemas.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseArticleNumber } from '../core/policy-text.ts';
import type { PolicyLibrary } from '../services/policy-library.ts';
import {
  ArticleDetail, ArticleSummary, BudgetView, DepartmentView, DomainDetail, DomainSummary, PackStatsView, PolicyInfo,
  ProvisionView, SearchResult, TargetView, TaxPreferenceView,
} from '../services/policy-views.ts';
import { ApiError, ErrorBody, notFound } from './errors.ts';

const tags = ['policy'];
const DomainNumber = z.coerce.number().int().min(1).max(99);
const DepartmentId = z.string().min(1).max(40);

export function policyRoutes(library: PolicyLibrary): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    /** A department filter given by id, name or alias; an unknown one is a 404, not an empty list. */
    const resolveDepartment = (department: string | undefined): string | undefined => {
      if (department === undefined) return undefined;
      const id = library.department(department)?.id;
      if (id === undefined) throw notFound(`department "${department}"`);
      return id;
    };
    app.get('/', { schema: { tags, summary: 'The policy document: metadata, preamble, closing, counts, business rules', response: { 200: PolicyInfo } } }, async () => library.info());
    app.get('/stats', { schema: { tags, summary: 'Counts of the pack', response: { 200: PackStatsView } } }, async () => library.info().stats);
    app.get('/domains', { schema: { tags, summary: 'The 7 domains with their lead departments', response: { 200: z.array(DomainSummary) } } }, async () => library.domains());
    app.get('/domains/:number', {
      schema: { tags, summary: 'One domain: text, articles, domain-level targets and budgets', params: z.object({ number: DomainNumber }), response: { 200: DomainDetail, 404: ErrorBody } },
    }, async (request) => library.domain(request.params.number) ?? Promise.reject(notFound(`domain ${request.params.number}`)));
    app.get('/articles', {
      schema: { tags, summary: 'Articles, optionally of one domain or department', querystring: z.object({ domain: DomainNumber.optional(), department: DepartmentId.optional() }), response: { 200: z.array(ArticleSummary), 404: ErrorBody } },
    }, async (request) => {
      const { domain, department } = request.query;
      const departmentId = resolveDepartment(department);
      return library.articles({ domain, department: departmentId });
    });
    app.get('/articles/:number', {
      schema: { tags, summary: 'One article: text, provisions, targets, budgets and where their quotes stand', params: z.object({ number: z.string().max(12) }), response: { 200: ArticleDetail, 400: ErrorBody, 404: ErrorBody } },
    }, async (request) => {
      const number = parseArticleNumber(request.params.number);
      if (number === undefined) throw new ApiError('invalid_request', `article number must be like 13, 十三 or （十三）: "${request.params.number}"`, [{ path: 'params.number', message: 'not an article number' }]);
      return library.article(number) ?? Promise.reject(notFound(`article ${request.params.number}`));
    });
    app.get('/provisions', {
      schema: { tags, summary: 'Monetary provisions with their parameters; unset ones are left to implementing rules', querystring: z.object({ status: z.enum(['stated', 'unset']).optional(), department: DepartmentId.optional() }), response: { 200: z.array(ProvisionView), 404: ErrorBody } },
    }, async (request) => {
      const { status, department } = request.query;
      const departmentId = resolveDepartment(department);
      return library.provisions({ status, department: departmentId });
    });
    app.get('/provisions/:id', {
      schema: { tags, summary: 'One provision, by id or catalogue label (M02)', params: z.object({ id: z.string().max(80) }), response: { 200: ProvisionView, 404: ErrorBody } },
    }, async (request) => library.provision(request.params.id) ?? Promise.reject(notFound(`provision "${request.params.id}"`)));
    app.get('/tax-preferences', { schema: { tags, summary: 'Tax and fee preferences', response: { 200: z.array(TaxPreferenceView) } } }, async () => library.taxPreferences());
    app.get('/targets', {
      schema: { tags, summary: 'Quantified targets (K01…K71)', querystring: z.object({ domain: DomainNumber.optional(), department: DepartmentId.optional() }), response: { 200: z.array(TargetView), 404: ErrorBody } },
    }, async (request) => {
      const { domain, department } = request.query;
      const departmentId = resolveDepartment(department);
      return library.targets({ domain, department: departmentId });
    });
    app.get('/budgets', { schema: { tags, summary: 'Budget lines (D01…D09)', response: { 200: z.array(BudgetView) } } }, async () => library.budgets());
    app.get('/departments', { schema: { tags, summary: 'The department registry', response: { 200: z.array(DepartmentView) } } }, async () => library.departments());
    app.get('/departments/:id', {
      schema: { tags, summary: 'One department, by id, name or alias', params: z.object({ id: DepartmentId }), response: { 200: DepartmentView, 404: ErrorBody } },
    }, async (request) => library.department(request.params.id) ?? Promise.reject(notFound(`department "${request.params.id}"`)));
    app.get('/search', {
      schema: { tags, summary: 'Full-text search of the articles (Chinese; English titles too), ranked, with highlighted snippets', querystring: z.object({ q: z.string().trim().min(1, 'q must not be empty').max(100), limit: z.coerce.number().int().min(1).max(46).default(20) }), response: { 200: SearchResult, 400: ErrorBody } },
    }, async (request) => library.search(request.query.q, request.query.limit));
  };
}
