// The audit log (审计日志): every state change and money movement, appended in the transaction that makes
// it, with who, when, what and the state before and after, in a hash chain — each record's hash covers its
// contents and the hash of the record before it, so changing, inserting or removing a record breaks the
// chain from there on. The tables refuse UPDATE and DELETE (migration 2026-11-26-001); verifyAudit finds
// what someone able to drop those triggers changed.
//
// The hash is SM3 (GM/T 0004-2012, the Chinese national cryptographic hash standard, 256-bit): systems of
// Chinese government bodies are expected to use the national (国密) algorithms, and an auditor checking this
// chain with their own tools will reach for SM3. Node's crypto provides it through OpenSSL.
import { createHash } from 'node:crypto';
import { forUpdate, readTransaction, writeTransaction, type Db } from '../store/database.ts';
import type { AuditRecordRow } from '../store/tables/index.ts';
import type { AuditProblem, AuditRecord, AuditReport } from './delivery-views.ts';

export type { AuditProblem, AuditProblemKind, AuditRecord, AuditReport } from './delivery-views.ts';

/** prev_hash of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  actor: string;
  /** e.g. ledger.reserve */
  action: string;
  /** e.g. budget-line:D01-2025 */
  subject: string;
  /** JSON-able state before (omitted: nothing existed). */
  before?: unknown;
  /** JSON-able state after (omitted: nothing remains). */
  after?: unknown;
}

/**
 * JSON with object keys sorted, so that one state has one text (and one hash) whatever order its object was
 * built in. undefined properties are left out, as JSON.stringify does; what JSON cannot carry is refused.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  const proto: unknown = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  throw new TypeError(`canonicalJson: cannot serialise ${typeof value === 'object' ? value?.constructor?.name : typeof value}`);
}

/**
 * SM3 over the record's stored columns in a fixed order, prev_hash included, as one JSON array: every
 * column is a string or an integer, so the serialisation is unambiguous (no field can run into the next)
 * and verification recomputes it from the row exactly as stored.
 */
export function auditHash(record: Omit<AuditRecordRow, 'hash'>): string {
  const canonical = JSON.stringify([record.seq, record.at, record.actor, record.action, record.subject, record.before, record.after, record.prev_hash]);
  return createHash('sm3').update(canonical, 'utf8').digest('hex');
}

const toText = (state: unknown): string | null => (state === undefined ? null : canonicalJson(state));

/**
 * Appends one record, in db's transaction when db is one (a ledger movement and its record commit or
 * vanish together). The chain's head row is locked (PostgreSQL) or the database is (SQLite's IMMEDIATE
 * transaction), so concurrent appends queue and each links to the one before. Call it last in a
 * transaction: the head is the last lock taken, so lock order stays line → head and holds are short.
 */
export function appendAudit(db: Db, event: AuditEvent): Promise<AuditRecordRow> {
  if (!event.actor || !event.action || !event.subject) throw new TypeError('an audit record needs an actor, an action and a subject');
  return writeTransaction(db, async (trx) => {
    const head = await forUpdate(trx, trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1)).executeTakeFirstOrThrow();
    const row = {
      seq: head.seq + 1, at: new Date().toISOString(), actor: event.actor, action: event.action, subject: event.subject,
      before: toText(event.before), after: toText(event.after), prev_hash: head.hash,
    };
    const record: AuditRecordRow = { ...row, hash: auditHash(row) };
    await trx.insertInto('audit_log').values(record).execute();
    const moved = await trx.updateTable('audit_head').set({ seq: record.seq, hash: record.hash }).where('id', '=', 1).where('seq', '=', head.seq).executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw new Error('the audit chain head moved during an append');
    return record;
  });
}

/** Records in order, optionally of one subject, from a sequence number on (for the auditor's view). */
export async function readAudit(db: Db, options: { subject?: string; afterSeq?: number; limit?: number } = {}): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().where('seq', '>', options.afterSeq ?? 0).orderBy('seq').limit(Math.min(options.limit ?? 100, 1000));
  if (options.subject !== undefined) query = query.where('subject', '=', options.subject);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, before: r.before === null ? undefined : JSON.parse(r.before), after: r.after === null ? undefined : JSON.parse(r.after) }));
}

const MAX_PROBLEMS = 100;
const span = (from: number, to: number) => (from === to ? `record ${from} was` : `records ${from}–${to} were`);
const PAGE = 1000;

/**
 * Walks the chain on one snapshot: every record's hash recomputed (altered), every link to the record
 * before (a record replaced with a re-computed hash, or inserted), every sequence number present
 * (deleted), and the head against the last record (records removed from, or added to, the end).
 */
export function verifyAudit(db: Db): Promise<AuditReport> {
  return readTransaction(db, async (trx) => {
    const problems: AuditProblem[] = [];
    let more = 0;
    const report = (p: AuditProblem) => (problems.length < MAX_PROBLEMS ? problems.push(p) : more++);
    const head = await trx.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
    let last = { seq: 0, hash: GENESIS_HASH };
    let records = 0;
    for (;;) {
      const page = await trx.selectFrom('audit_log').selectAll().where('seq', '>', last.seq).orderBy('seq').limit(PAGE).execute();
      for (const row of page) {
        records++;
        if (row.seq > last.seq + 1) {
          report({ kind: 'deleted', seq: last.seq + 1, message: `${span(last.seq + 1, row.seq - 1)} deleted: the chain goes from record ${last.seq} to ${row.seq}` });
        } else if (row.prev_hash !== last.hash) {
          report({ kind: 'relinked', seq: row.seq, message: `record ${row.seq} does not link to record ${last.seq}: record ${last.seq} was replaced (its hash recomputed) or ${row.seq} was inserted` });
        }
        const { hash, ...content } = row;
        if (auditHash(content) !== hash) report({ kind: 'altered', seq: row.seq, message: `record ${row.seq} (${row.action} ${row.subject}) was altered: its contents do not match its hash` });
        last = { seq: row.seq, hash: row.hash };
      }
      if (page.length < PAGE) break;
    }
    if (!head) {
      report({ kind: 'deleted', seq: 0, message: 'the chain head (audit_head) is missing' });
    } else if (head.seq > last.seq) {
      report({ kind: 'deleted', seq: last.seq + 1, message: `the chain ends at record ${last.seq} but its head is record ${head.seq}: ${span(last.seq + 1, head.seq)} deleted` });
    } else if (head.seq < last.seq) {
      report({ kind: 'inserted', seq: head.seq + 1, message: `${span(head.seq + 1, last.seq)} inserted after the chain's head (record ${head.seq})` });
    } else if (head.hash !== last.hash) {
      report({ kind: 'altered', seq: last.seq, message: `record ${last.seq} is not the record the chain's head names: replaced` });
    }
    return { ok: problems.length === 0, records, head: head ?? { seq: 0, hash: GENESIS_HASH }, problems, more };
  });
}
