// Official list imports (名单导入): a department's reviewer (科技局 for 新认定高新技术企业) or, for the credit
// list, finance or an admin uploads the list; the answer is the import with its row report, which stays
// downloadable (JSON or CSV). The same file again is answered with the first import (200, replayed).
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIST_MAX_BYTES } from '../services/list-import-files.ts';
import { getImport, importList, listImports, reportCsv } from '../services/list-import.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ApiError, ErrorBody } from './errors.ts';
import { malformedMultipart } from './evidence-upload.ts';

const tags = ['imports'];
const ImportBody = z.object({
  id: z.string(), kind: z.string(), title: z.string(), mode: z.enum(['all-or-nothing', 'skip-bad']), status: z.enum(['applied', 'rejected']),
  file_name: z.string(), sha256: z.string(), size_bytes: z.number().int(), rows_total: z.number().int(), rows_ok: z.number().int(), rows_bad: z.number().int(),
  affected: z.array(z.string()).describe('Credit codes whose facts changed (or who became blocked): to evaluate again'),
  imported_by: z.string(), imported_at: z.string(), replayed: z.boolean(),
  offers: z.object({
    offered: z.number().int(), newly_eligible: z.number().int(),
    skipped: z.array(z.object({ credit_code: z.string(), provision: z.string(), reason: z.string() })),
  }).nullable().describe('免申即享: the entitlements the import offered, the events it skipped (with why), the 新可申报 messages sent'),
});
const RowBody = z.object({
  line: z.number().int(), credit_code: z.string(), name: z.string(), status: z.enum(['ok', 'error']),
  outcome: z.enum(['added', 'unchanged', 'listed']).optional(), message: z.string(),
});
const ImportWithReport = ImportBody.extend({ report: z.array(RowBody) });
const Params = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const IMPORTERS = ['reviewer', 'finance', 'admin'] as const;
const READERS = ['reviewer', 'finance', 'admin', 'auditor'] as const;

/** The list file and the fields kind and mode (multipart fields before the file, or query parameters). */
async function listUpload(request: FastifyRequest): Promise<{ bytes: Buffer; fileName: string; kind: string; mode: string }> {
  if (!request.isMultipart()) throw new ApiError('unsupported_media_type', 'send the list as multipart/form-data with the fields kind, mode and file');
  const part = await request.file().catch((error: unknown) => { throw malformedMultipart(error); });
  if (!part || part.fieldname !== 'file') throw new ApiError('invalid_request', 'the multipart body needs a field "file" holding the list', [{ path: 'file', message: 'missing' }]);
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError('payload_too_large', `the list is larger than ${LIST_MAX_BYTES} bytes (50 MiB)`);
    throw malformedMultipart(error);
  }
  const query = request.query as Record<string, string | undefined>;
  const field = (name: string): string => {
    const value = (part.fields[name] as { value?: unknown } | undefined)?.value;
    return typeof value === 'string' ? value : query[name] ?? '';
  };
  const kind = field('kind');
  const mode = field('mode');
  if (kind === '') throw new ApiError('invalid_request', 'kind is required (e.g. high-tech-new-2025 or credit-list), as a field before the file', [{ path: 'kind', message: 'missing' }]);
  if (mode === '') throw new ApiError('invalid_request', 'mode is required: all-or-nothing or skip-bad, as a field before the file', [{ path: 'mode', message: 'missing' }]);
  return { bytes, fileName: part.filename || 'list', kind, mode };
}

export function importRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack, calculator } = context;
  return async (plugin) => {
    if (!plugin.hasRequestDecorator('file')) {
      await plugin.register(fastifyMultipart, { limits: { fileSize: LIST_MAX_BYTES, files: 1, fields: 5 }, throwFileSizeLimit: true });
    }
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.post('/imports', {
      preValidation: roles(...IMPORTERS),
      schema: {
        tags, summary: 'Import an official list (multipart: kind, mode, then file; XLSX or CSV in UTF-8/GBK)',
        description: 'kind: high-tech-new-<year> (reviewers of 科技局, admin) or credit-list (finance, admin); mode: all-or-nothing or skip-bad. '
          + '201 with the import and its row report (status rejected when all-or-nothing met a bad row: nothing applied); 200 when the same file was imported before.',
        response: { 200: ImportWithReport, 201: ImportWithReport, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const upload = await listUpload(request);
      const result = await importList(db, actor, upload, { pack, calculator });
      // After the commit: the e-mails of the offers; a failure stays on the outbox row, the import stands.
      if (!result.replayed && context.flushMail) void context.flushMail();
      return reply.code(result.replayed ? 200 : 201).send(result);
    });

    app.get('/imports', {
      preValidation: roles(...READERS),
      schema: { tags, summary: 'List imports the caller may see, newest first', response: { 200: z.object({ imports: z.array(ImportBody) }), ...errors } },
    }, async (request) => ({ imports: await listImports(db, requireActor(request)) }));

    app.get('/imports/:id', {
      preValidation: roles(...READERS),
      schema: { tags, summary: 'One import with its row report', params: Params, response: { 200: ImportWithReport, ...errors } },
    }, async (request) => getImport(db, requireActor(request), request.params.id));

    app.get('/imports/:id/report', {
      preValidation: roles(...READERS),
      schema: {
        tags, summary: 'The row report: CSV (default, UTF-8 with BOM) or JSON (?format=json)', params: Params,
        querystring: z.object({ format: z.enum(['csv', 'json']).default('csv') }), response: { 200: z.any(), ...errors },
      },
    }, async (request, reply) => {
      const result = await getImport(db, requireActor(request), request.params.id);
      if (request.query.format === 'json') return reply.send({ id: result.id, report: result.report });
      return reply.header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${result.id}-report.csv"`).send(reportCsv(result));
    });
  };
}
