// Routes that exist only when the server runs with its demo data (ZHIDA_DEMO is not 0): GET /demo tells the
// web app so (it then offers the demo steps); a reviewer may end a notice period now (demo-clock.ts); finance may
// download the bank confirmation of a batch as if the bank had paid every line (demo-bank.ts).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { demoBankConfirmationCsv } from '../services/demo-bank.ts';
import { endNoticePeriodForDemo } from '../services/demo-clock.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';

const tags = ['demo'];
const errors = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function demoRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.get('/demo', {
      schema: { tags, summary: 'Present only in demo mode', response: { 200: z.object({ demo: z.literal(true) }) } },
    }, async () => ({ demo: true as const }));

    app.post('/demo/notices/:id/end-period', {
      preValidation: roles('reviewer'),
      schema: {
        tags, summary: 'Demo mode: move the notice period of your department\'s notice into the past (audited)',
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ notice: z.string(), starts_on: z.string(), ends_on: z.string(), cases: z.number().int() }), ...errors },
      },
    }, async (request) => endNoticePeriodForDemo(db, requireActor(request, 'reviewer'), request.params.id));

    app.get('/demo/payouts/:id/bank-confirmation.csv', {
      preValidation: roles('finance'),
      schema: { tags, summary: 'Demo mode: the bank confirmation of a batch with every pending line paid (CSV)', params: z.object({ id: z.string().min(1).max(100) }), response: { 200: z.any().describe('CSV, UTF-8'), ...errors } },
    }, async (request, reply) => {
      const csv = await demoBankConfirmationCsv(db, requireActor(request, 'finance'), request.params.id);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="demo-bank-confirmation-${request.params.id}.csv"`).send(Buffer.from(csv, 'utf8'));
    });
  };
}
