// The loaded, validated policy pack and the pure functions that read it. Pure: no I/O.
import type {
  ArticleFile, BudgetLine, Department, DomainFile, Milestone, PackFile, Parameter, ParameterValue,
  Provision, Route, Rule, StackingRule, Target, TaxPreference,
} from './pack-schema.ts';

/** Where in the document an item is stated. */
export type Section = { kind: 'article'; number: number } | { kind: 'domain'; number: number } | { kind: 'document' };

export type Located<T> = T & { section: Section; file: string };

export type PackMeta = Omit<PackFile, 'provisions' | 'parameters' | 'tax_preferences' | 'targets' | 'milestones' | 'budgets' | 'routes' | 'rules' | 'stacking'>;

export interface PackDomain extends Pick<DomainFile, 'number' | 'numeral' | 'title' | 'title_en' | 'text'> {
  /** Department id of the lead unit (牵头单位). */
  lead: string;
  articles: number[];
}

export interface PackArticle extends Pick<ArticleFile, 'number' | 'numeral' | 'title' | 'title_en' | 'text'> {
  domain: number;
  /** Department ids, in the order of the 责任单位 clause. */
  responsibleUnits: string[];
  /** The 责任单位 as written in the text. */
  responsibleUnitNames: string[];
}

export type PackProvision = Located<Provision> & { departmentId: string };
export type PackTarget = Located<Target> & { responsibleIds: string[] };

export interface Pack {
  meta: PackMeta;
  sourceText: string;
  departments: Department[];
  domains: PackDomain[];
  articles: PackArticle[];
  provisions: PackProvision[];
  parameters: Located<Parameter>[];
  taxPreferences: Located<TaxPreference>[];
  targets: PackTarget[];
  milestones: Located<Milestone>[];
  budgets: Located<BudgetLine>[];
  routes: Located<Route>[];
  rules: Rule[];
  stacking: StackingRule[];
}

/** The value of a parameter in force on a date (YYYY-MM-DD); undefined when none covers the date. */
export function parameterValueAt(parameter: Parameter, date: string): ParameterValue | undefined {
  let found: ParameterValue | undefined;
  for (const entry of parameter.values) {
    if (entry.from <= date && (entry.to === undefined || date <= entry.to)) found = entry;
  }
  return found;
}

/** Stated: every parameter the provision reads has a value at the start of the pack's validity. */
export function isProvisionStated(pack: Pack, provision: Provision): boolean {
  const on = pack.meta.validity.from;
  return provision.parameters.every((id) => {
    const parameter = pack.parameters.find((p) => p.id === id);
    return parameter !== undefined && parameterValueAt(parameter, on)?.value != null;
  });
}

export function sectionOf(pack: Pack, section: Section): { title: string; text: string } {
  if (section.kind === 'article') {
    const article = pack.articles.find((a) => a.number === section.number);
    return { title: `（${article?.numeral ?? section.number}）${article?.title ?? ''}`, text: article?.text ?? '' };
  }
  if (section.kind === 'domain') {
    const domain = pack.domains.find((d) => d.number === section.number);
    return { title: `${domain?.numeral ?? section.number}、${domain?.title ?? ''}`, text: domain?.text ?? '' };
  }
  return { title: pack.meta.title, text: pack.sourceText };
}

export interface PackStats {
  edition: string;
  domains: number;
  articles: number;
  departments: number;
  provisions: { total: number; stated: number; unset: number };
  tax_preferences: { total: number; stated: number; unstated: number };
  targets: number;
  milestones: number;
  budgets: { total: number; with_amount: number; share: number; unstated: number };
  parameters: { total: number; set: number; unset: number };
  routes: number;
  rules: number;
}

export function packStats(pack: Pack): PackStats {
  const stated = pack.provisions.filter((p) => isProvisionStated(pack, p)).length;
  const taxStated = pack.taxPreferences.filter((t) => t.basis === 'stated').length;
  const setParameters = pack.parameters.filter((p) => parameterValueAt(p, pack.meta.validity.from)?.value != null).length;
  return {
    edition: pack.meta.edition,
    domains: pack.domains.length,
    articles: pack.articles.length,
    departments: pack.departments.length,
    provisions: { total: pack.provisions.length, stated, unset: pack.provisions.length - stated },
    tax_preferences: { total: pack.taxPreferences.length, stated: taxStated, unstated: pack.taxPreferences.length - taxStated },
    targets: pack.targets.length,
    milestones: pack.milestones.length,
    budgets: {
      total: pack.budgets.length,
      with_amount: pack.budgets.filter((b) => b.kind === 'exact' || b.kind === 'at-least').length,
      share: pack.budgets.filter((b) => b.kind === 'share').length,
      unstated: pack.budgets.filter((b) => b.kind === 'unstated').length,
    },
    parameters: { total: pack.parameters.length, set: setParameters, unset: pack.parameters.length - setParameters },
    routes: pack.routes.length,
    rules: pack.rules.length,
  };
}

/** A value set by an implementing document (实施细则) for a parameter the text leaves unset. */
export interface ParameterSetting {
  parameter: string;
  value: number;
  from: string;
  to?: string;
  /** The implementing document. */
  source: string;
}

/**
 * The pack with the settings' values added to their parameters. Later settings win over earlier ones and
 * over the text's null (parameterValueAt takes the last entry that covers a date); a pack's stated values
 * are never overridden by a setting — setParameter refuses that — so this only fills gaps.
 */
export function withParameterSettings(pack: Pack, settings: readonly ParameterSetting[]): Pack {
  if (settings.length === 0) return pack;
  const byParameter = new Map<string, ParameterSetting[]>();
  for (const s of settings) byParameter.set(s.parameter, [...(byParameter.get(s.parameter) ?? []), s]);
  return {
    ...pack,
    parameters: pack.parameters.map((p) => {
      const added = byParameter.get(p.id);
      if (!added) return p;
      return { ...p, values: [...p.values, ...added.map((s) => ({ from: s.from, ...(s.to ? { to: s.to } : {}), value: s.value, source: s.source }))] };
    }),
  };
}
