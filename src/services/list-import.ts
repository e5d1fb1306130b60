// Importing an official list: the file is read and refused whole if it is not a list of its kind (400/413/
// 415, nothing stored); then, in ONE transaction, every row is checked against the beneficiaries as they are
// and the valid rows applied — all of them, or none when the user chose all-or-nothing and a row is bad.
// The import is recorded with a report of every row (line, ok/error, message) and the credit codes whose
// facts changed, so that a later step can evaluate exactly those. The same file again (SHA-256) in the same
// kind and mode is answered with the first import and changes nothing.
import { createHash, randomUUID } from 'node:crypto';
import { forUpdate, writeTransaction, type Db } from '../store/database.ts';
import type { ImportMode, ImportStatus, ListImportRow } from '../store/tables/index.ts';
import { actorLabel, type Actor } from './actor.ts';
import { appendAudit } from './audit.ts';
import type { Profile } from '../core/profile.ts';
import { emptyOfferPlan, OfferPlanner, writeOffers, type OfferContext } from './entitlement-offers.ts';
import { applyRecognitions, type ListedRecognition } from './list-apply.ts';
import type { OfferReport } from './entitlement-views.ts';
import { forbidden, invalid, notFound } from './errors.ts';
import { checkCreditListing, checkHighTech, checkRowShape, columnsOf, listKind, type ListKind, type ListRow, type RowCheck } from './list-import-kinds.ts';
import { readListFile } from './list-import-files.ts';

export const IMPORT_MODES: readonly ImportMode[] = ['all-or-nothing', 'skip-bad'];

export interface RowReport {
  line: number;
  credit_code: string;
  name: string;
  status: 'ok' | 'error';
  /** ok rows: added (facts changed), unchanged (already recorded), listed (credit list entry). */
  outcome?: 'added' | 'unchanged' | 'listed';
  message: string;
}

export interface ImportView {
  id: string;
  kind: string;
  title: string;
  mode: ImportMode;
  status: ImportStatus;
  file_name: string;
  sha256: string;
  size_bytes: number;
  rows_total: number;
  rows_ok: number;
  rows_bad: number;
  /** Beneficiaries whose facts changed (or who became blocked): the ones to evaluate again. */
  affected: string[];
  imported_by: string;
  imported_at: string;
  /** True when this answer is the earlier import of the same file. */
  replayed: boolean;
  /** The entitlements (免申即享) the import offered and the events it skipped, with why; null: none were considered. */
  offers: OfferReport | null;
}

export interface ImportResult extends ImportView {
  report: RowReport[];
}

export interface ImportInput {
  kind: string;
  mode: string;
  fileName: string;
  bytes: Buffer;
}

function mayImport(actor: Actor, kind: ListKind): boolean {
  if (kind.roles.includes(actor.role)) return true;
  return kind.department !== null && actor.role === 'reviewer' && actor.department === kind.department;
}

function mayRead(actor: Actor, kind: ListKind): boolean {
  return actor.role === 'auditor' || mayImport(actor, kind);
}

const viewOf = (row: ListImportRow, replayed: boolean): ImportView => ({
  id: row.id, kind: row.kind, title: listKind(row.kind).title, mode: row.mode, status: row.status, file_name: row.file_name, sha256: row.sha256,
  size_bytes: Number(row.size_bytes), rows_total: row.rows_total, rows_ok: row.rows_ok, rows_bad: row.rows_bad,
  affected: JSON.parse(row.affected) as string[], imported_by: row.imported_by_label, imported_at: row.imported_at, replayed,
  offers: row.offers ? JSON.parse(row.offers) as OfferReport : null,
});

const resultOf = (row: ListImportRow, replayed: boolean): ImportResult => ({ ...viewOf(row, replayed), report: JSON.parse(row.report) as RowReport[] });

/** Data rows with cells by column key; blank rows are left out (their line numbers stay counted). */
function dataRows(kind: ListKind, rows: string[][]): ListRow[] {
  const columns = columnsOf(kind, rows[0] ?? []);
  const out: ListRow[] = [];
  rows.slice(1).forEach((row, i) => {
    if (row.every((c) => c.trim() === '')) return;
    const cells: Record<string, string> = {};
    for (const [key, index] of columns) cells[key] = (row[index] ?? '').trim();
    if (cells.credit_code) cells.credit_code = cells.credit_code.toUpperCase();
    out.push({ line: i + 2, cells });
  });
  return out;
}

async function inChunks<T>(values: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += 500) out.push(...(await read(values.slice(i, i + 500))));
  return out;
}

/**
 * Imports the list; with the policy (context), a positive list also offers the awards it entitles to
 * (免申即享, entitlement-offers.ts) in the same transaction.
 */
