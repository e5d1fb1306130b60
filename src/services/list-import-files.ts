// Reading an official list (名单): XLSX, or CSV in UTF-8 or GBK/GB18030 (detected: strict UTF-8 first, else
// GB18030, a superset of GBK). The first row is the header, matched by its (Chinese) column names. A file
// that cannot be a list — empty, too large, not a spreadsheet, undecodable, formulas or hidden sheets —
// is refused whole, before anything is read into the database. Both formats are parsed as streams, keeping
// only the cells' text: exceljs's whole-workbook model of a 100,000-row list took about 400 MiB.
import { isUtf8 } from 'node:buffer';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import { parse as parseCsvStream } from 'csv-parse';
import iconv from 'iconv-lite';
import { invalid, ServiceError } from './errors.ts';

/** 100,000 rows of a list are about 10 MiB as XLSX or CSV: 50 MiB leaves room without inviting a 1-GB upload. */
export const LIST_MAX_BYTES = 50 * 1024 * 1024;

export interface SheetRows {
  format: 'xlsx' | 'csv';
  encoding: 'utf-8' | 'gb18030' | null;
  /** Cells as text; rows[0] is the header (line 1). */
  rows: string[][];
}

const isZip = (bytes: Buffer): boolean => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
// Old binary Excel (.xls, OLE compound file), PDF, images: spreadsheet-like names, not lists we read.
const BINARY_MAGIC: [string, number[]][] = [
  ['an old binary Excel (.xls) or other OLE file: save it as .xlsx or CSV', [0xd0, 0xcf, 0x11, 0xe0]],
  ['a PDF', [0x25, 0x50, 0x44, 0x46]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
];

const notAList = (what: string) => new ServiceError('unsupported-media', `the file is not a list we can read: ${what}; upload an XLSX workbook or a CSV file`);

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else GB18030; neither → 400. */
export function decodeList(bytes: Buffer): { text: string; encoding: 'utf-8' | 'gb18030' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    const text = iconv.decode(bytes, 'gb18030');
    if (text.includes('\uFFFD')) throw undecodableCsv();
    return { text, encoding: 'gb18030' };
  }
}

export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'richText' in value) return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('').trim();
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text).trim();
  return String(value).trim();
}

// exceljs's streaming reader turns each inflated piece of XML into text on its own, so a Chinese character
// split across two pieces comes out as two U+FFFD: every XML part it reads is decoded here, by a decoder
// that carries an incomplete character over to the next piece. (Overrides of its internal _parse*
// methods: exceljs 4.4, pinned by the lock file; test/imports checks a list large enough to split.)
type Pieces = AsyncIterable<Buffer | string>;
async function* utf8Text(pieces: Pieces): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const piece of pieces) {
    const text = typeof piece === 'string' ? piece : decoder.write(piece);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
interface Entry { setEncoding(encoding: 'utf8'): void }
interface ReaderInternals { _parseWorkbook(entry: Entry): Promise<void>; _parseSharedStrings(entry: Entry): AsyncGenerator; _parseWorksheet(pieces: Pieces, sheetNo: string): Generator }
const Reader = ExcelJS.stream.xlsx.WorkbookReader;
const base = Reader.prototype as unknown as ReaderInternals;
class Utf8SafeReader extends Reader {
  _parseWorkbook(entry: Entry) { entry.setEncoding('utf8'); return base._parseWorkbook.call(this, entry); }
  _parseSharedStrings(entry: Entry) { entry.setEncoding('utf8'); return base._parseSharedStrings.call(this, entry); }
  _parseWorksheet(pieces: Pieces, sheetNo: string) { return base._parseWorksheet.call(this, utf8Text(pieces), sheetNo); }
}

// The zip and each sheet's XML are read as streams (exceljs WorkbookReader). Every sheet is read (the
// workbook's sheet list may come after the sheets in the zip), the rows of the first one — the lowest
// sheet id, as exceljs's whole-workbook reader orders them — are kept; hidden sheets are known at the end.
async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const reader = new Utf8SafeReader(Readable.from(slices(bytes)), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let first: { id: number; name: string; rows: string[][]; formula: string | undefined } | undefined;
  try {
    for await (const sheet of reader) {
      const meta = sheet as unknown as { id: number | string; name?: string };
      const current = { id: Number(meta.id), name: meta.name ?? '', rows: [] as string[][], formula: undefined as string | undefined };
      for await (const row of sheet) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          // A formula's cached result may be stale or absent: a list states its values.
          if (cell.type === ExcelJS.ValueType.Formula) current.formula ??= cell.address;
          cells[col - 1] = cellText(cell.value);
        });
        current.rows[row.number - 1] = Array.from(cells, (c) => c ?? '');
      }
      if (!first || current.id < first.id) first = current;
    }
  } catch (error) {
    throw notAList(`a ZIP file that is not a readable XLSX workbook (${(error as Error).message})`);
  }
  const sheets = (reader as unknown as { model?: { sheets?: { name: string; state?: string }[] } }).model?.sheets;
  if (!sheets) throw notAList('a ZIP file that is not a readable XLSX workbook (no xl/workbook.xml)');
  // A hidden sheet may hold rows the uploader never saw: refuse rather than guess which sheet is meant.
  const hidden = sheets.filter((s) => s.state !== undefined && s.state !== 'visible').map((s) => s.name);
  if (hidden.length > 0) throw invalid(`the workbook has hidden sheet(s) ${hidden.join(', ')}: unhide or delete them and upload again`, [{ path: 'file', message: 'hidden sheets' }]);
  if (!first) throw invalid('the workbook has no sheet', [{ path: 'file', message: 'no sheet' }]);
  if (first.formula) throw invalid(`cell ${first.formula} of sheet ${first.name} holds a formula: a list must hold values (paste as values and upload again)`, [{ path: 'file', message: `formula in ${first.formula}` }]);
  return Array.from(first.rows, (r) => r ?? []);
}

