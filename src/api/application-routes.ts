// Applications (申报) and their evidence: the enterprise drafts, submits, withdraws and uploads; the reviewer
// of the provision's department returns, rejects or approves (approval reserves money: Idempotency-Key).
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { approveApplication } from '../services/application-approval.ts';
import { applicationDetail, listApplications } from '../services/application-views.ts';
import {
  createApplication, rejectApplication, returnApplication, submitApplication, withdrawApplication,
} from '../services/applications.ts';
import { evidenceFile, uploadCaseEvidence } from '../services/evidence.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import { ApplicationBody, ApplicationDetailBody, ApplicationStatusEnum, errors, EvidenceBody } from './case-schemas.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';
import { evidenceDirOf, registerEvidenceUploads, uploadOf } from './evidence-upload.ts';
import { idempotent } from './idempotency.ts';

const tags = ['applications'];
const IdParams = z.object({ id: z.string().min(1).max(100) });
const Answer = z.object({ application: ApplicationBody });
const Reason = z.string().trim().min(1).max(2000);

export function applicationRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack, calculator } = context;
  const cases = { pack, calculator };
  return async (plugin) => {
    await registerEvidenceUploads(plugin);
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.post('/applications', {
      preValidation: roles('enterprise'),
      schema: {
        tags, summary: 'Open a draft for a provision and year (facts and amount come from the stored profile)',
        body: z.object({
          provision: z.string().min(1).max(80), year: z.number().int().min(2000).max(2100),
          event_ref: z.string().trim().min(1).max(200).optional(), requested_yuan: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        }),
        response: { 201: Answer, ...errors },
      },
    }, async (request, reply) => {
      const application = await createApplication(db, cases, requireActor(request, 'enterprise'), request.body);
      return reply.code(201).send({ application });
    });

    app.get('/applications', {
      preValidation: roles('enterprise', 'reviewer', 'finance', 'auditor'),
      schema: {
        tags, summary: 'Cases the caller may see',
        querystring: z.object({
          status: ApplicationStatusEnum.optional(), provision: z.string().min(1).max(80).optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ applications: z.array(ApplicationBody) }), ...errors },
      },
    }, async (request) => ({ applications: await listApplications(db, pack, requireActor(request), request.query) }));

    app.get('/applications/:id', {
      preValidation: roles('enterprise', 'reviewer', 'finance', 'auditor'),
      schema: { tags, summary: 'A case with its timeline, the engine\'s decisions, evidence and objections', params: IdParams, response: { 200: ApplicationDetailBody, ...errors } },
    }, async (request) => applicationDetail(db, pack, requireActor(request), request.params.id));

    app.post('/applications/:id/submit', {
      preValidation: roles('enterprise'),
      schema: { tags, summary: 'Submit a draft or returned case (the engine decides whether it may be)', params: IdParams, body: z.object({ expected_version: z.number().int().min(1).optional() }).default({}), response: { 200: Answer, ...errors } },
    }, async (request) => ({ application: await submitApplication(db, cases, requireActor(request, 'enterprise'), request.params.id, request.body.expected_version) }));

    app.post('/applications/:id/withdraw', {
      preValidation: roles('enterprise'),
      schema: { tags, summary: 'Withdraw a draft, submitted or returned case', params: IdParams, body: z.object({ reason: z.string().trim().max(2000).optional() }).default({}), response: { 200: Answer, ...errors } },
    }, async (request) => ({ application: await withdrawApplication(db, cases, requireActor(request, 'enterprise'), request.params.id, request.body.reason) }));

    app.post('/applications/:id/return', {
      preValidation: roles('reviewer'),
      schema: { tags, summary: 'Return a submitted case to the applicant, with the reason', params: IdParams, body: z.object({ reason: Reason }), response: { 200: Answer, ...errors } },
    }, async (request) => ({ application: await returnApplication(db, cases, requireActor(request, 'reviewer'), request.params.id, request.body.reason) }));

    app.post('/applications/:id/reject', {
      preValidation: roles('reviewer'),
      schema: { tags, summary: 'Reject a submitted case, with the reason', params: IdParams, body: z.object({ reason: Reason }), response: { 200: Answer, ...errors } },
    }, async (request) => ({ application: await rejectApplication(db, cases, requireActor(request, 'reviewer'), request.params.id, request.body.reason) }));

    app.post('/applications/:id/approve', {
      preValidation: roles('reviewer'),
      schema: {
        tags, summary: 'Approve: the engine confirms, the annual cap holds, the grant is reserved on the budget line (Idempotency-Key required)', params: IdParams,
        body: z.object({ granted_yuan: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), note: z.string().trim().max(2000).optional(), expected_version: z.number().int().min(1).optional() }),
        response: { 200: Answer, ...errors },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'reviewer');
      const answer = await idempotent(db, request, actor, 'applications.approve', async (trx) => ({
        status: 200, body: { application: await approveApplication(trx, cases, actor, request.params.id, request.body) },
      }));
      return reply.code(answer.status).send(answer.body);
    });

    app.post('/applications/:id/evidence', {
      preValidation: roles('enterprise'),
      schema: {
        tags, summary: 'Upload evidence for the own case (multipart field "file"; PDF, PNG, JPEG, OFD/ZIP by content; ≤ 10 MiB)',
        params: IdParams, response: { 201: z.object({ evidence: EvidenceBody }), ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'enterprise');
      const evidence = await uploadCaseEvidence(db, evidenceDirOf(context), actor, request.params.id, await uploadOf(request));
      return reply.code(201).send({ evidence });
    });

    app.get('/evidence/:id', {
      preValidation: roles('enterprise', 'reviewer', 'finance', 'auditor'),
      schema: { tags, summary: 'The file, as an attachment, for those who may see its case', params: IdParams, response: { 200: z.any().describe('the file'), ...errors } },
    }, async (request, reply) => {
      const file = await evidenceFile(db, evidenceDirOf(context), requireActor(request), request.params.id);
      const ascii = file.evidence.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply
        .header('content-type', file.evidence.media_type)
        .header('content-length', String(file.evidence.size_bytes))
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.evidence.filename)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(file.open());
    });
  };
}