export async function importList(db: Db, actor: Actor, input: ImportInput, context?: OfferContext): Promise<ImportResult> {
  const kind = listKind(input.kind);
  if (!IMPORT_MODES.includes(input.mode as ImportMode)) {
    throw invalid(`mode must be all-or-nothing or skip-bad, got "${input.mode}"`, [{ path: 'mode', message: 'unknown mode' }]);
  }
  const mode = input.mode as ImportMode;
  if (!mayImport(actor, kind)) {
    throw forbidden(`a ${actor.role}${actor.department ? ` of ${actor.department}` : ''} may not import ${kind.title}: ${kind.department ? `reviewers of ${kind.department} and admins do` : kind.roles.join(' and ')}`);
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const earlier = await db.selectFrom('list_imports').selectAll().where('kind', '=', kind.id).where('mode', '=', mode).where('sha256', '=', sha256).executeTakeFirst();
  if (earlier) return resultOf(earlier, true);
  const sheet = await readListFile(input.bytes);
  const rows = dataRows(kind, sheet.rows);
  if (rows.length === 0) throw invalid('the list has a header row but no data rows', [{ path: 'file', message: 'no rows' }]);

  try {
    return await applyList(db, actor, kind, mode, sha256, input, rows, context);
  } catch (error) {
    // The same file sent twice at once: the second insert meets the first's unique (kind, mode, sha256).
    const first = await db.selectFrom('list_imports').selectAll().where('kind', '=', kind.id).where('mode', '=', mode).where('sha256', '=', sha256).executeTakeFirst();
    if (first) return resultOf(first, true);
    throw error;
  }
}

async function applyList(db: Db, actor: Actor, kind: ListKind, mode: ImportMode, sha256: string, input: ImportInput, rows: ListRow[], context?: OfferContext): Promise<ImportResult> {
  return writeTransaction(db, async (trx) => {
    const again = await trx.selectFrom('list_imports').selectAll().where('kind', '=', kind.id).where('mode', '=', mode).where('sha256', '=', sha256).executeTakeFirst();
    if (again) return resultOf(again, true);
    const id = `LI-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${randomUUID().slice(0, 8)}`;
    const codes = [...new Set(rows.map((r) => r.cells.credit_code ?? '').filter((c) => c !== ''))];
    // What the checks need of each listed beneficiary (its name and high-tech recognitions), read 500 at a time
    // and locked; the profiles are read again when applied, so that all 100,000 are never held at once.
    const beneficiaries = new Map<string, { name: string; recognitions: Profile['recognitions'] }>();
    await inChunks(codes, async (chunk) => {
      const found = await forUpdate(trx, trx.selectFrom('beneficiaries').select(kind.negative ? ['credit_code', 'name'] : ['credit_code', 'name', 'profile']).where('credit_code', 'in', chunk)).execute();
      for (const b of found as { credit_code: string; name: string; profile?: string }[]) {
        const recognitions = b.profile === undefined ? undefined : (JSON.parse(b.profile) as Profile).recognitions?.filter((r) => r.type === 'high-tech-enterprise');
        beneficiaries.set(b.credit_code, { name: b.name, recognitions });
      }
      return [];
    });
    const listed = kind.negative
      ? new Set((await inChunks(codes, (chunk) => trx.selectFrom('credit_list_entries').select(['credit_code', 'list_name', 'reason']).where('credit_code', 'in', chunk).execute()))
        .map((e) => `${e.credit_code}\u0000${e.list_name}\u0000${e.reason}`))
      : new Set<string>();

    const seen = new Map<string, number>();
    const checks: { row: ListRow; check: RowCheck }[] = rows.map((row) => {
      const shape = checkRowShape(kind, row);
      if (shape) return { row, check: { ok: false, message: shape } };
      const code = row.cells.credit_code!;
      const dupKey = kind.negative ? `${code}\u0000${row.cells.list_name}` : code;
      const first = seen.get(dupKey);
      if (first !== undefined) return { row, check: { ok: false, message: `duplicate row: ${code} is already on line ${first}` } };
      seen.set(dupKey, row.line);
      if (!kind.negative) {
        const certificateKey = `certificate\u0000${row.cells.certificate}`;
        const firstCertificate = seen.get(certificateKey);
        if (firstCertificate !== undefined) return { row, check: { ok: false, message: `duplicate row: certificate ${row.cells.certificate} is already on line ${firstCertificate}` } };
        seen.set(certificateKey, row.line);
        const b = beneficiaries.get(code);
        return { row, check: checkHighTech(kind, row, b) };
      }
      return { row, check: checkCreditListing(row, beneficiaries.has(code), listed.has(`${code}\u0000${row.cells.list_name}\u0000${row.cells.reason}`)) };
    });

    const bad = checks.filter((c) => !c.check.ok).length;
    const status: ImportStatus = mode === 'all-or-nothing' && bad > 0 ? 'rejected' : 'applied';
    const changes = status === 'applied' ? checks.filter(({ check }) => check.ok && !check.unchanged) : [];
    const affected = [...new Set(changes.map(({ row }) => row.cells.credit_code!).filter((code) => beneficiaries.has(code)))].sort();
    const report: RowReport[] = checks.map(({ row, check }) => ({
      line: row.line, credit_code: row.cells.credit_code ?? '', name: row.cells.name || beneficiaries.get(row.cells.credit_code ?? '')?.name || '',
      status: check.ok ? 'ok' : 'error',
      ...(check.ok ? { outcome: check.unchanged ? 'unchanged' as const : kind.negative ? 'listed' as const : 'added' as const } : {}),
      message: check.ok && status === 'rejected' ? `${check.message} — not applied: the import is all-or-nothing and has bad rows` : check.message,
    }));
    // Checked and reported: what was read for the checks is not needed any more (100,000 entries each).
    seen.clear();
    beneficiaries.clear();
    // Facts first (they cite the import by id), then the offers are planned on the new facts (as each batch is
    // applied), then the import row (stating its offers; the table is append-only), then what references the row.
    const planner = context && status === 'applied' && affected.length > 0 ? await OfferPlanner.start(trx, context, kind) : undefined;
    const recognitions = new Map<string, ListedRecognition>();
    for (const { row, check } of changes) {
      if (!check.ok || check.unchanged || !check.recognition) continue;
      recognitions.set(row.cells.credit_code!, { line: row.line, recognition: check.recognition, note: `${kind.title}: ${input.fileName} line ${row.line}, 证书编号 ${check.recognition.certificate}` });
    }
    await applyRecognitions(trx, actor, `list-import:${id}`, recognitions, planner);
    recognitions.clear();
    const plan = context && status === 'applied' ? (planner ? await planner.flush() : emptyOfferPlan()) : undefined;
    const record: ListImportRow = {
      id, kind: kind.id, mode, sha256, file_name: input.fileName, size_bytes: input.bytes.length, status, rows_total: rows.length,
      rows_ok: rows.length - bad, rows_bad: bad, affected: JSON.stringify(affected), report: JSON.stringify(report), department: kind.department,
      imported_by: actor.id, imported_by_label: actorLabel(actor), imported_at: new Date().toISOString(), offers: plan ? JSON.stringify(plan.report) : null,
    };
    await trx.insertInto('list_imports').values(record).execute();
    const listings = changes.flatMap(({ row, check }) => (check.ok && !check.unchanged && check.listing ? [{ credit_code: row.cells.credit_code!, ...check.listing, import_id: id }] : []));
    for (let i = 0; i < listings.length; i += 500) await trx.insertInto('credit_list_entries').values(listings.slice(i, i + 500)).execute();
    if (plan && context) await writeOffers(trx, context, actor, id, input.fileName, plan);
    await appendAudit(trx, {
      actor: actorLabel(actor), action: 'list.import', subject: `list-import:${id}`,
      after: { kind: kind.id, mode, status, sha256, file_name: input.fileName, rows_total: rows.length, rows_bad: bad, affected, offered: plan?.report.offered ?? 0 },
    });
    // The report as built, not parsed back from the row: 100,000 lines are held once.
    return { ...viewOf(record, false), report };
  });
}

export async function listImports(db: Db, actor: Actor, limit = 200): Promise<ImportView[]> {
  if (!['admin', 'auditor', 'reviewer', 'finance'].includes(actor.role)) throw forbidden(`a ${actor.role} account may not read list imports`);
  const rows = await db.selectFrom('list_imports').selectAll().orderBy('imported_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.filter((r) => mayRead(actor, listKind(r.kind))).map((r) => viewOf(r, false));
}

export async function getImport(db: Db, actor: Actor, id: string): Promise<ImportResult> {
  if (!['admin', 'auditor', 'reviewer', 'finance'].includes(actor.role)) throw forbidden(`a ${actor.role} account may not read list imports`);
  const row = await db.selectFrom('list_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`list import ${id}`);
  if (!mayRead(actor, listKind(row.kind))) {
    // Another department's reviewer is not told the import exists; other roles may not read this kind at all.
    if (actor.role === 'reviewer') throw notFound(`list import ${id}`);
    throw forbidden(`a ${actor.role} account may not read imports of ${listKind(row.kind).title}`);
  }
  return resultOf(row, false);
}

const csvCell = (value: string | number): string => (/[",\n\r]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));

/** The row report as CSV (UTF-8 with a BOM, so that Excel shows the Chinese text). */
export function reportCsv(result: ImportResult): string {
  const lines = [['行号', '统一社会信用代码', '企业名称', '结果', '处理', '说明'].join(',')];
  for (const r of result.report) lines.push([r.line, r.credit_code, r.name, r.status, r.outcome ?? '', r.message].map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
