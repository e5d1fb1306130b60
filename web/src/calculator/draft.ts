// The answers as the form holds them (rows of loosely typed values per question group) and the
// beneficiary profile built from them: absent = unknown, [] = none, only complete entries are sent.
import type { Profile } from '../../../src/core/profile.ts';
import { GROUPS, type GroupId } from './vocabulary.ts';

export type FieldType = 'text' | 'date' | 'money' | 'year' | 'percent' | 'bool' | 'select';

export interface FieldSpec {
  name: string;
  type: FieldType;
  options?: readonly string[];
  required?: boolean;
}

export type Value = string | number | boolean | undefined;
export type Row = Record<string, Value>;
/** How a question was answered: entries given, "none", or skipped (left unknown). */
export type Answer = 'answered' | 'none' | 'skipped';

export interface Identity {
  name: string;
  id: string;
  kind: Profile['kind'] | undefined;
}

export interface Draft {
  identity: Identity;
  rows: Partial<Record<GroupId, Row[]>>;
  answers: Partial<Record<GroupId, Answer>>;
}

const LEVELS = ['national', 'provincial', 'city', 'district'] as const;
const CARRIERS = ['incubator', 'maker-space'] as const;

/** The entries of the list questions (financial years and incubation have editors of their own). */
export const LIST_FIELDS: Partial<Record<GroupId, FieldSpec[]>> = {
  recognitions: [
    { name: 'type', type: 'select', required: true, options: ['high-tech-enterprise', 'sci-tech-sme', 'eaglet', 'incubator', 'maker-space', 'overseas-innovation-incubation-centre', 'overseas-sci-tech-innovation-centre', 'manufacturing-innovation-centre', 'key-laboratory', 'proof-of-concept-centre', 'pilot-test-base', 'leading-innovation-team', 'software-enterprise', 'key-software-enterprise', 'innovation-consortium', 'sci-tech-platform'] },
    { name: 'level', type: 'select', options: LEVELS },
    { name: 'event', type: 'select', required: true, options: ['new', 'reexam', 'recognised'] },
    { name: 'date', type: 'date', required: true },
    { name: 'certificate', type: 'text' },
    { name: 'valid_until', type: 'date' },
    { name: 'enterprise_led', type: 'bool' },
  ],
  assessments: [
    { name: 'carrier', type: 'select', required: true, options: CARRIERS },
    { name: 'kind', type: 'select', required: true, options: ['excellence', 'performance'] },
    { name: 'level', type: 'select', required: true, options: LEVELS },
    { name: 'grade', type: 'select', required: true, options: ['excellent', 'five-star', 'four-star', 'other'] },
    { name: 'year', type: 'year', required: true },
  ],
  contracts: [
    { name: 'id', type: 'text', required: true },
    { name: 'registered_on', type: 'date', required: true },
    { name: 'amount', type: 'money', required: true },
  ],
  projects: [
    { name: 'kind', type: 'select', required: true, options: ['equipment-upgrade', 'consortium-major-project'] },
    { name: 'id', type: 'text', required: true },
    { name: 'year', type: 'year', required: true },
    { name: 'actual_investment', type: 'money' },
    { name: 'key_sector', type: 'bool' },
    { name: 'landmark', type: 'bool' },
  ],
  premiums: [
    { name: 'id', type: 'text', required: true },
    { name: 'year', type: 'year', required: true },
    { name: 'amount', type: 'money', required: true },
    { name: 'key_country', type: 'bool', required: true },
  ],
  prizes: [
    { name: 'kind', type: 'select', required: true, options: ['state-top-sci', 'state-progress-special', 'state-first', 'state-second'] },
    { name: 'date', type: 'date', required: true },
    { name: 'certificate', type: 'text' },
  ],
  grants_received: [
    { name: 'kind', type: 'select', required: true, options: ['city-rd-grant', 'provincial-key-lab-grant', 'superior-tech-insurance-grant', 'city-key-software-reward'] },
    { name: 'year', type: 'year', required: true },
    { name: 'amount', type: 'money', required: true },
    { name: 'reference', type: 'text' },
  ],
  compute_spend: [
    { name: 'year', type: 'year', required: true },
    { name: 'amount', type: 'money', required: true },
  ],
};

export const INCUBATION_FIELDS: FieldSpec[] = [
  { name: 'carrier', type: 'select', required: true, options: CARRIERS },
  { name: 'carrier_level', type: 'select', required: true, options: LEVELS },
  { name: 'entered', type: 'date', required: true },
  { name: 'graduated', type: 'date' },
];

export const WELFARE_FLAGS = ['dibao_household', 'elderly_in_hardship', 'assisted_reproduction_needed', 'trade_in_digital_purchase', 'event_hotel_stay'] as const;

/** The columns of the financial-years table. */
export const FY_FIELDS = ['revenue', 'rd_expense', 'above_scale'] as const;

