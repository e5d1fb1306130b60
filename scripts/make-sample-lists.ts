// Writes the sample official list that ships with the repo: examples/lists/新认定高新技术企业-2025.xlsx and its
// GBK CSV twin (.csv, as provincial systems export), 200 rows, seeded (the same rows every run), with some rows
// deliberately bad — a wrong check character, a duplicate, enterprises not registered in Zhida, impossible
// dates — and examples/lists/新认定高新技术企业-2025.beneficiaries.json, the profiles of the enterprises of
// the good rows, which a demo registers so that those rows apply.
//   node --import tsx scripts/make-sample-lists.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { creditCodeCheckChar } from '../src/core/identity.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples', 'lists');
const BASE = '新认定高新技术企业-2025';
const ROWS = 200;
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** mulberry32: a small seeded generator, so the sample is the same file content every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(20251219);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const WORDS = ['海康', '云栖', '星澜', '钱塘', '之江', '睿信', '博拓', '智维', '微光', '启明', '数澜', '芯原', '恒生', '安恒', '创源', '华澜', '联川', '青澄', '泓德', '翼展', '普析', '聚能', '辰光', '远景', '卓远', '天际', '知衡', '新禾', '立方', '蓝湾'];
const TRADES = ['信息技术', '网络科技', '智能科技', '生物医药', '电子科技', '软件', '数据科技', '光电科技', '医疗器械', '新材料科技', '物联网技术', '环保科技'];
const BATCH_DATES = ['2025-11-12', '2025-12-05', '2025-12-19'];

function newCode(): string {
  let body = '91330108MA';
  for (let i = 0; i < 7; i++) body += pick([...CODE_CHARS]);
  return body + creditCodeCheckChar(body);
}

interface Row { code: string; name: string; certificate: string; date: string; note: string }

const names = new Set<string>();
function newName(): string {
  for (;;) {
    const name = `杭州${pick(WORDS)}${pick(WORDS)}${pick(TRADES)}有限公司`;
    if (!names.has(name)) { names.add(name); return name; }
  }
}

const rows: Row[] = [];
// The first demo beneficiary (src/services/demo-beneficiaries.ts) holds this recognition already: unchanged.
rows.push({ code: '91330108MA2AY1234G', name: '滨江示例科技有限公司', certificate: 'GR202533001234', date: '2025-04-01', note: 'demo, already recorded' });
let serial = 2000;
while (rows.length < ROWS) rows.push({ code: newCode(), name: newName(), certificate: `GR20253300${serial++}`, date: pick(BATCH_DATES), note: 'good' });

// The deliberately bad rows, at fixed places.
const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
rows[17] = { ...rows[17]!, code: wrongCheck(rows[17]!.code), note: 'bad: wrong check character' };
rows[88] = { ...rows[88]!, code: wrongCheck(rows[88]!.code), note: 'bad: wrong check character' };
rows[41] = { ...rows[41]!, note: 'bad: unknown enterprise (not registered)' };
rows[142] = { ...rows[142]!, note: 'bad: unknown enterprise (not registered)' };
rows[63] = { ...rows[63]!, date: '2025-13-05', note: 'bad: no such date' };
rows[120] = { ...rows[120]!, date: '2025-02-30', note: 'bad: no such date' };
rows.splice(155, 1, { ...rows[154]!, note: 'bad: duplicate of the row before' });

const HEADER = ['序号', '统一社会信用代码', '企业名称', '证书编号', '发证日期'];
const registered = rows.filter((r) => r.note === 'good');

mkdirSync(OUT, { recursive: true });
const workbook = new ExcelJS.Workbook();
workbook.creator = '浙江省科学技术厅（示例）';
workbook.created = workbook.modified = new Date('2025-12-20T00:00:00Z');
const sheet = workbook.addWorksheet('新认定高新技术企业名单');
sheet.addRow(HEADER).font = { bold: true };
rows.forEach((r, i) => sheet.addRow([i + 1, r.code, r.name, r.certificate, r.date]));
sheet.columns.forEach((c, i) => { c.width = [6, 22, 36, 18, 12][i] ?? 12; });
writeFileSync(join(OUT, `${BASE}.xlsx`), Buffer.from(await workbook.xlsx.writeBuffer()));

const csv = [HEADER, ...rows.map((r, i) => [String(i + 1), r.code, r.name, r.certificate, r.date])].map((r) => r.join(',')).join('\r\n') + '\r\n';
writeFileSync(join(OUT, `${BASE}.csv`), iconv.encode(csv, 'gbk'));

const profiles = registered.map((r) => ({ id: r.code, name: r.name, kind: 'enterprise', industrial: false }));
writeFileSync(join(OUT, `${BASE}.beneficiaries.json`), `${JSON.stringify(profiles, null, 2)}\n`);
console.log(`${ROWS} rows (${rows.filter((r) => r.note.startsWith('bad')).length} bad) → ${OUT}; ${profiles.length} enterprises to register in ${BASE}.beneficiaries.json`);
