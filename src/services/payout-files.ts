// Files of the payout: the treasury payment order (国库集中支付 支付清单, XLSX) finance hands to the
// treasury, and the bank's confirmation (CSV in UTF-8 or GBK, or XLSX) read back line by line.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import type { Pack } from '../core/pack.ts';
import type { Db } from '../store/database.ts';
import type { Actor } from './actor.ts';
import { invalid } from './errors.ts';
import { getBudgetLine } from './ledger.ts';
import { articleOf, maskBankAccount, provisionOf } from './money-views.ts';
import { batchItems, batchRow } from './payouts.ts';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const TREASURY_COLUMNS = [
  '序号', '批次号', '预算单位', '预算科目/功能分类', '资金性质', '收款人名称', '收款人账号', '收款人开户行', '金额（元）', '用途', '业务编号',
] as const;

export async function treasuryOrderXlsx(db: Db, pack: Pack, actor: Actor, batchId: string): Promise<Buffer> {
  const batch = await batchRow(db, actor, batchId);
  const details = await batchItems(db, batchId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zhida';
  const sheet = workbook.addWorksheet('支付清单');
  sheet.addRow([...TREASURY_COLUMNS]);
  sheet.getRow(1).font = { bold: true };
  const lineLabels = new Map<string, string>();
  let index = 0;
  for (const d of details) {
    index++;
    const lineId = d.application.budget_line;
    if (lineId && !lineLabels.has(lineId)) lineLabels.set(lineId, (await getBudgetLine(db, lineId))?.label ?? '');
    const provision = provisionOf(pack, d.application.provision);
    const purpose = `${provision?.title.zh ?? d.application.provision}（${pack.meta.document_number}${articleOf(pack, provision) ?? ''}）`;
    sheet.addRow([
      index, batch.id, d.application.department, lineId ? `${lineId} ${lineLabels.get(lineId)}` : '', '一般公共预算',
      // Only finance sends the order to the treasury: anyone else (the auditor) gets the accounts masked.
      d.beneficiaryName, (actor.role === 'finance' ? d.bankAccount : maskBankAccount(d.bankAccount)) ?? '', d.bankName ?? '', d.item.amount_yuan, purpose, d.application.id,
    ]);
  }
  sheet.addRow(['合计', batch.id, '', '', '', `${details.length} 笔`, '', '', details.reduce((s, d) => s + d.item.amount_yuan, 0), '', '']);
  sheet.getRow(details.length + 2).font = { bold: true };
  // Accounts and references are text: a spreadsheet must not turn 6222… into 6.222E+18.
  sheet.getColumn(7).numFmt = '@';
  sheet.getColumn(9).numFmt = '#,##0';
  sheet.columns.forEach((c, i) => { c.width = [6, 24, 12, 30, 14, 30, 24, 24, 14, 50, 40][i] ?? 14; });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One line of a bank confirmation, as read. line: its row number in the file (header = 1). */
export interface ConfirmationLine {
  line: number;
  /** 序号 (position in the order) or 业务编号 (application id), whichever the file has. */
  sequence: number | null;
  applicationId: string | null;
  account: string;
  amount: number;
  paid: boolean;
  bankReference: string | null;
}

const HEADERS = {
  sequence: ['序号'], applicationId: ['业务编号'], account: ['收款人账号', '账号'], amount: ['金额', '金额（元）', '金额(元)'],
  status: ['支付状态', '状态'], bankReference: ['银行流水号', '流水号'], name: ['收款人名称'],
} as const;

/** UTF-8 when the bytes are valid UTF-8, else GBK (Chinese banks' exports often are). */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'gbk');
  }
}

const isXlsx = (bytes: Buffer): boolean => bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;

async function rowsOf(bytes: Buffer): Promise<string[][]> {
  if (isXlsx(bytes)) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (error) {
      throw invalid(`the confirmation is not a readable XLSX file: ${(error as Error).message}`);
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw invalid('the confirmation workbook has no sheet');
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, number) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows[number - 1] = values.map((v) => cellText(v));
    });
    return Array.from(rows, (r) => r ?? []);
  }
  try {
    return parseCsv(decodeText(bytes), { relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    throw invalid(`the confirmation is not a readable CSV file: ${(error as Error).message}`);
  }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text).trim();
  if (typeof value === 'object' && 'result' in value) return String((value as { result: unknown }).result).trim();
  return String(value).trim();
}

/** Whole yuan from "300000", "300,000.00" or "300000.0"; undefined for anything else (fen would not be whole yuan). */
function wholeYuan(text: string): number | undefined {
  const plain = text.replace(/[,，\s]/g, '');
  const m = /^(\d+)(?:\.0{1,2})?$/.exec(plain);
  return m ? Number(m[1]) : undefined;
}

/** Reads a confirmation file; 400 naming the line at the first unreadable one. */
export async function parseConfirmation(bytes: Buffer): Promise<ConfirmationLine[]> {
  const rows = await rowsOf(bytes);
  const header = rows[0]?.map((h) => h.trim()) ?? [];
  const col = (names: readonly string[]) => header.findIndex((h) => names.includes(h));
  const c = {
    sequence: col(HEADERS.sequence), applicationId: col(HEADERS.applicationId), account: col(HEADERS.account),
    amount: col(HEADERS.amount), status: col(HEADERS.status), bankReference: col(HEADERS.bankReference),
  };
  const missing = [
    c.sequence < 0 && c.applicationId < 0 ? '序号 or 业务编号' : null, c.account < 0 ? '收款人账号' : null,
    c.amount < 0 ? '金额' : null, c.status < 0 ? '支付状态' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) throw invalid(`the confirmation's header row lacks the column(s) ${missing.join(', ')} (found: ${header.join(', ') || 'nothing'})`);
  const lines: ConfirmationLine[] = [];
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const get = (index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
    if (row.every((v) => v.trim() === '')) return;
    if (get(c.sequence) === '合计') return;
    const problem = (message: string) => invalid(`confirmation line ${line}: ${message}`, [{ path: `file.line.${line}`, message }]);
    const sequenceText = get(c.sequence);
    const sequence = sequenceText === '' ? null : Number(sequenceText);
    if (sequence !== null && (!Number.isInteger(sequence) || sequence < 1)) throw problem(`序号 ${sequenceText} is not a line number`);
    const applicationId = get(c.applicationId) || null;
    if (sequence === null && applicationId === null) throw problem('neither 序号 nor 业务编号 is given');
    const account = get(c.account).replace(/\s/g, '');
    if (account === '') throw problem('收款人账号 is empty');
    const amount = wholeYuan(get(c.amount));
    if (amount === undefined || amount <= 0) throw problem(`金额 ${get(c.amount)} is not a positive amount of whole yuan`);
    const status = get(c.status);
    if (status !== '成功' && status !== '失败') throw problem(`支付状态 must be 成功 or 失败, got "${status}"`);
    lines.push({ line, sequence, applicationId, account, amount, paid: status === '成功', bankReference: get(c.bankReference) || null });
  });
  if (lines.length === 0) throw invalid('the confirmation has no payment lines');
  return lines;
}
