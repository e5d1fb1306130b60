// Targets and responsibilities (目标责任): the targets with their pace, progress reports and corrections by the
// responsible departments, the lead department's decomposition, and overdue reminders. Signed-in only;
// enterprises may not read them. Notes: docs/targets.md.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PACE_RULE, PACE_STATUSES, type PaceStatus } from '../core/pace.ts';
import { uploadTargetEvidence, targetEvidenceFile } from '../services/target-evidence.ts';
import { assignTarget, fileReport } from '../services/target-reports.ts';
import { getTarget, listReminders, listTargets, requireTargetReader } from '../services/targets.ts';
import { requireActor } from './auth-plugin.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';
import { evidenceDirOf, registerEvidenceUploads, uploadOf } from './evidence-upload.ts';
import { IDEMPOTENCY_HEADER, idempotent } from './idempotency.ts';

const tags = ['targets'];
const Bilingual = z.object({ zh: z.string(), en: z.string() });
const Status = z.enum(PACE_STATUSES as [string, ...string[]]);
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const TargetViewBody = z.object({
  id: z.string(), kind: z.enum(['target', 'milestone']), article: z.string().nullable(), domain: z.string(), metric: Bilingual,
  target: z.object({
    value: z.number(), numerator: z.number().int().optional(), denominator: z.number().int().optional(), unit: z.string(),
    direction: z.enum(['>=', '>', '=']), firmness: z.enum(['firm', 'plain', 'soft']), marker: z.string().optional(),
  }),
  quote: z.string(), responsible: z.array(z.string()), lead: z.string(), derived: z.boolean(),
  latest: z.object({ value: z.number(), asOf: z.string(), reportId: z.string(), by: z.string() }).nullable(),
  pace: z.object({ status: Status, expected: z.number().nullable(), forecast: z.number().nullable(), rule: z.string() }),
  due: z.object({ nextReportBy: z.string().nullable(), overdue: z.boolean() }),
});
export const ReportViewBody = z.object({
  id: z.string(), targetId: z.string(), unit: z.string(), value: z.number(), asOf: z.string(), note: z.string().nullable(),
  evidence: z.object({ url: z.string().optional(), fileName: z.string().optional(), sha256: z.string().optional() }).nullable(),
  reportedBy: z.string(), reportedAt: z.string(), supersedes: z.string().nullable(), supersededBy: z.string().nullable(), demo: z.boolean(),
});
const AssignmentViewBody = z.object({
  unit: z.string(), share: z.number().int().nullable(), value: z.number().nullable(), owner: z.string(), assignedBy: z.string(), assignedAt: z.string(), version: z.number().int(),
});
const DetailBody = TargetViewBody.omit({ article: true }).extend({
  reports: z.array(ReportViewBody), assignments: z.array(AssignmentViewBody), provisions: z.array(z.object({ id: z.string(), title: z.string() })),
  article: z.object({ id: z.string(), title: z.string(), text: z.string() }), articleId: z.string().nullable(),
});
const EvidenceBody = z.object({ fileName: z.string(), sha256: z.string(), mediaType: z.string(), size: z.number().int() });
const Params = z.object({ id: z.string().min(2).max(10) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Role checked before the body or query: anonymous → 401, an enterprise → 403, before any 400. */
const readers = async (request: FastifyRequest) => {
  requireTargetReader(requireActor(request));
};
const reviewers = async (request: FastifyRequest) => {
  requireActor(request, 'reviewer');
};

export function targetRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    await registerEvidenceUploads(plugin);
    const app = plugin.withTypeProvider<ZodTypeProvider>();
    app.get('/targets', {
      preValidation: readers,
      schema: {
        tags, summary: 'The targets (K01–K71) and milestones (KM1–KM8) with their latest value, pace and due report',
        querystring: z.object({
          status: Status.optional(), domain: z.string().regex(/^d\d$/i).optional(), department: z.string().min(1).max(60).optional(),
          article: z.string().regex(/^A\d{2}$/i).optional(), asOf: DateText.optional(),
        }),
        response: { 200: z.object({ asOf: z.string(), rule: Bilingual, targets: z.array(TargetViewBody) }), ...errors },
      },
    }, async (request) => {
      const result = await listTargets(db, pack, requireActor(request), { ...request.query, status: request.query.status as PaceStatus | undefined });
      return { ...result, rule: PACE_RULE };
    });

    app.get('/targets/reminders', {
      preValidation: readers,
      schema: {
        tags, summary: 'Overdue reports: monthly, as of the month end, due by the 10th of the next month',
        querystring: z.object({ department: z.string().min(1).max(60).optional(), asOf: DateText.optional() }),
        response: { 200: z.array(z.object({ targetId: z.string(), unit: z.string(), dueBy: z.string(), lastReportAsOf: z.string().nullable() })), ...errors },
      },
    }, async (request) => listReminders(db, pack, requireActor(request), request.query));

    app.get('/targets/:id', {
      preValidation: readers,
      schema: {
        tags, summary: 'One target with its reports (newest first, corrections marked), decomposition, provisions and article',
        params: Params, querystring: z.object({ asOf: DateText.optional() }), response: { 200: DetailBody, ...errors },
      },
    }, async (request) => getTarget(db, pack, requireActor(request), request.params.id, request.query.asOf));

    app.post('/targets/:id/reports', {
      preValidation: reviewers,
      schema: {
        tags, summary: 'Report a value as of a date (a responsible department); with supersedes, a correction of an earlier report',
        params: Params,
        // Types are checked by the service, so that every problem names its field the same way.
        body: z.object({
          unit: z.unknown().optional().describe('the reporting department (default: the account\'s)'),
          value: z.unknown().optional().describe('in the target\'s unit (a share as 0–1), or in valueUnit'),
          valueUnit: z.unknown().optional().describe('e.g. 万元 for a target in 亿元'),
          asOf: z.unknown().optional().describe('YYYY-MM-DD, in the policy year, not in the future'),
          note: z.unknown().optional(), evidenceUrl: z.unknown().optional(), evidenceFileName: z.unknown().optional(), evidenceSha256: z.unknown().optional(),
          supersedes: z.unknown().optional().describe('id of the report this one corrects'),
        }),
        response: { 201: ReportViewBody, ...errors },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'reviewer');
      const file = (trx: typeof db) => fileReport(trx, pack, actor, request.params.id, request.body);
      if (request.headers[IDEMPOTENCY_HEADER] === undefined) return reply.code(201).send(await file(db));
      // With an Idempotency-Key, a retried submission returns the first report instead of filing it twice.
      const answer = await idempotent(db, request, actor, 'targets.report', async (trx) => ({ status: 201, body: await file(trx) }));
      return reply.code(answer.status).send(answer.body);
    });

    app.post('/targets/:id/evidence', {
      preValidation: reviewers,
      schema: {
        tags, summary: 'Upload a file to cite in a report (multipart field "file"; PDF, PNG, JPEG, OFD/ZIP by content; ≤ 10 MiB): send its fileName and sha256 with the report',
        params: Params, response: { 201: EvidenceBody, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (request, reply) => {
      const evidence = await uploadTargetEvidence(evidenceDirOf(context), pack, requireActor(request, 'reviewer'), request.params.id, await uploadOf(request));
      return reply.code(201).send(evidence);
    });

    app.get('/targets/:id/evidence/:sha256', {
      preValidation: readers,
      schema: { tags, summary: 'A file a report of the target cites', params: Params.extend({ sha256: z.string().max(64) }), response: { 200: z.any().describe('the file'), ...errors } },
    }, async (request, reply) => {
      const file = await targetEvidenceFile(db, evidenceDirOf(context), requireActor(request), request.params.id, request.params.sha256);
      const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
      return reply.header('content-type', file.mediaType)
        .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store')
        .send(file.open());
    });

    app.put('/targets/:id/assignments', {
      preValidation: reviewers,
      schema: {
        tags, summary: 'Decompose a target among its responsible units (the domain\'s lead department): shares adding to 100 or values adding to the target',
        params: Params,
        body: z.object({ parts: z.unknown().optional() }),
        response: { 200: z.array(AssignmentViewBody), ...errors },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'reviewer');
      const assign = (trx: typeof db) => assignTarget(trx, pack, actor, request.params.id, request.body.parts);
      if (request.headers[IDEMPOTENCY_HEADER] === undefined) return assign(db);
      const answer = await idempotent(db, request, actor, 'targets.assign', async (trx) => ({ status: 200, body: await assign(trx) }));
      return reply.code(answer.status).send(answer.body);
    });
  };
}
