// The kinds of official list Zhida reads, each with its columns, who may import it, and how one row is
// checked against the beneficiary it names. Positive lists set a fact (新认定高新技术企业 <year>: a national
// high-tech recognition); the negative credit list (失信被执行人 / 严重失信主体) blocks approval and payout.
import { creditCodeProblem } from '../core/identity.ts';
import type { Profile, Recognition } from '../core/profile.ts';
import type { Role } from './actor.ts';
import { invalid } from './errors.ts';
import { headerKey, listDate } from './list-import-files.ts';

export interface ListColumn {
  key: string;
  /** Header names accepted, the first is the one the sample and messages use. */
  names: string[];
  required: boolean;
}

export interface ListKind {
  id: string;
  title: string;
  /** Reviewers of this department may import it (with admin); null: only the roles named. */
  department: string | null;
  roles: Role[];
  columns: ListColumn[];
  negative: boolean;
  year?: number;
  /**
   * The provisions a listed enterprise is entitled to without applying (免申即享): each becomes an offer to
   * confirm. 新认定高新技术企业: hte-new, 「对新认定……的国家高新技术企业给予30万元……奖励」 (第（一）条);
   * test/entitlements/kinds.test.ts checks the clause against the pack.
   */
  entitles: string[];
}

export const CREDIT_LIST_NAMES = ['失信被执行人', '严重失信主体'] as const;

const CODE: ListColumn = { key: 'credit_code', names: ['统一社会信用代码', '社会信用代码', '信用代码'], required: true };
const NAME_REQUIRED: ListColumn = { key: 'name', names: ['企业名称', '单位名称'], required: true };

export function listKind(id: string): ListKind {
  const hte = /^high-tech-new-(\d{4})$/.exec(id);
  if (hte && Number(hte[1]) >= 2000 && Number(hte[1]) <= 2100) {
    const year = Number(hte[1]);
    return {
      id, title: `新认定高新技术企业 ${year}`, department: '科技局', roles: ['admin'], negative: false, year, entitles: ['hte-new'],
      columns: [CODE, NAME_REQUIRED, { key: 'certificate', names: ['证书编号'], required: true }, { key: 'date', names: ['发证日期', '认定日期'], required: true }],
    };
  }
  if (id === 'credit-list') {
    return {
      id, title: '信用惩戒名单（失信被执行人、严重失信主体）', department: null, roles: ['finance', 'admin'], negative: true, entitles: [],
      columns: [CODE, { key: 'name', names: ['企业名称', '单位名称'], required: false }, { key: 'list_name', names: ['名单类型', '名单'], required: true },
        { key: 'reason', names: ['列入原因', '失信原因', '原因'], required: true }, { key: 'date', names: ['列入日期', '认定日期'], required: true }],
    };
  }
  throw invalid(`kind must be high-tech-new-<year> (e.g. high-tech-new-2025) or credit-list, got "${id}"`, [{ path: 'kind', message: 'unknown list kind' }]);
}

/** Column index per key; 400 naming every required column the header lacks. */
export function columnsOf(kind: ListKind, header: string[]): Map<string, number> {
  const keys = header.map(headerKey);
  const found = new Map<string, number>();
  const missing: string[] = [];
  for (const column of kind.columns) {
    const index = keys.findIndex((k) => column.names.some((n) => headerKey(n) === k));
    if (index >= 0) found.set(column.key, index);
    else if (column.required) missing.push(column.names[0]!);
  }
  if (missing.length > 0) {
    throw invalid(`the header row (line 1) lacks the required column(s) ${missing.join(', ')} of ${kind.title} (found: ${header.filter((h) => h !== '').join(', ') || 'nothing'})`,
      missing.map((m) => ({ path: `file.column.${m}`, message: 'missing' })));
  }
  return found;
}

/** One data row as read: its line (header = 1) and cells by column key. */
export interface ListRow {
  line: number;
  cells: Record<string, string>;
}

export type RowCheck =
  | { ok: false; message: string }
  | { ok: true; unchanged: true; message: string }
  | { ok: true; unchanged: false; message: string; recognition?: Recognition; listing?: { list_name: string; reason: string; listed_on: string } };

/** Checks that do not need the database: the credit code, and the kind's own fields. */
export function checkRowShape(kind: ListKind, row: ListRow): string | undefined {
  const code = row.cells.credit_code ?? '';
  if (code === '') return '统一社会信用代码 is empty';
  const problem = creditCodeProblem(code);
  if (problem) return `统一社会信用代码 ${code}: ${problem}`;
  const date = row.cells.date ?? '';
  const iso = listDate(date);
  const dateColumn = kind.negative ? '列入日期' : '发证日期';
  if (!iso) return `${dateColumn} "${date}" is not a date (YYYY-MM-DD)`;
  if (kind.year !== undefined && Number(iso.slice(0, 4)) !== kind.year) return `${dateColumn} ${iso} is not in ${kind.year}, the year of this list`;
  if (kind.negative) {
    if (!(CREDIT_LIST_NAMES as readonly string[]).includes(row.cells.list_name ?? '')) return `名单类型 must be ${CREDIT_LIST_NAMES.join(' or ')}, got "${row.cells.list_name ?? ''}"`;
    if ((row.cells.reason ?? '') === '') return '列入原因 is empty';
  } else {
    if ((row.cells.name ?? '') === '') return '企业名称 is empty';
    if ((row.cells.certificate ?? '') === '') return '证书编号 is empty';
  }
  return undefined;
}

/** A high-tech row against the beneficiary's profile: added, already there (unchanged), or a conflicting fact. */
export function checkHighTech(kind: ListKind, row: ListRow, profile: Pick<Profile, 'recognitions'> | undefined): RowCheck {
  const code = row.cells.credit_code!;
  if (!profile) return { ok: false, message: `unknown enterprise: ${code} is not registered in Zhida` };
  const date = listDate(row.cells.date!)!;
  const certificate = row.cells.certificate!;
  const recognition: Recognition = { type: 'high-tech-enterprise', level: 'national', event: 'new', date, certificate };
  const held = (profile.recognitions ?? []).filter((r) => r.type === 'high-tech-enterprise');
  const same = held.find((r) => r.certificate === certificate);
  if (same) {
    if (same.event === 'new' && same.date === date) return { ok: true, unchanged: true, message: `already recorded (certificate ${certificate})` };
    return { ok: false, message: `conflicting fact: certificate ${certificate} is already recorded as ${same.event} on ${same.date}, the list says new on ${date}` };
  }
  const otherNew = held.find((r) => r.event === 'new' && r.date.slice(0, 4) === String(kind.year));
  if (otherNew) return { ok: false, message: `conflicting fact: a new recognition in ${kind.year} is already recorded with certificate ${otherNew.certificate ?? '(none)'} on ${otherNew.date}` };
  return { ok: true, unchanged: false, message: `recognition added (certificate ${certificate}, ${date})`, recognition };
}

/** A credit-list row: listed (registered or not: a later registration is blocked too), or already listed. */
export function checkCreditListing(row: ListRow, registered: boolean, listedAlready: boolean): RowCheck {
  const listing = { list_name: row.cells.list_name!, reason: row.cells.reason!, listed_on: listDate(row.cells.date!)! };
  if (listedAlready) return { ok: true, unchanged: true, message: `already on ${listing.list_name} for this reason` };
  return { ok: true, unchanged: false, listing, message: registered ? `listed on ${listing.list_name}: approval and payout blocked` : `listed on ${listing.list_name} (not registered in Zhida: blocked if it registers)` };
}
