// Stored populations and budget-impact simulations for the policy office and finance. A simulation runs
// synchronously within the request, so populations over API_MAX_POPULATION are left to the CLI.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden } from '../services/errors.ts';
import { listPopulations } from '../services/populations.ts';
import { mayRun, simulate } from '../services/simulation.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';

export const API_MAX_POPULATION = 200_000;

const tags = ['simulation'];
const PopulationBody = z.object({
  id: z.number().int(), name: z.string(), size: z.number().int(), seed: z.number().int().nullable(), year: z.number().int(),
  source: z.string(), created_at: z.string(), created_by: z.string(),
});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export function simulationRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.get('/populations', {
      preValidation: roles('policy', 'finance'),
      schema: { tags, summary: 'Stored populations (generated or imported) for simulation', response: { 200: z.object({ populations: z.array(PopulationBody) }), ...errors } },
    }, async (request) => {
      if (!mayRun(requireActor(request))) throw forbidden('only the policy office and finance read populations');
      return { populations: await listPopulations(db) };
    });

    app.post('/simulations', {
      preValidation: roles('policy', 'finance'),
      schema: {
        tags,
        summary: `Budget impact of the current pack and parameters on a stored population (up to ${API_MAX_POPULATION} profiles); with a reform, baseline against reform`,
        body: z.object({
          population: z.string().min(1).max(64),
          takeUp: z.record(z.string().max(80), z.number()).optional(),
          reform: z.record(z.string().max(120), z.number()).optional(),
        }),
        response: { 200: z.object({ population: PopulationBody, evaluated: z.number().int(), baseline: z.unknown() }).catchall(z.unknown()), ...errors },
      },
    }, async (request) => {
      const controller = new AbortController();
      // A caller that goes away cancels the work it asked for.
      request.raw.once('close', () => { if (request.raw.destroyed && !request.raw.complete) controller.abort(); });
      const report = await simulate(db, requireActor(request), pack, request.body, { maxSize: API_MAX_POPULATION, signal: controller.signal });
      return { ...report };
    });
  };
}
