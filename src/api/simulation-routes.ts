// Stored populations and budget-impact simulations for the policy office and finance. A simulation runs
// synchronously within the request, or as a job (simulation-jobs.ts) the web page polls for progress and may
// cancel; either way populations over API_MAX_POPULATION are left to the CLI.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { conflict, forbidden } from '../services/errors.ts';
import { generateStoredPopulation, listPopulations } from '../services/populations.ts';
import { SimulationJobs } from '../services/simulation-jobs.ts';
import { simulationXlsx } from '../services/simulation-xlsx.ts';
import { mayRun, simulate, type SimulationReport } from '../services/simulation.ts';
import { XLSX_MEDIA_TYPE } from '../services/payout-files.ts';
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
const SimulationBody = z.object({
  population: z.string().min(1).max(64),
  takeUp: z.record(z.string().max(80), z.number()).optional().describe('provision → whole percent 0–100 (default 100)'),
  reform: z.record(z.string().max(120), z.number()).optional().describe('parameter → new value (whole number, not negative, rates at most 100%)'),
});
const JobBody = z.object({
  id: z.string(), status: z.enum(['running', 'done', 'failed', 'cancelled']), population: z.string(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }), created_at: z.string(), finished_at: z.string().nullable(),
  error: z.string().nullable(), report: z.unknown().nullable().describe('the report of POST /simulations, when done'),
});
const JobParams = z.object({ id: z.string().min(1).max(100) });

export function simulationRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const jobs = new SimulationJobs(db, pack, { maxSize: API_MAX_POPULATION });
    plugin.addHook('onClose', async () => { await jobs.close(); });
    app.get('/populations', {
      preValidation: roles('policy', 'finance'),
      schema: { tags, summary: 'Stored populations (generated or imported) for simulation', response: { 200: z.object({ populations: z.array(PopulationBody) }), ...errors } },
    }, async (request) => {
      if (!mayRun(requireActor(request))) throw forbidden('only the policy office and finance read populations');
      return { populations: await listPopulations(db) };
    });

    app.post('/populations', {
      preValidation: roles('policy'),
      schema: {
        tags, summary: `Generate and store a synthetic, seeded population (at most ${API_MAX_POPULATION} profiles here; larger ones from the CLI)`,
        body: z.object({ name: z.string().min(1).max(64).optional(), size: z.number().int().min(1).max(API_MAX_POPULATION), seed: z.number().int().default(1) }),
        response: { 201: PopulationBody, ...errors, 409: ErrorBody },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const { size, seed } = request.body;
      const stored = await generateStoredPopulation(db, {
        name: request.body.name ?? `synthetic-${size}-seed${seed}`, size, seed, year: Number(pack.meta.validity.from.slice(0, 4)), createdBy: actor.username,
      });
      return reply.code(201).send(stored);
    });

    app.post('/simulations/jobs', {
      preValidation: roles('policy', 'finance'),
      schema: {
        tags, summary: 'Start a simulation in the background (as POST /simulations); poll GET /simulations/jobs/:id',
        description: 'One running job per account; jobs are kept in the server\'s memory (a restart forgets them) and seen only by their creator.',
        body: SimulationBody, response: { 202: JobBody, ...errors, 409: ErrorBody },
      },
    }, async (request, reply) => reply.code(202).send(await jobs.start(requireActor(request), request.body)));

    app.get('/simulations/jobs/:id', {
      preValidation: roles('policy', 'finance'),
      schema: { tags, summary: 'A simulation job: status, progress, and the report when done', params: JobParams, response: { 200: JobBody, ...errors } },
    }, async (request) => jobs.get(requireActor(request), request.params.id));

    app.delete('/simulations/jobs/:id', {
      preValidation: roles('policy', 'finance'),
      schema: { tags, summary: 'Cancel a running simulation job (a finished one is answered as it is)', params: JobParams, response: { 200: JobBody, ...errors } },
    }, async (request) => jobs.cancel(requireActor(request), request.params.id));

    app.get('/simulations/jobs/:id/xlsx', {
      preValidation: roles('policy', 'finance'),
      schema: { tags, summary: 'The report of a finished job as a workbook (XLSX)', params: JobParams, response: { 200: z.any().describe('XLSX workbook'), ...errors, 409: ErrorBody } },
    }, async (request, reply) => {
      const job = jobs.get(requireActor(request), request.params.id);
      if (job.status !== 'done' || !job.report) throw conflict(`simulation job ${job.id} is ${job.status}: only a finished job has a report`);
      const bytes = await simulationXlsx(job.report as SimulationReport);
      return reply.header('content-type', XLSX_MEDIA_TYPE).header('content-disposition', `attachment; filename="simulation-${job.population}.xlsx"`).send(bytes);
    });

    app.post('/simulations', {
      preValidation: roles('policy', 'finance'),
      schema: {
        tags,
        summary: `Budget impact of the current pack and parameters on a stored population (up to ${API_MAX_POPULATION} profiles); with a reform, baseline against reform`,
        body: SimulationBody,
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
