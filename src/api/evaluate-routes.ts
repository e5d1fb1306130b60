// The policy calculator over HTTP: POST a profile, get every provision's result with its trace.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Calculator, EvaluationView, ProfileProblemsView } from '../services/evaluation.ts';
import { ErrorBody } from './errors.ts';

export function evaluateRoutes(calculator: Calculator): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const profileSchema = Calculator.profileJsonSchema() as Record<string, unknown>;
    app.post('/evaluate', {
      schema: {
        tags: ['calculator'],
        summary: 'Evaluate a beneficiary profile against every provision: status, amount, trace, missing facts, near misses',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          trace: z.enum(['true', 'false']).default('true'),
        }),
        body: z.unknown().describe('A beneficiary profile; see GET /api/v1/schema/profile'),
        response: { 200: EvaluationView, 400: z.union([ProfileProblemsView, ErrorBody]) },
      },
    }, async (request, reply) => {
      const outcome = calculator.evaluate(request.body, { year: request.query.year, trace: request.query.trace === 'true' });
      if (!outcome.ok) {
        return reply.code(400).send({
          error: { code: 'invalid_profile', message: `the profile has ${outcome.problems.length} problem(s): ${outcome.problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`, problems: outcome.problems },
        });
      }
      return outcome.evaluation;
    });
    app.get('/schema/profile', {
      schema: { tags: ['calculator'], summary: 'The beneficiary profile as JSON Schema', response: { 200: z.record(z.string(), z.unknown()) } },
    }, async () => profileSchema);
  };
}

