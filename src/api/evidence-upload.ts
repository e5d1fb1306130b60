// Multipart uploads of evidence: @fastify/multipart with the size limit, one file in the field "file".
import fastifyMultipart from '@fastify/multipart';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EVIDENCE_MAX_BYTES, type Upload } from '../services/evidence.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ApiError } from './errors.ts';

export async function registerEvidenceUploads(plugin: FastifyInstance): Promise<void> {
  // Registering twice in one context fails; each route file is its own context.
  if (!plugin.hasRequestDecorator('file')) {
    await plugin.register(fastifyMultipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 5 }, throwFileSizeLimit: true });
  }
}

/** The evidence folder: outside every served folder (default ./data/evidence). */
export const evidenceDirOf = (context: DeliveryContext): string => context.evidenceDir ?? join(process.cwd(), 'data', 'evidence');

/** A parser error of a malformed multipart body (no boundary, cut short) is the client's: 400, not 500. */
export function malformedMultipart(error: unknown): unknown {
  if (error instanceof ApiError || typeof (error as { statusCode?: unknown }).statusCode === 'number') return error;
  return new ApiError('invalid_request', `the multipart/form-data body could not be read (${(error as Error).message}): send one field "file"`, [{ path: 'file', message: 'malformed multipart body' }]);
}

/** The file's bytes, with the parser's errors made client errors (the size limit's error passes through). */
async function* readable(stream: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw malformedMultipart(error);
  }
}

export async function uploadOf(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new ApiError('unsupported_media_type', 'send the file as multipart/form-data in a field "file"');
  const part = await request.file().catch((error: unknown) => { throw malformedMultipart(error); });
  if (!part || part.fieldname !== 'file') throw new ApiError('invalid_request', 'the multipart body needs a field "file" holding the evidence', [{ path: 'file', message: 'missing' }]);
  return { filename: part.filename, stream: Readable.from(readable(part.file)), truncated: () => part.file.truncated };
}
