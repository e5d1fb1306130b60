// Policy editions (政策版本): the policy office drafts a parameter reform of the edition in force, sees its
// structured diff, runs the what-if on a stored population and publishes it; finance, leadership and the
// auditor read them. The what-if is a simulation, so it is open to those who run simulations (policy, finance).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createEdition, editionDiff, editionWhatIf, getEdition, listEditionViews, publishEdition } from '../services/editions.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';
import { API_MAX_POPULATION } from './simulation-routes.ts';

const tags = ['editions'];
const EditionBody = z.object({
  id: z.string(), base_edition: z.string(), title: z.string(), period: z.object({ from: z.string(), to: z.string() }),
  reform: z.record(z.string(), z.number().int()), status: z.enum(['draft', 'published']),
  created_by: z.string(), created_at: z.string(), published_by: z.string().nullable(), published_at: z.string().nullable(),
});
const Params = z.object({ id: z.string().min(1).max(64) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const READERS = ['policy', 'finance', 'leader', 'auditor'] as const;

export function editionRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.get('/editions', {
      preValidation: roles(...READERS),
      schema: { tags, summary: 'Draft and published editions of the edition in force', response: { 200: z.object({ editions: z.array(EditionBody) }), ...errors } },
    }, async (request) => ({ editions: await listEditionViews(db, requireActor(request), pack) }));

    app.post('/editions', {
      preValidation: roles('policy'),
      schema: {
        tags, summary: 'Draft an edition: a parameter reform of the edition in force for a period (policy office)',
        // Loose on purpose: the service names every bad field at once (a 400 with details).
        body: z.object({
          id: z.unknown(), base: z.unknown().optional(), title: z.unknown(),
          period: z.unknown(), reform: z.unknown(),
        }),
        response: { 201: z.object({ edition: EditionBody }), ...errors },
      },
    }, async (request, reply) => {
      const edition = await createEdition(db, requireActor(request), pack, request.body);
      return reply.code(201).send({ edition });
    });

    app.get('/editions/:id', {
      preValidation: roles(...READERS),
      schema: { tags, summary: 'One edition', params: Params, response: { 200: z.object({ edition: EditionBody }), ...errors } },
    }, async (request) => ({ edition: await getEdition(db, requireActor(request), pack, request.params.id) }));

    app.get('/editions/:id/diff', {
      preValidation: roles(...READERS),
      schema: {
        tags, summary: 'The structured diff of the edition against its base: clauses, provisions, parameters, targets, budget lines',
        params: Params, response: { 200: z.object({ edition: EditionBody, diff: z.object({ total: z.number().int() }).catchall(z.unknown()) }), ...errors },
      },
    }, async (request) => {
      const { edition, diff } = await editionDiff(db, requireActor(request), pack, request.params.id);
      return { edition, diff: { ...diff } };
    });

    app.post('/editions/:id/what-if', {
      preValidation: roles('policy', 'finance'),
      schema: {
        tags, summary: `Baseline against the edition on a stored population (up to ${API_MAX_POPULATION} profiles): cost per provision and domain, winners and losers`,
        params: Params,
        body: z.object({ population: z.string().min(1).max(64), take_up: z.record(z.string().max(80), z.number()).optional() }),
        response: { 200: z.object({ evaluated: z.number().int(), baseline: z.unknown(), comparison: z.unknown().optional() }).catchall(z.unknown()), ...errors },
      },
    }, async (request) => {
      const controller = new AbortController();
      request.raw.once('close', () => { if (request.raw.destroyed && !request.raw.complete) controller.abort(); });
      const report = await editionWhatIf(db, requireActor(request), pack, request.params.id, request.body, { maxSize: API_MAX_POPULATION, signal: controller.signal });
      return { ...report };
    });

    app.post('/editions/:id/publish', {
      preValidation: roles('policy'),
      schema: {
        tags, summary: 'Publish an edition: its values become parameter settings over its period (policy office; audited; then read-only)',
        params: Params, response: { 200: z.object({ edition: EditionBody }), ...errors },
      },
    }, async (request) => ({ edition: await publishEdition(db, requireActor(request), pack, request.params.id) }));
  };
}
