// The structured difference between two policy editions (two packs, or a pack and the pack with a reform's
// parameter values applied): clause text, provisions, parameters, targets and budget lines. Pure: no I/O.
//
// Amounts, rates, caps and thresholds are parameters in the pack (a rule may write no number but 0 and 1),
// so a provision's amount changes when a parameter it reads changes value: the provision lists it as its
// amount / rate / cap / threshold field, and the parameter is listed with its before → after value.
import { parameterValueAt, type Pack, type PackProvision } from './pack.ts';
import { diffText, type TextOp } from './text-diff.ts';

export type { TextOp } from './text-diff.ts';

export type Change = 'added' | 'removed' | 'changed';

export interface FieldChange { field: string; before: unknown; after: unknown }

export interface ClauseChange {
  kind: 'article' | 'domain';
  number: number;
  title: string;
  change: Change;
  /** Character-level operations turning the old text into the new (only inserts, or only deletes, when added or removed). */
  ops: TextOp[];
}

export interface ProvisionChange {
  id: string;
  catalogue: string;
  title: string;
  change: Change;
  /** amount, rate, cap, threshold (from its parameters), conditions, department, and the pack's own fields. */
  fields: FieldChange[];
}

export interface ParameterChange {
  id: string;
  label: string;
  unit: string;
  /** set: unset → a value; unset: a value → unset; changed: another value; added/removed with the parameter. */
  change: Change | 'set' | 'unset';
  before: number | null;
  after: number | null;
  /** The document each value comes from. */
  before_source: string | null;
  after_source: string | null;
  provisions: string[];
  /**
   * The parameter's clause phrase with its figure rewritten to the new value (给予30万元 → 给予40万元), as
   * character operations, when the old figure is found written in it: the wording the change implies.
   */
  quote_ops?: TextOp[];
}

export interface ItemChange { id: string; title: string; change: Change; fields: FieldChange[] }

