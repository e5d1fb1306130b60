// One case of the import benchmark in its own process, so that its peak RSS is its own:
//   prepare <format> <database> <file> <rows>  registers <rows> enterprises (a realistic profile each) and writes
//                                               the seeded 新认定高新技术企业 list as XLSX or GBK CSV (untimed)
//   import  <format> <database> <file> <rows>  reads the file and runs importList end to end (parse, validate,
//                                               one transaction, the 免申即享 offers), timed, with the pack and
//                                               its rules loaded first (untimed: the server loads them at start,
//                                               as the API route passes them); checks every row applied
// Prints one line of JSON.
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { creditCodeCheckChar } from '../../src/core/identity.ts';
import { generateProfile } from '../../src/core/population.ts';
import type { Actor } from '../../src/services/actor.ts';
import { storedProfile } from '../../src/services/beneficiaries.ts';
import { Calculator } from '../../src/services/evaluation.ts';
import { importList } from '../../src/services/list-import.ts';
import { loadEdition } from '../../src/pack/loader.ts';
import { loadRules } from '../../src/pack/rules.ts';
import { readConfig } from '../../src/config.ts';
import type { Profile } from '../../src/core/profile.ts';
import { openDatabase } from '../../src/store/database.ts';
import { migrateToLatest } from '../../src/store/migrate.ts';

const [phase, format, url, file, size] = process.argv.slice(2) as [string, 'xlsx' | 'csv-gbk', string, string, string];
const ROWS = Number(size);
const HEADER = ['统一社会信用代码', '企业名称', '证书编号', '发证日期'];
const DATES = ['2025-11-12', '2025-12-05', '2025-12-19'];
const ACTOR: Actor = { id: 'bench-kejiju', username: 'bench-kejiju', displayName: '科技局（基准）', role: 'reviewer', department: '科技局', creditCode: null };

// Row i: a valid credit code (seeded, distinct), a name, a certificate number and a publication date.
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function row(i: number): string[] {
  let tail = '';
  for (let n = i, k = 0; k < 7; k++, n = Math.floor(n / 31)) tail = CODE_CHARS[n % 31]! + tail;
  const body = `91330108MA${tail}`;
  return [body + creditCodeCheckChar(body)!, `杭州示例${i}科技有限公司`, `GR2025330${String(i).padStart(6, '0')}`, DATES[i % 3]!];
}

const pack = phase === 'import' ? await loadEdition(readConfig().edition) : undefined;
const context = pack ? { pack, calculator: new Calculator(pack, await loadRules(pack)) } : undefined;
const started = performance.now();
const db = await openDatabase({ url });
let detail: Record<string, unknown>;
if (phase === 'prepare') {
  await migrateToLatest(db);
  const now = new Date().toISOString();
  await db.insertInto('accounts').values({
    id: ACTOR.id, username: ACTOR.username, display_name: ACTOR.displayName, role: 'reviewer', department: '科技局',
    password_hash: 'bench: no password, no sign-in', created_at: now, created_by: 'bench',
  }).execute();
  const rows = Array.from({ length: ROWS }, (_, i) => row(i));
  const codes = new Set(rows.map((r) => r[0]));
  if (codes.size !== ROWS) throw new Error('bench: credit codes are not distinct');
  // Each enterprise with a generated enterprise profile (financial years, recognitions …) under its own code.
  for (let start = 0; start < ROWS; start += 500) {
    await db.insertInto('beneficiaries').values(rows.slice(start, start + 500).map((r, k) => {
      const { id: _id, name: _name, kind: _kind, recognitions, ...rest } = generateProfile(start + k, { seed: 5, year: 2025 });
      const profile = { id: r[0], name: r[1], kind: 'enterprise', ...rest, recognitions: (recognitions ?? []).filter((x) => x.type !== 'high-tech-enterprise') };
      // Stored as registerBeneficiary stores it (canonical JSON).
      return { credit_code: r[0]!, name: r[1]!, profile: storedProfile(profile as Profile), version: 1, bank_name: null, bank_account: null, created_at: now, updated_at: now };
    })).execute();
  }
  if (format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(HEADER);
    for (const r of rows) sheet.addRow(r);
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  } else {
    writeFileSync(file, iconv.encode([HEADER, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n', 'gbk'));
  }
  detail = { rows: ROWS };
} else {
  const bytes = readFileSync(file);
  const result = await importList(db, ACTOR, { kind: 'high-tech-new-2025', mode: 'all-or-nothing', fileName: `新认定高新技术企业-2025.${format === 'xlsx' ? 'xlsx' : 'csv'}`, bytes }, context);
  if (result.status !== 'applied' || result.rows_ok !== ROWS || result.affected.length !== ROWS) {
    throw new Error(`bench: expected ${ROWS} rows applied, got ${result.status} ${result.rows_ok} ok ${result.rows_bad} bad: ${result.report.find((r) => r.status === 'error')?.message}`);
  }
  detail = { rows: result.rows_total, bytes: bytes.length, offered: result.offers?.offered, newlyEligible: result.offers?.newly_eligible };
}
await db.destroy();
const wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ phase, format, wallMs, maxRssKiB: process.resourceUsage().maxRSS, ...detail })}\n`);
