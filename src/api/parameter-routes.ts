// Parameters the text leaves to implementing rules (实施细则): anyone may read them and what a change would
// reach; only the policy office sets them, each setting with its document.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { effectiveCalculator } from '../services/parameter-settings.ts';
import { loadParameters, parameterImpact, setParameter } from '../services/parameters.ts';
import { requireActor } from './auth-plugin.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';

const tags = ['parameters'];
const Bilingual = z.object({ zh: z.string(), en: z.string() });
const SettingBody = z.object({
  id: z.number().int(), parameter: z.string(), value: z.number().int(), effective_from: z.string(), effective_to: z.string().nullable(),
  document: z.string(), set_by: z.string(), set_at: z.string(),
});
const ParameterBody = z.object({
  id: z.string(), label: Bilingual, unit: z.string(), denominator: z.number().int().nullable(), quote: z.string(),
  provisions: z.array(z.string()), unset: z.boolean(),
  values: z.array(z.object({ from: z.string(), to: z.string().nullable(), value: z.number().int().nullable(), source: z.string() })),
  settings: z.array(SettingBody), effective_value: z.number().int().nullable(),
});
const ImpactBody = z.object({
  parameter: ParameterBody,
  provisions: z.array(z.object({ id: z.string(), title: Bilingual, catalogue: z.string() })),
  cases: z.object({ total: z.number().int(), open: z.number().int(), pending: z.number().int(), by_status: z.record(z.string(), z.number().int()) }),
  profiles_affected: z.number().int().optional(),
});
const Params = z.object({ id: z.string().min(1).max(120) });
/** The role is checked before the body: an anonymous caller learns 401, another role 403, not what to send. */
const policyOnly = async (request: FastifyRequest) => {
  requireActor(request, 'policy');
};
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function parameterRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.get('/parameters', {
      schema: {
        tags, summary: 'Parameters of the pack: stated values, those the text leaves unset (first), and settings by the policy office',
        querystring: z.object({ unset: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ parameters: z.array(ParameterBody) }), ...errors },
      },
    }, async (request) => ({ parameters: await loadParameters(db, pack, { unsetOnly: request.query.unset === 'true' }) }));

    app.get('/parameters/:id/impact', {
      schema: {
        tags, summary: 'What setting a parameter reaches: provisions reading it, their cases by status, pending profiles',
        params: Params, response: { 200: ImpactBody, ...errors },
      },
    }, async (request) => parameterImpact(db, pack, request.params.id, await effectiveCalculator(db, context.calculator)));

    app.post('/parameters/:id/settings', {
      preValidation: policyOnly,
      schema: {
        tags, summary: 'Set a parameter the text leaves unset, from a date, citing the implementing document (policy office)',
        params: Params,
        // Types are checked by the service so that each problem names its field in the same way.
        body: z.object({
          value: z.unknown().optional().describe('whole number ≥ 0 (percent: 0–100; ratio: the numerator over its denominator)'),
          effective_from: z.unknown().optional().describe('YYYY-MM-DD within the edition\'s validity'),
          effective_to: z.unknown().optional().describe('YYYY-MM-DD; default the end of the edition\'s validity'),
          document: z.unknown().optional().describe('the implementing document (实施细则) name and number'),
        }),
        response: { 201: z.object({ setting: SettingBody }), ...errors },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'policy');
      const setting = await setParameter(db, actor, pack, { parameter: request.params.id, ...request.body });
      return reply.code(201).send({ setting });
    });
  };
}