export interface EditionDiff {
  from: { edition: string; on: string };
  to: { edition: string; on: string };
  meta: FieldChange[];
  clauses: ClauseChange[];
  provisions: ProvisionChange[];
  parameters: ParameterChange[];
  targets: ItemChange[];
  budgets: ItemChange[];
  /** Number of changes over all groups (0: the editions state the same policy). */
  total: number;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The fields of two objects that differ, in the order of the keys listed. */
function fieldChanges<T extends object>(a: T, b: T, keys: readonly (keyof T & string)[]): FieldChange[] {
  return keys.filter((k) => !same(a[k], b[k])).map((k) => ({ field: k, before: a[k] ?? null, after: b[k] ?? null }));
}

function byId<T extends { id: string }>(a: readonly T[], b: readonly T[]): { removed: T[]; added: T[]; both: [T, T][] } {
  const inB = new Map(b.map((x) => [x.id, x]));
  const inA = new Set(a.map((x) => x.id));
  return {
    removed: a.filter((x) => !inB.has(x.id)),
    added: b.filter((x) => !inA.has(x.id)),
    both: a.filter((x) => inB.has(x.id)).map((x) => [x, inB.get(x.id)!]),
  };
}

/** Which field of a provision a parameter is: caps and ceilings, thresholds (counts, years), rates, amounts. */
export function parameterRole(id: string, unit: string): 'amount' | 'rate' | 'cap' | 'threshold' {
  if (/(^|[.-])(cap|ceiling|annual-cap)$/.test(id)) return 'cap';
  if (/threshold$/.test(id) || unit === 'years' || unit === 'count') return 'threshold';
  if (unit === 'percent' || unit === 'ratio') return 'rate';
  return 'amount';
}

function clauseChanges(a: Pack, b: Pack): ClauseChange[] {
  const changes: ClauseChange[] = [];
  const compare = (kind: 'article' | 'domain', before: { number: number; title: string; text: string }[], after: { number: number; title: string; text: string }[]) => {
    const inB = new Map(after.map((x) => [x.number, x]));
    const inA = new Set(before.map((x) => x.number));
    for (const x of before) {
      const y = inB.get(x.number);
      if (!y) changes.push({ kind, number: x.number, title: x.title, change: 'removed', ops: [{ op: 'delete', text: x.text }] });
      else if (x.text !== y.text || x.title !== y.title) changes.push({ kind, number: x.number, title: y.title, change: 'changed', ops: diffText(x.text, y.text) });
    }
    for (const y of after) if (!inA.has(y.number)) changes.push({ kind, number: y.number, title: y.title, change: 'added', ops: [{ op: 'insert', text: y.text }] });
  };
  compare('domain', a.domains, b.domains);
  compare('article', a.articles, b.articles);
  return changes.sort((x, y) => (x.kind === y.kind ? x.number - y.number : x.kind === 'domain' ? -1 : 1));
}

interface ValueAt { value: number | null; source: string | null }

function valueOf(pack: Pack, id: string, on: string): ValueAt | undefined {
  const parameter = pack.parameters.find((p) => p.id === id);
  if (!parameter) return undefined;
  const entry = parameterValueAt(parameter, on);
  return { value: entry?.value ?? null, source: entry?.source ?? null };
}

const wan = (v: number) => String(v / 10_000);

/** How a value may be written in the text, and the same writing for another value. */
function writings(unit: string, value: number): ((v: number) => string)[] {
  if (unit === 'yuan') {
    const forms: ((v: number) => string)[] = [(v) => `${v}元`];
    if (value % 100 === 0) forms.unshift((v) => `${wan(v)}万元`, (v) => `${wan(v)} 万元`);
    if (value % 1_000_000 === 0) forms.unshift((v) => `${v / 100_000_000}亿元`);
    return forms;
  }
  if (unit === 'percent') return [(v) => `${v}%`, (v) => `${v} %`];
  return [];
}

/** The quote with the old figure replaced by the new, as operations; undefined when the figure is not found. */
export function quoteWithValue(quote: string, unit: string, before: number | null, after: number | null): TextOp[] | undefined {
  if (before === null || after === null) return undefined;
  for (const write of writings(unit, before)) {
    const old = write(before);
    const at = quote.indexOf(old);
    // Not inside a longer number (30万元 in 130万元).
    if (at < 0 || /[0-9.]/.test(quote[at - 1] ?? '')) continue;
    return diffText(quote, `${quote.slice(0, at)}${write(after)}${quote.slice(at + old.length)}`);
  }
  return undefined;
}

function parameterChanges(a: Pack, b: Pack, onA: string, onB: string): ParameterChange[] {
  const { removed, added, both } = byId(a.parameters, b.parameters);
  const users = (pack: Pack, id: string) => pack.provisions.filter((p) => p.parameters.includes(id)).map((p) => p.id);
  const changes: ParameterChange[] = [];
  for (const [x, y] of both) {
    const before = valueOf(a, x.id, onA)!;
    const after = valueOf(b, y.id, onB)!;
    if (before.value === after.value && same(x.unit, y.unit) && same(x.denominator, y.denominator)) continue;
    const change = before.value === null ? 'set' : after.value === null ? 'unset' : 'changed';
    const quoteOps = x.quote === y.quote ? quoteWithValue(y.quote, y.unit, before.value, after.value) : undefined;
    changes.push({
      id: y.id, label: y.label.zh, unit: y.unit, change, before: before.value, after: after.value, before_source: before.source, after_source: after.source,
      provisions: users(b, y.id), ...(quoteOps ? { quote_ops: quoteOps } : {}),
    });
  }
  for (const x of removed) {
    const before = valueOf(a, x.id, onA)!;
    changes.push({ id: x.id, label: x.label.zh, unit: x.unit, change: 'removed', before: before.value, after: null, before_source: before.source, after_source: null, provisions: users(a, x.id) });
  }
  for (const y of added) {
    const after = valueOf(b, y.id, onB)!;
    changes.push({ id: y.id, label: y.label.zh, unit: y.unit, change: 'added', before: null, after: after.value, before_source: null, after_source: after.source, provisions: users(b, y.id) });
  }
  return changes;
}

const PROVISION_FIELDS = ['title', 'quote', 'beneficiary', 'basis', 'parameters', 'event', 'frequency', 'excludes', 'period', 'notes'] as const;

function provisionChanges(a: Pack, b: Pack, parameters: ParameterChange[]): ProvisionChange[] {
  const { removed, added, both } = byId<PackProvision>(a.provisions, b.provisions);
  const changedParameters = new Map(parameters.map((p) => [p.id, p]));
  const changes: ProvisionChange[] = [];
  for (const [x, y] of both) {
    const fields: FieldChange[] = [];
    // The provision's amount, rate, cap and threshold are its parameters' values.
    for (const id of y.parameters) {
      const p = changedParameters.get(id);
      if (p) fields.push({ field: parameterRole(id, p.unit), before: p.before, after: p.after });
    }
    // Conditions are written in the rules; the pack carries the phrases they rely on.
    if (!same(x.extra_quotes, y.extra_quotes)) fields.push({ field: 'conditions', before: x.extra_quotes, after: y.extra_quotes });
    if (x.department !== y.department) fields.push({ field: 'department', before: x.department, after: y.department });
    fields.push(...fieldChanges(x, y, PROVISION_FIELDS).map((f) => (f.field === 'title' ? { ...f, before: x.title.zh, after: y.title.zh } : f)));
    if (fields.length > 0) changes.push({ id: y.id, catalogue: y.catalogue, title: y.title.zh, change: 'changed', fields });
  }
  for (const x of removed) changes.push({ id: x.id, catalogue: x.catalogue, title: x.title.zh, change: 'removed', fields: [] });
  for (const y of added) changes.push({ id: y.id, catalogue: y.catalogue, title: y.title.zh, change: 'added', fields: [] });
  return changes;
}

function itemChanges<T extends { id: string }>(a: readonly T[], b: readonly T[], keys: readonly (keyof T & string)[], title: (x: T) => string): ItemChange[] {
  const { removed, added, both } = byId(a, b);
  return [
    ...both.map(([x, y]) => ({ id: y.id, title: title(y), change: 'changed' as const, fields: fieldChanges(x, y, keys) })).filter((c) => c.fields.length > 0),
    ...removed.map((x) => ({ id: x.id, title: title(x), change: 'removed' as const, fields: [] })),
    ...added.map((y) => ({ id: y.id, title: title(y), change: 'added' as const, fields: [] })),
  ];
}

export interface DiffOptions {
  /** The dates at which parameter values are compared; by default each pack's first day of validity. */
  onA?: string;
  onB?: string;
}

/** What changes from edition a to edition b. */
export function diffEditions(a: Pack, b: Pack, options: DiffOptions = {}): EditionDiff {
  const onA = options.onA ?? a.meta.validity.from;
  const onB = options.onB ?? b.meta.validity.from;
  const meta = fieldChanges(a.meta, b.meta, ['title', 'document_number', 'signed_on', 'validity']);
  const clauses = clauseChanges(a, b);
  const parameters = parameterChanges(a, b, onA, onB);
  const provisions = provisionChanges(a, b, parameters);
  const targets = itemChanges(a.targets, b.targets, ['metric', 'value', 'unit', 'direction', 'firmness', 'quote', 'responsible'], (t) => t.metric.zh);
  const budgets = itemChanges(a.budgets, b.budgets, ['label', 'kind', 'amount_yuan', 'share', 'quote'], (x) => x.label.zh);
  return {
    from: { edition: a.meta.edition, on: onA }, to: { edition: b.meta.edition, on: onB },
    meta, clauses, provisions, parameters, targets, budgets,
    total: meta.length + clauses.length + provisions.length + parameters.length + targets.length + budgets.length,
  };
}
