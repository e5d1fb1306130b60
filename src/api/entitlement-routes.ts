// Entitlements (免申即享) and the enterprise's inbox: an import of an official list offers the award it
// entitles to; the enterprise confirms (bank account, 信用承诺: an application is created, submitted) or
// declines; reviewers see their department's offers, the auditor all.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENTITLEMENT_STATUSES } from '../store/tables/index.ts';
import { confirmEntitlement, declineEntitlement } from '../services/entitlement-confirm.ts';
import { entitlementDetail, importEntitlements, inbox, listEntitlements, markRead } from '../services/entitlements.ts';
import { effectiveCalculator } from '../services/parameter-settings.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import { errors } from './case-schemas.ts';
import type { DeliveryContext } from './delivery-routes.ts';

const tags = ['entitlements'];
const IdParams = z.object({ id: z.string().min(1).max(100) });
const Status = z.enum(ENTITLEMENT_STATUSES);
const ImportRef = z.object({ id: z.string(), title: z.string(), file_name: z.string(), imported_at: z.string(), imported_by: z.string() });
const Entitlement = z.object({
  id: z.string(), credit_code: z.string(), beneficiary_name: z.string(), provision: z.string(), provision_title: z.object({ zh: z.string(), en: z.string() }),
  quote: z.string(), department: z.string(), year: z.number().int(), event_ref: z.string(), status: Status, engine_status: z.string(),
  amount_yuan: z.number().int().nullable(), amount_kind: z.string().nullable(), application_id: z.string().nullable(), application_status: z.string().nullable(),
  reason: z.string().nullable(), created_at: z.string(), decided_at: z.string().nullable(), version: z.number().int(), import: ImportRef,
});
const Detail = Entitlement.extend({
  result: z.unknown().describe('The engine\'s answer now, with the clause trace'), pledge_text: z.string(),
  bank_name: z.string().nullable(), bank_account: z.string().nullable(), contact_email: z.string().nullable(),
});
const Answer = z.object({ entitlement: Entitlement });
const List = z.object({ entitlements: z.array(Entitlement) });
const Message = z.object({
  id: z.number().int(), kind: z.enum(['entitlement', 'newly-eligible']), title: z.string(), body: z.string(), link: z.string(), created_at: z.string(), read_at: z.string().nullable(),
});

export function entitlementRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack, calculator } = context;
  const cases = { pack, calculator };
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.get('/me/entitlements', {
      preValidation: roles('enterprise'),
      schema: { tags, summary: 'The enterprise\'s own entitlements (免申即享), newest first', querystring: z.object({ status: Status.optional() }), response: { 200: List, ...errors } },
    }, async (request) => ({ entitlements: await listEntitlements(db, pack, requireActor(request, 'enterprise'), { status: request.query.status }) }));

    app.get('/entitlements', {
      preValidation: roles('reviewer', 'auditor'),
      schema: {
        tags, summary: 'Entitlements: a reviewer its department\'s, the auditor all',
        querystring: z.object({ status: Status.optional(), import: z.string().min(1).max(100).optional() }), response: { 200: List, ...errors },
      },
    }, async (request) => ({ entitlements: await listEntitlements(db, pack, requireActor(request), { status: request.query.status, importId: request.query.import }) }));

    app.get('/entitlements/:id', {
      preValidation: roles('enterprise', 'reviewer', 'auditor'),
      schema: { tags, summary: 'One entitlement: amount, the engine\'s clause trace, the import as evidence, the payee to prefill', params: IdParams, response: { 200: Detail, ...errors } },
    }, async (request) => entitlementDetail(db, await effectiveCalculator(db, calculator), requireActor(request), request.params.id));

    app.post('/entitlements/:id/confirm', {
      preValidation: roles('enterprise'),
      schema: {
        tags, summary: 'Confirm: the payee and the 信用承诺; creates the application, submitted (confirming again answers with the same case)', params: IdParams,
        body: z.object({
          bank_name: z.string().trim().min(1).max(200), bank_account: z.string().trim().min(1).max(60),
          contact_email: z.string().trim().max(254).nullable().optional(), pledge: z.boolean().describe('true: the enterprise accepts the 信用承诺'),
        }),
        response: { 200: Answer, ...errors },
      },
    }, async (request) => ({ entitlement: await confirmEntitlement(db, cases, requireActor(request, 'enterprise'), request.params.id, request.body) }));

    app.post('/entitlements/:id/decline', {
      preValidation: roles('enterprise'),
      schema: { tags, summary: 'Decline an offered entitlement, with the reason', params: IdParams, body: z.object({ reason: z.string().trim().min(1).max(2000) }), response: { 200: Answer, ...errors } },
    }, async (request) => ({ entitlement: await declineEntitlement(db, cases, requireActor(request, 'enterprise'), request.params.id, request.body.reason) }));

    app.get('/imports/:id/entitlements', {
      preValidation: roles('reviewer', 'admin', 'auditor'),
      schema: { tags, summary: 'The entitlements an import offered', params: IdParams, response: { 200: List, ...errors } },
    }, async (request) => ({ entitlements: await importEntitlements(db, pack, requireActor(request), request.params.id) }));

    app.get('/me/inbox', {
      preValidation: roles('enterprise'),
      schema: { tags, summary: 'The enterprise\'s inbox: offers to confirm, awards newly open to apply for', response: { 200: z.object({ messages: z.array(Message), unread: z.number().int() }), ...errors } },
    }, async (request) => inbox(db, requireActor(request, 'enterprise')));

    app.post('/me/inbox/:id/read', {
      preValidation: roles('enterprise'),
      schema: { tags, summary: 'Mark a message read', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: z.object({ message: Message }), ...errors } },
    }, async (request) => ({ message: await markRead(db, requireActor(request, 'enterprise'), request.params.id) }));
  };
}
