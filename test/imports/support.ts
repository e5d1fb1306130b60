// Small hand-built lists for the import tests: valid credit codes (check character computed), registered
// beneficiaries, and the same rows written as UTF-8 CSV, GBK CSV and XLSX.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { creditCodeCheckChar } from '../../src/core/identity.ts';
import type { Db } from '../../src/store/database.ts';

/** A valid unified social credit code: 91330108MA + 7 characters + the check character. */
export function creditCode(n: number): string {
  const first17 = `91330108MA${String(n).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** The same code with a wrong check character. */
export function badCheck(code: string): string {
  return `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;
}

export async function register(db: Db, code: string, name: string, profile: Record<string, unknown> = {}): Promise<void> {
  const now = new Date().toISOString();
  await db.insertInto('beneficiaries').values({
    credit_code: code, name, profile: JSON.stringify({ id: code, name, kind: 'enterprise', ...profile }),
    version: 1, bank_name: '中国工商银行杭州高新支行', bank_account: '1202021309900012345', created_at: now, updated_at: now,
  }).execute();
}

export const HTE_HEADER = ['统一社会信用代码', '企业名称', '证书编号', '发证日期'];

const csvText = (rows: string[][]): string => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';

export const utf8Csv = (rows: string[][]): Buffer => Buffer.from(csvText(rows), 'utf8');
export const gbkCsv = (rows: string[][]): Buffer => iconv.encode(csvText(rows), 'gbk');

export async function xlsx(rows: (string | Date | { formula: string })[][], options: { hiddenSheet?: boolean } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  for (const row of rows) sheet.addRow(row);
  if (options.hiddenSheet) workbook.addWorksheet('隐藏', { state: 'hidden' }).addRow(['x']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A multipart/form-data body: the text fields first, then the file in the field "file". */
export function multipartList(fields: Record<string, string>, bytes: Buffer, filename: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----zhidalist${Math.random().toString(36).slice(2)}`;
  const parts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { payload: Buffer.concat([...parts, head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const CREDIT_HEADER = ['统一社会信用代码', '企业名称', '名单类型', '列入原因', '列入日期'];