export const isBlank = (v: Value): boolean => v === undefined || v === '';
/** A row with nothing filled in is ignored; one with some required field missing is incomplete. */
export const isEmptyRow = (row: Row): boolean => Object.entries(row).every(([k, v]) => k === '_rentMode' || isBlank(v));
export const isComplete = (row: Row, fields: readonly FieldSpec[]): boolean => fields.every((f) => !f.required || !isBlank(row[f.name]));

function pickFields(row: Row, fields: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (!isBlank(row[f.name])) out[f.name] = row[f.name];
  return out;
}

/** The policy years before year Y that the financial-years table asks about (Y-3 … Y-1). */
export const financialYears = (year: number): number[] => [year - 3, year - 2, year - 1];

/** Rent rows of one incubation entry: the same rent for the 12 months of the year, or month by month. */
export function rentOf(row: Row, year: number): { month: string; amount: number }[] {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  if (row._rentMode !== 'monthly') {
    const same = row._rentSame;
    return typeof same === 'number' ? months.map((month) => ({ month, amount: same })) : [];
  }
  return months.flatMap((month, i) => {
    const v = row[`_rent${i}`];
    return typeof v === 'number' ? [{ month, amount: v }] : [];
  });
}

function listValue(group: GroupId, rows: Row[], year: number): unknown[] {
  const used = rows.filter((r) => !isEmptyRow(r));
  if (group === 'financial_years') {
    return used.filter((r) => FY_FIELDS.some((f) => !isBlank(r[f]))).map((r) => pickFields(r, [{ name: 'year', type: 'year' }, { name: 'revenue', type: 'money' }, { name: 'rd_expense', type: 'money' }, { name: 'above_scale', type: 'bool' }]));
  }
  if (group === 'incubation') {
    return used.filter((r) => isComplete(r, INCUBATION_FIELDS)).map((r) => ({ ...pickFields(r, INCUBATION_FIELDS), rent: rentOf(r, year) }));
  }
  const fields = LIST_FIELDS[group] ?? [];
  return used.filter((r) => isComplete(r, fields)).map((r) => ({ ...pickFields(r, fields), ...(group === 'premiums' ? { kind: 'short-term-export-credit' } : {}) }));
}

/** The value of one question group in the profile; undefined leaves the fact unknown. */
function groupValue(group: GroupId, rows: Row[], answer: Answer | undefined, year: number): unknown {
  if (answer === 'skipped') return undefined;
  const row = rows[0] ?? {};
  switch (group) {
    case 'welfare': {
      if (answer === 'none') return Object.fromEntries(WELFARE_FLAGS.map((f) => [f, false]));
      const flags = pickFields(row, WELFARE_FLAGS.map((name) => ({ name, type: 'bool' as const })));
      return Object.keys(flags).length > 0 ? flags : undefined;
    }
    case 'industrial':
      return answer === 'none' ? false : typeof row.industrial === 'boolean' ? row.industrial : undefined;
    case 'above_scale_entry_year':
      // "Never above scale" cannot be said in the profile: the fact stays unknown and is not asked again.
      return answer === 'none' || typeof row.above_scale_entry_year !== 'number' ? undefined : row.above_scale_entry_year;
    case 'software_tax':
      return answer !== 'none' && typeof row.first_profit_year === 'number' && typeof row.statutory_rate_percent === 'number'
        ? { first_profit_year: row.first_profit_year, statutory_rate_percent: row.statutory_rate_percent } : undefined;
    default: {
      if (answer === 'none') return [];
      const list = listValue(group, rows, year);
      return list.length > 0 || answer === 'answered' ? list : undefined;
    }
  }
}

/** The profile the answers give, for the policy year. */
export function buildProfile(draft: Draft, year: number): Record<string, unknown> {
  const { identity } = draft;
  const profile: Record<string, unknown> = { id: identity.id.trim(), name: identity.name.trim(), kind: identity.kind };
  for (const group of GROUPS) {
    const value = groupValue(group, draft.rows[group] ?? [], draft.answers[group], year);
    if (value !== undefined) profile[group] = value;
  }
  return profile;
}

/** Rows that were started but miss a required field (they are not sent yet). */
export function incompleteRows(group: GroupId, rows: readonly Row[]): number[] {
  const fields = group === 'incubation' ? INCUBATION_FIELDS : LIST_FIELDS[group];
  if (!fields) return [];
  return rows.flatMap((r, i) => (!isEmptyRow(r) && !isComplete(r, fields) ? [i] : []));
}

/** Whether the group holds anything the user typed (used to tell "answered" from "none"). */
export function hasEntries(group: GroupId, rows: readonly Row[] | undefined, year: number): boolean {
  const list = rows ?? [];
  if (group === 'financial_years') return listValue(group, [...list], year).length > 0;
  return list.some((r) => !isEmptyRow(r));
}
