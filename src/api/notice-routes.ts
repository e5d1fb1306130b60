// Public notice (公示): reviewers publish and close; anyone reads the notices (and their spreadsheet) and
// may object during the period.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noticeXlsx } from '../services/notice-files.ts';
import { closeNotice, getNotice, listNotices, publishNotice } from '../services/notices.ts';
import { fileObjection, OBJECTION_TEXT_MAX, resolveObjection } from '../services/objections.ts';
import { XLSX_MEDIA_TYPE } from '../services/payout-files.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody, notFound } from './errors.ts';

const tags = ['notices'];
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a YYYY-MM-DD date');
const NoticeItemBody = z.object({
  application_id: z.string(), beneficiary_name: z.string(), credit_code_masked: z.string(), provision_title: z.string(),
  catalogue: z.string().nullable(), amount_yuan: z.number().int(), status: z.string(), open_objections: z.number().int(),
});
const NoticeBody = z.object({
  id: z.string(), title: z.string(), department: z.string(), published_at: z.string(), starts_on: z.string(), ends_on: z.string(),
  items: z.array(NoticeItemBody), open_objections: z.number().int(),
});
const ObjectionBody = z.object({
  id: z.string(), notice_id: z.string(), application_id: z.string(), at: z.string(), objector: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']), resolution: z.string().nullable(), resolved_at: z.string().nullable(),
});
const NoticeParams = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export function noticeRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.post('/notices', {
      preValidation: roles('reviewer'),
      schema: {
        tags, summary: 'Publish approved cases of your department for public notice (公示)',
        body: z.object({
          application_ids: z.array(z.string().min(1).max(100)).min(1).max(500), title: z.string().trim().min(1).max(200).optional(),
          working_days: z.number().int().min(1).max(30).optional(), holidays: z.array(DateText).max(60).optional(),
        }),
        response: { 201: z.object({ notice: NoticeBody }), ...errors },
      },
    }, async (request, reply) => {
      const { application_ids, title, working_days, holidays } = request.body;
      const notice = await publishNotice(db, pack, requireActor(request, 'reviewer'), { applicationIds: application_ids, title, workingDays: working_days, holidays });
      return reply.code(201).send({ notice });
    });

    app.get('/notices', {
      schema: { tags, summary: 'Public notices (anyone)', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: z.object({ notices: z.array(NoticeBody) }), 400: ErrorBody } },
    }, async (request) => ({ notices: await listNotices(db, pack, request.query.limit) }));

    app.get('/notices/:id', {
      schema: { tags, summary: 'One public notice (anyone)', params: NoticeParams, response: { 200: z.object({ notice: NoticeBody }), 404: ErrorBody } },
    }, async (request) => {
      const notice = await getNotice(db, pack, request.params.id);
      if (!notice) throw notFound(`notice ${request.params.id}`);
      return { notice };
    });

    app.get('/notices/:id/xlsx', {
      schema: { tags, summary: 'The notice as a spreadsheet (公示名单; identifiers masked)', params: NoticeParams, response: { 200: z.any().describe('XLSX workbook, sheet 公示名单'), 404: ErrorBody } },
    }, async (request, reply) => {
      const file = await noticeXlsx(db, pack, request.params.id);
      return reply.header('content-type', XLSX_MEDIA_TYPE)
        .header('content-disposition', `attachment; filename="${file.filename}"`).send(file.bytes);
    });

    app.post('/notices/:id/objections', {
      schema: {
        tags, summary: 'Object to a case on notice (anyone, during the period)', params: NoticeParams,
        body: z.object({
          application_id: z.string().min(1).max(100), objector: z.string().trim().min(1).max(200), contact: z.string().trim().max(200).optional(),
          text: z.string().trim().min(1).max(OBJECTION_TEXT_MAX),
        }),
        response: { 201: z.object({ objection: ObjectionBody }), 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    }, async (request, reply) => {
      const objection = await fileObjection(db, request.actor, request.params.id, request.body);
      return reply.code(201).send({ objection });
    });

    app.post('/objections/:id/resolve', {
      preValidation: roles('reviewer'),
      schema: {
        tags, summary: 'Resolve an objection: upheld rejects the case and releases its reservation', params: NoticeParams,
        body: z.object({ decision: z.enum(['upheld', 'dismissed']), resolution: z.string().trim().min(1).max(OBJECTION_TEXT_MAX) }),
        response: { 200: z.object({ objection: ObjectionBody }), ...errors },
      },
    }, async (request) => ({ objection: await resolveObjection(db, requireActor(request, 'reviewer'), request.params.id, request.body) }));

    app.post('/notices/:id/close', {
      preValidation: roles('reviewer'),
      schema: {
        tags, summary: 'End the notice period: cases without an open objection become payable (409 before it ends)', params: NoticeParams,
        response: { 200: z.object({ notice: NoticeBody, payable: z.array(z.string()), held: z.array(z.string()) }), ...errors },
      },
    }, async (request) => closeNotice(db, pack, requireActor(request, 'reviewer'), request.params.id));
  };
}
