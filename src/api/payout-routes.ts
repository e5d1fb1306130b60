// Payouts (支付): finance builds batches of payable cases, downloads the treasury payment order and uploads
// the bank's confirmation; the auditor reads. Money-moving requests carry an Idempotency-Key.
import { createHash } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applyConfirmation } from '../services/payout-confirmation.ts';
import { treasuryOrderXlsx, XLSX_MEDIA_TYPE } from '../services/payout-files.ts';
import { batchView, buildBatch, listBatches, listPayable } from '../services/payouts.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ApiError, ErrorBody } from './errors.ts';
import { malformedMultipart } from './evidence-upload.ts';
import { idempotent } from './idempotency.ts';

const tags = ['payouts'];
/** A bank confirmation is a few hundred lines; 10 MiB is far more than one needs. */
const CONFIRMATION_MAX_BYTES = 10 * 1024 * 1024;

const ItemBody = z.object({
  application_id: z.string(), beneficiary_name: z.string(), credit_code: z.string(), bank_name: z.string().nullable(), bank_account: z.string().nullable(),
  amount_yuan: z.number().int(), status: z.enum(['pending', 'paid', 'failed']), bank_reference: z.string().nullable(),
  settled_at: z.string().nullable(), failure_reason: z.string().nullable(),
});
const BatchBody = z.object({
  id: z.string(), created_at: z.string(), created_by: z.string(), status: z.enum(['open', 'exported', 'settled']),
  total_yuan: z.number().int(), item_count: z.number().int(), items: z.array(ItemBody),
});
const ApplicationBody = z.object({
  id: z.string(), credit_code: z.string(), beneficiary_name: z.string(), provision: z.string(), provision_title: z.object({ zh: z.string(), en: z.string() }),
  catalogue: z.string().nullable(), article: z.string().nullable(), department: z.string(), year: z.number().int(), event_ref: z.string(), status: z.string(),
  requested_yuan: z.number().int().nullable(), engine_status: z.string().nullable(), engine_amount_yuan: z.number().int().nullable(),
  engine_amount_kind: z.string().nullable(), granted_yuan: z.number().int().nullable(), budget_line: z.string().nullable(), reason: z.string().nullable(),
  notice_id: z.string().nullable(), notice_ends_on: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
  submitted_at: z.string().nullable(), decided_at: z.string().nullable(), paid_at: z.string().nullable(), version: z.number().int(),
});
const BatchParams = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** The uploaded file's bytes (multipart field "file"). */
async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new ApiError('unsupported_media_type', 'send the confirmation as multipart/form-data with a field "file"');
  const part = await request.file().catch((error: unknown) => { throw malformedMultipart(error); });
  if (!part || part.fieldname !== 'file') throw new ApiError('invalid_request', 'the multipart body needs a field "file" holding the confirmation', [{ path: 'file', message: 'missing' }]);
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError('payload_too_large', `the confirmation is larger than ${CONFIRMATION_MAX_BYTES} bytes`);
    throw malformedMultipart(error);
  }
}

export function payoutRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    // Another area may have registered multipart on a parent already: registering twice would fail.
    if (!plugin.hasRequestDecorator('file')) {
      await plugin.register(fastifyMultipart, { limits: { fileSize: CONFIRMATION_MAX_BYTES, files: 1, fields: 5 }, throwFileSizeLimit: true });
    }
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.get('/payouts/payable', {
      preValidation: roles('finance'),
      schema: { tags, summary: 'Payable cases not yet in a live batch', response: { 200: z.object({ applications: z.array(ApplicationBody) }), ...errors } },
    }, async (request) => ({ applications: await listPayable(db, pack, requireActor(request, 'finance')) }));

    app.post('/payouts', {
      preValidation: roles('finance'),
      schema: {
        tags, summary: 'Build a payout batch from payable cases (Idempotency-Key required)',
        // The router's params object has no plain prototype; the schema makes it one the request hash can read.
        params: z.object({}),
        body: z.object({ application_ids: z.array(z.string().min(1).max(100)).min(1).max(1000).optional() }).optional(),
        response: { 201: z.object({ batch: BatchBody, skipped: z.array(z.object({ application_id: z.string(), reason: z.string() })) }), ...errors },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'finance');
      const answer = await idempotent(db, request, actor, 'payout.batch', async (trx, key) => ({
        status: 201, body: await buildBatch(trx, actor, key, request.body?.application_ids),
      }));
      return reply.code(answer.status).send(answer.body);
    });

    app.get('/payouts', {
      preValidation: roles('finance', 'auditor'),
      schema: { tags, summary: 'Payout batches, newest first', response: { 200: z.object({ batches: z.array(BatchBody) }), ...errors } },
    }, async (request) => ({ batches: await listBatches(db, requireActor(request)) }));

    app.get('/payouts/:id', {
      preValidation: roles('finance', 'auditor'),
      schema: { tags, summary: 'One payout batch (bank accounts in full for finance only)', params: BatchParams, response: { 200: z.object({ batch: BatchBody }), ...errors } },
    }, async (request) => ({ batch: await batchView(db, requireActor(request), request.params.id) }));

    app.get('/payouts/:id/treasury.xlsx', {
      preValidation: roles('finance', 'auditor'),
      schema: { tags, summary: 'The treasury payment order (国库集中支付 支付清单) of a batch', params: BatchParams, response: { 200: z.any().describe('XLSX workbook, sheet 支付清单'), ...errors } },
    }, async (request, reply) => {
      const bytes = await treasuryOrderXlsx(db, pack, requireActor(request), request.params.id);
      return reply.header('content-type', XLSX_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="${request.params.id}-treasury.xlsx"`).send(bytes);
    });

    app.post('/payouts/:id/confirmation', {
      preValidation: roles('finance'),
      schema: {
        tags, summary: 'Apply the bank confirmation (multipart "file": CSV UTF-8/GBK or XLSX; Idempotency-Key required)', params: BatchParams,
        response: {
          200: z.object({ batch: BatchBody, paid: z.array(z.string()), failed: z.array(z.string()), unchanged: z.array(z.string()) }),
          ...errors, 413: ErrorBody, 415: ErrorBody,
        },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'finance');
      const file = await uploadedFile(request);
      // The key's request is the file: the same key with another file is refused, not answered with the first.
      (request as { body: unknown }).body = { file_sha256: createHash('sha256').update(file).digest('hex') };
      const answer = await idempotent(db, request, actor, 'payout.confirmation', async (trx) => ({
        status: 200, body: await applyConfirmation(trx, actor, request.params.id, file),
      }));
      return reply.code(answer.status).send(answer.body);
    });
  };
}
