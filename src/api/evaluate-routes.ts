// The policy calculator over HTTP: POST a profile, get every provision's result with its trace, or the
// compact screening view (?view=summary) from the compiled rules.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Calculator, EvaluationSummaryView, EvaluationView, ProfileProblemsView } from '../services/evaluation.ts';
import type { ProfileProblem } from '../core/profile.ts';
import { ErrorBody } from './errors.ts';

// The answer is our own typed output: re-validating 40 KB of trace with zod on every response cost
// three times the evaluation. The zod schemas stay for /docs, and test/api/evaluate-api.test.ts parses
// the responses with them, so the shape stays checked.
const trustedJson = () => (data: unknown) => JSON.stringify(data);

function invalidProfile(problems: ProfileProblem[]) {
  return {
    error: { code: 'invalid_profile' as const, message: `the profile has ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.message.en}`).join('; ')}`, problems },
  };
}

/** A fixed calculator, or one looked up per request (with the policy office's parameter settings applied). */
export type CalculatorSource = Calculator | (() => Promise<Calculator>);

export function evaluateRoutes(source: CalculatorSource): FastifyPluginAsync {
  const currentCalculator = typeof source === 'function' ? source : async () => source;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    const profileSchema = Calculator.profileJsonSchema() as Record<string, unknown>;
    app.post('/evaluate', {
      schema: {
        tags: ['calculator'],
        summary: 'Evaluate a beneficiary profile against every provision: status, amount, trace, missing facts, near misses',
        description: 'view=full (default) explains every result (trace=false leaves the trace out); view=summary is the fast screening view: status, amount, amount kind and what each open result waits on.',
        querystring: z.object({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          trace: z.enum(['true', 'false']).default('true'),
          view: z.enum(['full', 'summary']).default('full'),
        }),
        body: z.unknown().describe('A beneficiary profile; see GET /api/v1/schema/profile'),
        response: { 200: z.union([EvaluationView, EvaluationSummaryView]), 400: z.union([ProfileProblemsView, ErrorBody]) },
      },
      serializerCompiler: trustedJson,
    }, async (request, reply) => {
      const { year, view, trace } = request.query;
      const calculator = await currentCalculator();
      if (view === 'summary') {
        const outcome = calculator.summarise(request.body, { year });
        return outcome.ok ? outcome.summary : reply.code(400).send(invalidProfile(outcome.problems));
      }
      const outcome = calculator.evaluate(request.body, { year, trace: trace === 'true' });
      return outcome.ok ? outcome.evaluation : reply.code(400).send(invalidProfile(outcome.problems));
    });
    app.get('/schema/profile', {
      schema: { tags: ['calculator'], summary: 'The beneficiary profile as JSON Schema', response: { 200: z.record(z.string(), z.unknown()) } },
    }, async () => profileSchema);
  };
}

