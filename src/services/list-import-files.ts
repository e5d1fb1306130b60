// Reading an official list (名单): XLSX, or CSV in UTF-8 or GBK/GB18030 (detected: strict UTF-8 first, else
// GB18030, a superset of GBK). The first row is the header, matched by its (Chinese) column names. A file
// that cannot be a list — empty, too large, not a spreadsheet, undecodable, formulas or hidden sheets —
// is refused whole, before anything is read into the database.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
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
    if (text.includes('\uFFFD')) throw invalid('the CSV file is neither UTF-8 nor GBK/GB18030 text: save it again as UTF-8 CSV', [{ path: 'file', message: 'unknown encoding' }]);
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

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw notAList(`a ZIP file that is not a readable XLSX workbook (${(error as Error).message})`);
  }
  // A hidden sheet may hold rows the uploader never saw: refuse rather than guess which sheet is meant.
  const hidden = workbook.worksheets.filter((s) => s.state !== 'visible').map((s) => s.name);
  if (hidden.length > 0) throw invalid(`the workbook has hidden sheet(s) ${hidden.join(', ')}: unhide or delete them and upload again`, [{ path: 'file', message: 'hidden sheets' }]);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('the workbook has no sheet', [{ path: 'file', message: 'no sheet' }]);
  const rows: string[][] = [];
  let formula: string | undefined;
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // A formula's cached result may be stale or absent: a list states its values.
      if (cell.type === ExcelJS.ValueType.Formula) formula ??= cell.address;
      cells[col - 1] = cellText(cell.value);
    });
    rows[number - 1] = Array.from(cells, (c) => c ?? '');
  });
  if (formula) throw invalid(`cell ${formula} of sheet ${sheet.name} holds a formula: a list must hold values (paste as values and upload again)`, [{ path: 'file', message: `formula in ${formula}` }]);
  return Array.from(rows, (r) => r ?? []);
}

/** The rows of a list file; 400/413/415 for a file that is not one. */
export async function readListFile(bytes: Buffer): Promise<SheetRows> {
  if (bytes.length === 0) throw invalid('the file is empty', [{ path: 'file', message: 'empty' }]);
  if (bytes.length > LIST_MAX_BYTES) throw new ServiceError('too-large', `the file has ${bytes.length} bytes, more than the limit of ${LIST_MAX_BYTES} (50 MiB)`);
  if (isZip(bytes)) return { format: 'xlsx', encoding: null, rows: await xlsxRows(bytes) };
  for (const [what, magic] of BINARY_MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) throw notAList(what);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw notAList('binary content');
  const { text, encoding } = decodeList(bytes);
  if (text.trim() === '') throw invalid('the file is empty', [{ path: 'file', message: 'empty' }]);
  try {
    const rows = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
    return { format: 'csv', encoding, rows };
  } catch (error) {
    throw invalid(`the file is not a readable CSV file: ${(error as Error).message}`, [{ path: 'file', message: 'unreadable CSV' }]);
  }
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
