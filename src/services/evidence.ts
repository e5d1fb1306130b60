// Evidence files (证明材料): the type is sniffed from the first bytes (never the client's content-type), the
// file is kept outside every served folder under its SHA-256 (written to a temporary file, then renamed, so
// a half-written file never has the final name; the same content is kept once), and a row in `evidence`
// is all that points to it.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { writeTransaction, type Db } from '../store/database.ts';
import { actorLabel, type Actor } from './actor.ts';
import { maySeeApplication, requireCaseReader, evidenceView, visibleApplication, type EvidenceView } from './application-views.ts';
import { appendAudit } from './audit.ts';
import { maySeeBeneficiary } from './beneficiaries.ts';
import { conflict, forbidden, notFound, ServiceError } from './errors.ts';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

export interface Sniffed {
  mediaType: string;
  label: string;
  extensions: readonly string[];
}

const SIGNATURES: { magic: number[]; type: Sniffed }[] = [
  { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { mediaType: 'application/pdf', label: 'a PDF document', extensions: ['pdf'] } },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { mediaType: 'image/png', label: 'a PNG image', extensions: ['png'] } },
  { magic: [0xff, 0xd8, 0xff], type: { mediaType: 'image/jpeg', label: 'a JPEG image', extensions: ['jpg', 'jpeg'] } },
  { magic: [0x50, 0x4b, 0x03, 0x04], type: { mediaType: 'application/zip', label: 'a ZIP or OFD archive', extensions: ['zip', 'ofd'] } },
];
const KNOWN_EXTENSIONS = new Set(SIGNATURES.flatMap((s) => s.type.extensions));

/** The accepted type of the content, from its first bytes; undefined when it is none of them. */
export function sniffMediaType(head: Uint8Array): Sniffed | undefined {
  return SIGNATURES.find((s) => s.magic.every((byte, i) => head[i] === byte))?.type;
}

/** The name as shown and sent back: the last path segment, no control characters, at most 200 characters. */
export function cleanFilename(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'evidence').slice(0, 200);
}

const extensionOf = (name: string): string => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

export interface Upload {
  filename: string | undefined;
  stream: Readable;
  /** True when the stream was cut at the size limit (the multipart parser's flag). */
  truncated(): boolean;
}

export interface Stored {
  sha256: string;
  size: number;
  type: Sniffed;
}

/** Streams the upload to a temporary file, hashing and sniffing on the way; refuses before renaming. */
export async function storeFile(dir: string, upload: Upload, filename: string): Promise<Stored> {
  const tmpDir = join(dir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmp = join(tmpDir, randomUUID());
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const handle = await open(tmp, 'wx', 0o600);
  try {
    try {
      for await (const chunk of upload.stream) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > EVIDENCE_MAX_BYTES) throw tooLarge();
        if (head.length < 16) head = Buffer.concat([head, buffer.subarray(0, 16 - head.length)]);
        hash.update(buffer);
        await handle.write(buffer);
      }
    } finally {
      await handle.close();
    }
    if (upload.truncated()) throw tooLarge();
    if (size === 0) throw new ServiceError('invalid', 'the file is empty', [{ path: 'file', message: 'empty' }]);
    const type = sniffMediaType(head);
    if (!type) throw new ServiceError('unsupported-media', 'the file is not a PDF, PNG, JPEG or OFD/ZIP file (judged by its content, not its name or declared type)');
    const extension = extensionOf(filename);
    if (KNOWN_EXTENSIONS.has(extension) && !type.extensions.includes(extension)) {
      throw new ServiceError('unsupported-media', `the file is named ${filename} but its content is ${type.label}: upload it under its true type`);
    }
    const sha256 = hash.digest('hex');
    const target = join(dir, sha256.slice(0, 2), sha256);
    await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
    const exists = await stat(target).then(() => true, () => false);
    if (exists) await rm(tmp, { force: true });
    else await rename(tmp, target);
    return { sha256, size, type };
  } catch (error) {
    await rm(tmp, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw error;
  }
}

const tooLarge = () => new ServiceError('too-large', `the file is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB`);

/** OFD (版式文档) is a ZIP container: the name tells which of the two the applicant sent. */
export const mediaTypeOf = (type: Sniffed, filename: string): string => (type.mediaType === 'application/zip' && extensionOf(filename) === 'ofd' ? 'application/ofd' : type.mediaType);

export interface EvidenceTarget {
  /** The case the file belongs to; null: a file of the beneficiary (cited by profile changes). */
  applicationId: string | null;
  creditCode: string;
}

async function saveEvidence(db: Db, dir: string, actor: Actor, target: EvidenceTarget, upload: Upload): Promise<EvidenceView> {
  const filename = cleanFilename(upload.filename);
  const stored = await storeFile(dir, upload, filename);
  return writeTransaction(db, async (trx) => {
    const row = await trx.insertInto('evidence').values({
      id: randomUUID(), credit_code: target.creditCode, application_id: target.applicationId, filename, media_type: mediaTypeOf(stored.type, filename),
      size_bytes: stored.size, sha256: stored.sha256, uploaded_by: actor.id, uploaded_at: new Date().toISOString(),
    }).returningAll().executeTakeFirstOrThrow();
    const view = evidenceView(row);
    await appendAudit(trx, { actor: actorLabel(actor), action: 'evidence.upload', subject: target.applicationId ? `application:${target.applicationId}` : `beneficiary:${target.creditCode}`, after: view });
    return view;
  });
}

const OPEN_FOR_EVIDENCE = new Set(['draft', 'submitted', 'returned']);

/** A file for the enterprise's own case, while the case is open (draft, submitted or returned). */
export async function uploadCaseEvidence(db: Db, dir: string, actor: Actor, applicationId: string, upload: Upload): Promise<EvidenceView> {
  if (actor.role !== 'enterprise') throw forbidden(`a ${actor.role} account may not upload evidence: the applicant does`);
  const row = await visibleApplication(db, actor, applicationId);
  if (!OPEN_FOR_EVIDENCE.has(row.status)) throw conflict(`application ${applicationId} is ${row.status}: evidence can be added to a draft, submitted or returned case`);
  return saveEvidence(db, dir, actor, { applicationId, creditCode: row.credit_code }, upload);
}

/** A file of the enterprise itself (a certificate, a statement), to cite in profile changes. */
export async function uploadBeneficiaryEvidence(db: Db, dir: string, actor: Actor, code: string, upload: Upload): Promise<EvidenceView> {
  if (actor.role !== 'enterprise') throw forbidden(`a ${actor.role} account may not upload evidence: the enterprise does`);
  if (actor.creditCode !== code) throw notFound(`beneficiary ${code}`);
  return saveEvidence(db, dir, actor, { applicationId: null, creditCode: code }, upload);
}

export interface EvidenceFile {
  evidence: EvidenceView;
  open(): ReadStream;
}

/** The file, for whoever may see its case (or, for a beneficiary's file, the beneficiary). */
export async function evidenceFile(db: Db, dir: string, actor: Actor, id: string): Promise<EvidenceFile> {
  requireCaseReader(actor);
  const row = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`evidence ${id}`);
  if (row.application_id) {
    const application = await db.selectFrom('applications').select(['credit_code', 'department', 'status']).where('id', '=', row.application_id).executeTakeFirst();
    if (!application || !maySeeApplication(actor, application)) throw notFound(`evidence ${id}`);
  } else if (!(await maySeeBeneficiary(db, actor, row.credit_code))) {
    throw notFound(`evidence ${id}`);
  }
  const path = join(dir, row.sha256.slice(0, 2), row.sha256);
  return { evidence: evidenceView(row), open: () => createReadStream(path) };
}