/** The bytes in 64 KiB pieces, so that streams decode and parse a piece at a time. */
function* slices(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += 65536) yield bytes.subarray(at, at + 65536);
}

// CSV: the encoding is chosen on the whole bytes (valid UTF-8, else GB18030), then the text is decoded and
// parsed a piece at a time; undecodable bytes in GB18030 refuse the file as decodeList does.
async function csvRows(bytes: Buffer): Promise<{ rows: string[][]; encoding: 'utf-8' | 'gb18030' }> {
  const encoding = isUtf8(bytes) ? 'utf-8' : 'gb18030';
  let text = false;
  const guard = new Transform({
    decodeStrings: false,
    transform(piece: string | Buffer, _encoding, done) {
      const chunk = typeof piece === 'string' ? piece : piece.toString('utf8');
      if (encoding === 'gb18030' && chunk.includes('\uFFFD')) { done(undecodableCsv()); return; }
      if (!text && /\S/.test(chunk)) text = true;
      done(null, chunk);
    },
  });
  const parser = parseCsvStream({ relax_column_count: true, skip_empty_lines: false, trim: true, bom: true });
  const rows: string[][] = [];
  const collect = (async () => { for await (const row of parser as AsyncIterable<string[]>) rows.push(row); })();
  collect.catch(() => undefined); // the pipeline's rejection carries the error
  try {
    await pipeline(Readable.from(slices(bytes)), iconv.decodeStream(encoding === 'utf-8' ? 'utf8' : 'gb18030'), guard, parser);
    await collect;
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw invalid(`the file is not a readable CSV file: ${(error as Error).message}`, [{ path: 'file', message: 'unreadable CSV' }]);
  }
  if (!text) throw invalid('the file is empty', [{ path: 'file', message: 'empty' }]);
  return { rows, encoding };
}

const undecodableCsv = () => invalid('the CSV file is neither UTF-8 nor GBK/GB18030 text: save it again as UTF-8 CSV', [{ path: 'file', message: 'unknown encoding' }]);

/** The rows of a list file; 400/413/415 for a file that is not one. */
export async function readListFile(bytes: Buffer): Promise<SheetRows> {
  if (bytes.length === 0) throw invalid('the file is empty', [{ path: 'file', message: 'empty' }]);
  if (bytes.length > LIST_MAX_BYTES) throw new ServiceError('too-large', `the file has ${bytes.length} bytes, more than the limit of ${LIST_MAX_BYTES} (50 MiB)`);
  if (isZip(bytes)) return { format: 'xlsx', encoding: null, rows: await xlsxRows(bytes) };
  for (const [what, magic] of BINARY_MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) throw notAList(what);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw notAList('binary content');
  const { rows, encoding } = await csvRows(bytes);
  return { format: 'csv', encoding, rows };
}

/** Header names compared without spaces, a BOM or full-width brackets (（） vs ()). */
export const headerKey = (name: string): string => name.replace(/^\uFEFF/, '').replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')');

/** Calendar date from 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日 or 20250301; undefined for anything else. */
export function listDate(text: string): string | undefined {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim()) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}
