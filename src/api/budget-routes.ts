// Budget lines (预算指标), their movements, and the reservations cases hold: finance manages, the auditor
// and the policy office read.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../services/actor.ts';
import { allocateToLine, createLine, lineMovements, listLines, listReservations } from '../services/budget.ts';
import { requireActor } from './auth-plugin.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';
import { idempotent } from './idempotency.ts';

const tags = ['budget'];
const Yuan = z.number().int();
export const BudgetLineBody = z.object({
  id: z.string(), year: z.number().int(), label: z.string(), pack_budget: z.string().nullable(), provision: z.string().nullable(),
  allocated_yuan: Yuan, available_yuan: Yuan, reserved_yuan: Yuan, disbursed_yuan: Yuan,
});
const MovementBody = z.object({
  id: z.number().int(), key: z.string(), operation: z.string(), line: z.string(), case_id: z.string().nullable(), amount_yuan: Yuan, at: z.string(), actor: z.string(),
});
const ReservationBody = z.object({
  application_id: z.string(), beneficiary_name: z.string(), provision: z.string(), line: z.string(), reserved_yuan: Yuan, disbursed_yuan: Yuan, status: z.string(),
});
const LineParams = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Checks the role before the body is validated: an anonymous caller learns 401, not what the body should be. */
export const roles = (...allowed: Role[]) => async (request: FastifyRequest) => {
  requireActor(request, ...allowed);
};

export function budgetRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.get('/budget/lines', {
      preValidation: roles('finance', 'auditor', 'policy'),
      schema: { tags, summary: 'Budget lines with their balances', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: z.object({ lines: z.array(BudgetLineBody) }), ...errors } },
    }, async (request) => ({ lines: await listLines(db, requireActor(request), request.query.year) }));

    app.post('/budget/lines', {
      preValidation: roles('finance'),
      schema: {
        tags, summary: 'Create an empty budget line (e.g. for one provision and year)',
        body: z.object({
          id: z.string().min(2).max(100), year: z.number().int().min(2000).max(2100), label: z.string().trim().min(1).max(500),
          provision: z.string().min(1).max(80).optional(), pack_budget: z.string().min(1).max(10).optional(),
        }),
        response: { 201: z.object({ line: BudgetLineBody }), ...errors },
      },
    }, async (request, reply) => {
      const line = await createLine(db, pack, requireActor(request), request.body);
      return reply.code(201).send({ line });
    });

    app.post('/budget/lines/:id/allocate', {
      preValidation: roles('finance'),
      schema: {
        tags, summary: 'Fund a line (Idempotency-Key required)', params: LineParams,
        body: z.object({ amount_yuan: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }),
        response: { 200: z.object({ line: BudgetLineBody, movement: MovementBody }), ...errors },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'finance');
      const answer = await idempotent(db, request, actor, 'budget.allocate', async (trx, key) => ({
        status: 200, body: await allocateToLine(trx, actor, request.params.id, request.body.amount_yuan, key),
      }));
      return reply.code(answer.status).send(answer.body);
    });

    app.get('/budget/lines/:id/movements', {
      preValidation: roles('finance', 'auditor'),
      schema: { tags, summary: 'Ledger movements of a line', params: LineParams, response: { 200: z.object({ movements: z.array(MovementBody) }), ...errors } },
    }, async (request) => ({ movements: await lineMovements(db, requireActor(request), request.params.id) }));

    app.get('/budget/reservations', {
      preValidation: roles('finance', 'auditor'),
      schema: { tags, summary: 'What each case holds on its line', querystring: z.object({ line: z.string().min(1).max(100).optional() }), response: { 200: z.object({ reservations: z.array(ReservationBody) }), ...errors } },
    }, async (request) => ({ reservations: await listReservations(db, requireActor(request), request.query.line) }));
  };
}
