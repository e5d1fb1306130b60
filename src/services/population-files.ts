// A registry for simulation (zhida population import) as JSON lines, CSV (UTF-8 or GBK) or XLSX. A table has
// one row per beneficiary and one column per profile field (src/core/profile.ts): scalar fields as plain
// cells, list and object fields (recognitions, financial_years, …) as JSON in the cell, because a flat
// table cannot hold them otherwise and a registry export of them is JSON anyway. Each row is converted and
// validated here, so a problem is named by the file's own line and column; nothing is stored on any problem.
import { Profile, validateProfile } from '../core/profile.ts';
import { invalid } from './errors.ts';
import { headerKey, readListFile } from './list-import-files.ts';

type FieldKind = 'text' | 'boolean' | 'integer' | 'json';

/** The profile's top-level fields and how a table cell carries each. */
const FIELDS: Record<string, FieldKind> = Object.fromEntries(Object.entries(Profile.shape).map(([name, schema]) => {
  const type = (schema as { def: { type: string; innerType?: { def: { type: string } } } }).def;
  const inner = type.type === 'optional' ? type.innerType!.def.type : type.type;
  const kind: FieldKind = inner === 'string' || inner === 'enum' ? 'text' : inner === 'boolean' ? 'boolean' : inner === 'number' ? 'integer' : 'json';
  return [name, kind];
}));

/** Chinese headers a registry export is likely to use, for the scalar fields. */
const ALIASES: Record<string, string> = {
  统一社会信用代码: 'id', 社会信用代码: 'id', 信用代码: 'id', 身份证号码: 'id',
  企业名称: 'name', 单位名称: 'name', 名称: 'name', 姓名: 'name',
  主体类型: 'kind', 类型: 'kind', 工业企业: 'industrial', 首次上规年份: 'above_scale_entry_year',
};

const TRUE = new Set(['true', '1', '是', 'y', 'yes']);
const FALSE = new Set(['false', '0', '否', 'n', 'no']);

export interface PopulationFile {
  format: 'jsonl' | 'csv' | 'xlsx';
  /** One profile per line, ready for importPopulation. */
  jsonLines: string;
  rows: number;
}

function fieldOf(header: string): string | undefined {
  const key = headerKey(header);
  if (key in FIELDS) return key;
  return ALIASES[key];
}

function cellValue(kind: FieldKind, text: string): { value: unknown } | { problem: string } {
  switch (kind) {
    case 'text': return { value: text };
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return { problem: `"${text}" is not 是/否 (true/false)` };
    }
    case 'integer': return /^-?\d+$/.test(text) ? { value: Number(text) } : { problem: `"${text}" is not a whole number` };
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { problem: `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not JSON (list and object fields are written as JSON in the cell)` };
      }
  }
}

/** Table rows (rows[0] the header) → JSON lines; 400 naming every problem by line and column (at most 100). */
function tableToJsonLines(rows: string[][], fileName: string): { jsonLines: string; rows: number } {
  const header = rows[0] ?? [];
  const fields = header.map((h) => (h.trim() === '' ? undefined : fieldOf(h)));
  const unknown = header.filter((h, i) => h.trim() !== '' && fields[i] === undefined);
  if (unknown.length > 0) {
    throw invalid(`${fileName}: line 1 has column(s) that are not profile fields: ${unknown.join(', ')} (fields: ${Object.keys(FIELDS).join(', ')})`,
      unknown.map((h) => ({ path: `line 1: ${h}`, message: 'not a profile field' })));
  }
  for (const required of ['id', 'name', 'kind']) {
    if (!fields.includes(required)) throw invalid(`${fileName}: line 1 lacks the required column ${required}`, [{ path: `line 1: ${required}`, message: 'missing column' }]);
  }
  const problems: { path: string; message: string }[] = [];
  const lines: string[] = [];
  for (let r = 1; r < rows.length && problems.length < 100; r += 1) {
    const row = rows[r]!;
    if (row.every((c) => c.trim() === '')) continue;
    const line = r + 1;
    const profile: Record<string, unknown> = {};
    row.forEach((raw, c) => {
      const field = fields[c];
      const text = raw.trim();
      if (field === undefined || text === '') return; // an empty cell: the fact is unknown
      const parsed = cellValue(FIELDS[field]!, text);
      if ('problem' in parsed) problems.push({ path: `line ${line}: ${header[c]}`, message: parsed.problem });
      else profile[field] = parsed.value;
    });
    const valid = validateProfile(profile);
    if (!valid.ok) {
      problems.push(...valid.problems.map((p) => ({ path: `line ${line}: ${p.path}`, message: p.message.en })));
      continue;
    }
    lines.push(JSON.stringify(valid.profile));
  }
  if (problems.length > 0) {
    throw invalid(`${fileName}: ${problems.length}${problems.length >= 100 ? '+' : ''} problem(s), nothing imported — ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  }
  return { jsonLines: lines.join('\n'), rows: lines.length };
}

/** Reads a population file of any of the three formats (detected from the content, not the name). */
export async function readPopulationFile(fileName: string, bytes: Buffer): Promise<PopulationFile> {
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('{')) {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    return { format: 'jsonl', jsonLines: text, rows: text.split(/\r?\n/).filter((l) => l.trim() !== '').length };
  }
  const sheet = await readListFile(bytes);
  return { format: sheet.format, ...tableToJsonLines(sheet.rows, fileName) };
}
