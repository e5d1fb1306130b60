// Evidence files of progress reports (报送佐证材料): stored like case evidence — sniffed by content, kept
// outside every served folder under their SHA-256 (evidence.ts) — and cited by a report through its file
// name and SHA-256. A file is handed out only when a report cites it, to whoever may read targets.
import { createReadStream, type ReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import type { Actor } from './actor.ts';
import { forbidden, notFound } from './errors.ts';
import { cleanFilename, mediaTypeOf, sniffMediaType, storeFile, type Upload } from './evidence.ts';
import { targetDef } from './targets-catalogue.ts';
import { requireTargetReader } from './targets.ts';

export interface TargetEvidence {
  fileName: string;
  sha256: string;
  mediaType: string;
  size: number;
}

/** Stores a file a department will cite in a report on the target (a department responsible for it). */
export async function uploadTargetEvidence(dir: string, pack: Pack, actor: Actor, targetId: string, upload: Upload): Promise<TargetEvidence> {
  const def = targetDef(pack, targetId);
  if (!def) throw notFound(`target ${targetId}`);
  if (actor.role !== 'reviewer' || !actor.department || !def.responsible.includes(actor.department)) {
    throw forbidden(`only a responsible unit of ${def.id} (${def.responsible.join('、')}) adds evidence to its reports`);
  }
  const fileName = cleanFilename(upload.filename);
  const stored = await storeFile(dir, upload, fileName);
  return { fileName, sha256: stored.sha256, mediaType: mediaTypeOf(stored.type, fileName), size: stored.size };
}

/** The file a report of the target cites under this SHA-256. */
export async function targetEvidenceFile(db: Db, dir: string, actor: Actor, targetId: string, sha256: string): Promise<{ fileName: string; mediaType: string; open(): ReadStream }> {
  requireTargetReader(actor);
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw notFound(`evidence ${sha256}`);
  const report = await db.selectFrom('target_reports').select(['evidence_file_name']).where('target_id', '=', targetId.toUpperCase())
    .where('evidence_sha256', '=', sha256).orderBy('reported_at', 'desc').executeTakeFirst();
  if (!report) throw notFound(`evidence ${sha256} of ${targetId}`);
  const path = join(dir, sha256.slice(0, 2), sha256);
  const handle = await open(path, 'r').catch(() => { throw notFound(`evidence ${sha256} of ${targetId}`); });
  const head = Buffer.alloc(16);
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  const fileName = report.evidence_file_name ?? sha256;
  const type = sniffMediaType(head);
  return { fileName, mediaType: type ? mediaTypeOf(type, fileName) : 'application/octet-stream', open: () => createReadStream(path) };
}
