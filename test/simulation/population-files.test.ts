// A registry imported as a population from CSV (UTF-8 and GBK) or XLSX reads back as the same profiles as
// its JSON lines twin; a bad cell is named by the file's line and column, and nothing is stored.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/core/profile.ts';
import { readPopulationFile } from '../../src/services/population-files.ts';
import { runZhida } from '../cli/run-zhida.ts';
import { TINY } from './fixtures.ts';

const COLUMNS = ['统一社会信用代码', '企业名称', 'kind', 'industrial', 'recognitions', 'compute_spend'];
const cells = (p: Profile): string[] => [
  p.id, p.name, p.kind, p.industrial === undefined ? '' : p.industrial ? '是' : '否',
  p.recognitions === undefined ? '' : JSON.stringify(p.recognitions), p.compute_spend === undefined ? '' : JSON.stringify(p.compute_spend),
];
const quote = (cell: string): string => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
const csvOf = (rows: string[][]): string => rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
const parsed = (jsonLines: string): Profile[] => jsonLines.split('\n').map((l) => JSON.parse(l) as Profile);

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('registry');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('population files', () => {
  const table = [COLUMNS, ...TINY.map(cells)];

  it('reads CSV in UTF-8 and in GBK, and XLSX, as the eight profiles of the JSON lines fixture', async () => {
    const utf8 = await readPopulationFile('tiny.csv', Buffer.from(csvOf(table), 'utf8'));
    expect(utf8).toMatchObject({ format: 'csv', rows: 8 });
    expect(parsed(utf8.jsonLines)).toEqual(TINY);
    const gbk = await readPopulationFile('tiny-gbk.csv', iconv.encode(csvOf(table), 'gbk'));
    expect(parsed(gbk.jsonLines)).toEqual(TINY);
    const xlsx = await readPopulationFile('tiny.xlsx', await xlsxOf(table));
    expect(xlsx).toMatchObject({ format: 'xlsx', rows: 8 });
    expect(parsed(xlsx.jsonLines)).toEqual(TINY);
  });

  it('passes JSON lines through', async () => {
    const lines = TINY.map((p) => JSON.stringify(p)).join('\n');
    expect(await readPopulationFile('tiny.jsonl', Buffer.from(lines))).toEqual({ format: 'jsonl', jsonLines: lines, rows: 8 });
  });

  it('names the line and column of each bad cell, and a column that is not a profile field', async () => {
    const bad = table.map((r) => [...r]);
    bad[3]![3] = 'maybe'; // line 4, industrial
    bad[5]![4] = '[{"type":'; // line 6, recognitions
    bad[7]![0] = '91330108MA2H00006X'; // line 8: wrong check character
    const error = await readPopulationFile('bad.csv', Buffer.from(csvOf(bad))).then(() => { throw new Error('accepted a bad file'); }, (e: unknown) => e as Error & { details: { path: string }[] });
    expect(error.message).toMatch(/^bad\.csv: 3 problem\(s\), nothing imported — line 4: industrial: "maybe" is not 是\/否/);
    expect(error.details.map((d) => d.path)).toEqual(['line 4: industrial', 'line 6: recognitions', 'line 8: $.id']);
    await expect(readPopulationFile('x.csv', Buffer.from('id,name,kind,营业收入\n'))).rejects.toThrow('x.csv: line 1 has column(s) that are not profile fields: 营业收入');
    await expect(readPopulationFile('x.csv', Buffer.from('id,name\n'))).rejects.toThrow('x.csv: line 1 lacks the required column kind');
  });
});

describe('zhida population import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhida-population-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a GBK CSV registry, and refuses a bad one with the line named and exit 1, storing nothing', async () => {
    const database = join(dir, 'zhida.sqlite');
    expect((await runZhida(['db', 'migrate', '--database', database])).code).toBe(0);
    const good = join(dir, '登记名录.csv');
    writeFileSync(good, iconv.encode(csvOf([COLUMNS, ...TINY.map(cells)]), 'gbk'));
    const stored = await runZhida(['population', 'import', good, '--name', 'registry', '--database', database]);
    expect(stored.stderr).toBe('');
    expect(stored.stdout).toContain('stored population registry: 8 profiles from 登记名录.csv (csv)');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, csvOf([COLUMNS, cells(TINY[0]!), [...cells(TINY[1]!).slice(0, 3), 'maybe', '', '']]));
    const refused = await runZhida(['population', 'import', bad, '--name', 'bad', '--database', database]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('line 3: industrial');
    const list = await runZhida(['population', 'list', '--json', '--database', database]);
    expect((JSON.parse(list.stdout) as { populations: { name: string; size: number }[] }).populations.map((p) => [p.name, p.size])).toEqual([['registry', 8]]);
  }, 60_000);
});
