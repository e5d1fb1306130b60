// Lists are parsed as streams: a list large enough that its XML and its bytes arrive in many pieces reads
// back cell for cell — Chinese characters split across two pieces included (exceljs alone turns them into
// U+FFFD) — as XLSX, GBK CSV and UTF-8 CSV with a BOM.
import { describe, expect, it } from 'vitest';
import { readListFile } from '../../src/services/list-import-files.ts';
import { creditCode, gbkCsv, HTE_HEADER, utf8Csv, xlsx } from './support.ts';

// 4,000 rows: about 300 KiB of sheet XML and 250 KiB of CSV, several 64 KiB pieces, with names of
// varying length so that piece boundaries fall inside characters.
const ROWS = Array.from({ length: 4000 }, (_, i) => [creditCode(i + 1), `杭州${'滨江'.repeat(i % 5)}示例${i}科技有限公司`, `GR2025330${String(i).padStart(5, '0')}`, '2025-12-05']);

describe('streaming list parsing', () => {
  it('an XLSX list reads back cell for cell', async () => {
    const sheet = await readListFile(await xlsx([HTE_HEADER, ...ROWS]));
    expect(sheet.format).toBe('xlsx');
    expect(sheet.rows).toEqual([HTE_HEADER, ...ROWS]);
  });

  it('a GBK CSV and a UTF-8 CSV with a BOM read back cell for cell', async () => {
    const gbk = await readListFile(gbkCsv([HTE_HEADER, ...ROWS]));
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.rows).toEqual([HTE_HEADER, ...ROWS]);
    const utf8 = await readListFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8Csv([HTE_HEADER, ...ROWS])]));
    expect(utf8.encoding).toBe('utf-8');
    expect(utf8.rows).toEqual([HTE_HEADER, ...ROWS]);
  });

  it('refuses GBK-looking bytes that do not decode, and a file of blanks', async () => {
    await expect(readListFile(Buffer.concat([gbkCsv([HTE_HEADER]), Buffer.from([0x81, 0x20, 0x0a])]))).rejects.toThrow('neither UTF-8 nor GBK/GB18030');
    await expect(readListFile(Buffer.from(' \r\n\r\n'))).rejects.toThrow('the file is empty');
  });
});
