// The audit log for the auditor (审计): newest first, filtered, paged by sequence number; and the
// verification of its SM3 hash chain.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { verifyAudit } from '../services/audit.ts';
import { requireActor } from './auth-plugin.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';

const tags = ['audit'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };
const auditorOnly = async (request: FastifyRequest) => { requireActor(request, 'auditor'); };
const RecordBody = z.object({
  seq: z.number().int(), at: z.string(), actor: z.string(), action: z.string(), subject: z.string(), before: z.unknown(), after: z.unknown(), hash: z.string(),
});
const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function auditRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.get('/audit', {
      preValidation: auditorOnly,
      schema: {
        tags, summary: 'Audit records, newest first (page with next_before_seq)',
        querystring: z.object({
          subject: z.string().max(300).optional(), action: z.string().max(100).optional(), actor: z.string().max(300).optional(),
          before_seq: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ records: z.array(RecordBody), next_before_seq: z.number().int().nullable() }), ...errors },
      },
    }, async (request) => {
      const q = request.query;
      let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(q.limit);
      if (q.subject) query = query.where('subject', '=', q.subject);
      if (q.action) query = query.where('action', '=', q.action);
      if (q.actor) query = query.where('actor', '=', q.actor);
      if (q.before_seq !== undefined) query = query.where('seq', '<', q.before_seq);
      const rows = await query.execute();
      return {
        records: rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, subject: r.subject, before: parse(r.before), after: parse(r.after), hash: r.hash })),
        next_before_seq: rows.length === q.limit ? rows[rows.length - 1]!.seq : null,
      };
    });

    app.get('/audit/verify', {
      preValidation: auditorOnly,
      schema: {
        tags, summary: 'Verify the SM3 hash chain of the audit log',
        response: {
          200: z.object({
            ok: z.boolean(), records: z.number().int(), head: z.object({ seq: z.number().int(), hash: z.string() }),
            problems: z.array(z.object({ kind: z.string(), seq: z.number().int(), message: z.string() })), more: z.number().int(),
          }),
          ...errors,
        },
      },
    }, async () => verifyAudit(db));
  };
}
