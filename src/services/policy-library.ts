// The policy library: read-only views of a loaded pack, for the API, the CLI and the web app.
import { formatYuan } from '../core/money.ts';
import { isProvisionStated, packStats, parameterValueAt, type Located, type Pack, type Section } from '../core/pack.ts';
import type { Parameter } from '../core/pack-schema.ts';
import { findQuoteRanges, parseSource } from '../core/policy-text.ts';
import { searchArticles } from './policy-search.ts';
import type {
  ArticleDetail, ArticleSummary, BudgetView, DepartmentRef, DepartmentView, DomainDetail, DomainSummary, Highlight,
  MilestoneView, ParameterView, PolicyInfo, ProvisionView, RouteView, SearchResult, TargetView, TaxPreferenceView, Where,
} from './policy-views.ts';

const BASIS_TEXT: Record<ProvisionView['basis'], { zh: string; en: string }> = {
  fixed: { zh: '', en: '' },
  ceiling: { zh: '最高', en: 'up to' },
  rate: { zh: '', en: '' },
  'rate-ceiling': { zh: '最高', en: 'up to' },
  floor: { zh: '不低于', en: 'at least' },
  'half-of': { zh: '孵化器标准减半', en: 'half of the incubator standard' },
  matching: { zh: '按上级资助配套', en: 'matching the higher-level grant' },
  unstated: { zh: '', en: '' },
};
const UNSET = { zh: '待配套政策明确', en: 'unset: left to implementing rules' };
const DIRECTION = { '>=': '≥', '>': '>', '=': '=' } as const;

export interface ArticleFilter {
  domain?: number;
  department?: string;
}

export class PolicyLibrary {
  private readonly departmentsById;
  private readonly preamble: string;
  private readonly closing: string[];

  constructor(readonly pack: Pack) {
    this.departmentsById = new Map(pack.departments.map((d) => [d.id, d]));
    const source = parseSource(pack.sourceText);
    this.preamble = source.preamble;
    this.closing = source.closing;
  }

  info(): PolicyInfo {
    const { meta } = this.pack;
    return {
      edition: meta.edition, title: meta.title, title_en: meta.title_en, document_number: meta.document_number, issuers: meta.issuers,
      signed_on: meta.signed_on, validity: meta.validity, upstream: meta.upstream, preamble: this.preamble, closing: this.closing,
      stats: packStats(this.pack),
      rules: this.pack.rules.map((r) => ({ id: r.id, title: r.title, quotes: r.quotes, applies_to: r.applies_to, articles: r.articles })),
    };
  }

  domains(): DomainSummary[] {
    return this.pack.domains.map((d) => ({ number: d.number, numeral: d.numeral, title: d.title, title_en: d.title_en, lead: this.ref(d.lead), articles: d.articles }));
  }

  domain(number: number): DomainDetail | undefined {
    const d = this.pack.domains.find((x) => x.number === number);
    if (!d) return undefined;
    const section: Section = { kind: 'domain', number };
    return {
      number: d.number, numeral: d.numeral, title: d.title, title_en: d.title_en, lead: this.ref(d.lead), articles: d.articles, text: d.text,
      article_summaries: this.articles({ domain: number }),
      ...this.sectionItems(section, d.text),
    };
  }

  articles(filter: ArticleFilter = {}): ArticleSummary[] {
    return this.pack.articles
      .filter((a) => filter.domain === undefined || a.domain === filter.domain)
      .filter((a) => filter.department === undefined || a.responsibleUnits.includes(filter.department))
      .map((a) => this.articleSummary(a.number));
  }

  article(number: number): ArticleDetail | undefined {
    const a = this.pack.articles.find((x) => x.number === number);
    if (!a) return undefined;
    const domain = this.pack.domains.find((d) => d.number === a.domain)!;
    const index = this.pack.articles.indexOf(a);
    return {
      ...this.articleSummary(number),
      text: a.text,
      domain_title: `${domain.numeral}、${domain.title}`,
      responsible_as_written: a.responsibleUnitNames,
      previous: this.pack.articles[index - 1]?.number ?? null,
      next: this.pack.articles[index + 1]?.number ?? null,
      ...this.sectionItems({ kind: 'article', number }, a.text),
    };
  }

  provisions(filter: { status?: 'stated' | 'unset'; department?: string } = {}): ProvisionView[] {
    return this.pack.provisions
      .map((p) => this.provisionView(p))
      .filter((p) => filter.status === undefined || p.status === filter.status)
      .filter((p) => filter.department === undefined || p.department.id === filter.department);
  }

  provision(id: string): ProvisionView | undefined {
    const p = this.pack.provisions.find((x) => x.id === id || x.catalogue === id);
    return p && this.provisionView(p);
  }

  targets(filter: { domain?: number; department?: string } = {}): TargetView[] {
    return this.pack.targets
      .filter((t) => filter.domain === undefined || this.domainOf(t.section) === filter.domain)
      .filter((t) => filter.department === undefined || t.responsibleIds.includes(filter.department))
      .map((t) => this.targetView(t));
  }

  budgets(): BudgetView[] {
    return this.pack.budgets.map((b) => this.budgetView(b));
  }

  taxPreferences(): TaxPreferenceView[] {
    return this.pack.taxPreferences.map((t) => ({
      id: t.id, catalogue: t.catalogue, title: t.title, quote: t.quote, beneficiary: t.beneficiary, basis: t.basis,
      parameters: t.parameters.map((id) => this.parameterView(id)), notes: t.notes, where: this.where(t.section),
    }));
  }

  departments(): DepartmentView[] {
    return this.pack.departments.map((d) => this.departmentView(d.id)!);
  }

  department(id: string): DepartmentView | undefined {
    const d = this.pack.departments.find((x) => x.id === id || x.name === id || x.aliases.includes(id));
    return d && this.departmentView(d.id);
  }

  search(query: string, limit = 20): SearchResult {
    return searchArticles(this.pack, query, limit);
  }

  private departmentView(id: string): DepartmentView | undefined {
    const d = this.departmentsById.get(id);
    if (!d) return undefined;
    return {
      id: d.id, name: d.name, name_en: d.name_en, aliases: d.aliases, kind: d.kind,
      articles: this.pack.articles.filter((a) => a.responsibleUnits.includes(id)).map((a) => a.number),
      leads: this.pack.domains.filter((x) => x.lead === id).map((x) => x.number),
      provisions: this.pack.provisions.filter((p) => p.departmentId === id).map((p) => p.id),
    };
  }

  private articleSummary(number: number): ArticleSummary {
    const a = this.pack.articles.find((x) => x.number === number)!;
    const inArticle = <T extends { section: Section }>(items: T[]) => items.filter((i) => i.section.kind === 'article' && i.section.number === number).length;
    return {
      number: a.number, numeral: a.numeral, title: a.title, title_en: a.title_en, domain: a.domain,
      responsible: a.responsibleUnits.map((id) => this.ref(id)),
      counts: {
        provisions: inArticle(this.pack.provisions), targets: inArticle(this.pack.targets),
        budgets: inArticle(this.pack.budgets), tax_preferences: inArticle(this.pack.taxPreferences),
      },
    };
  }

  private sectionItems(section: Section, text: string) {
    const here = <T extends { section: Section }>(items: T[]) => items.filter((i) => sameSection(i.section, section));
    const provisions = here(this.pack.provisions).map((p) => this.provisionView(p));
    const taxPreferences = this.taxPreferences().filter((t) => sameWhere(t.where, section));
    const targets = here(this.pack.targets).map((t) => this.targetView(t));
    const milestones: MilestoneView[] = here(this.pack.milestones).map((m) => ({ id: m.id, metric: m.metric, quote: m.quote, where: this.where(m.section) }));
    const budgets = here(this.pack.budgets).map((b) => this.budgetView(b));
    const routes: RouteView[] = here(this.pack.routes).map((r) => ({ id: r.id, title: r.title, aimed_at: r.aimed_at, quote: r.quote, where: this.where(r.section) }));
    const highlights: Highlight[] = [];
    const mark = (kind: Highlight['kind'], id: string, quote: string) => {
      for (const [start, end] of findQuoteRanges(text, quote)) highlights.push({ start, end, kind, id });
    };
    provisions.forEach((p) => mark('provision', p.id, p.quote));
    taxPreferences.forEach((t) => mark('tax_preference', t.id, t.quote));
    targets.forEach((t) => mark('target', t.id, t.quote));
    milestones.forEach((m) => mark('milestone', m.id, m.quote));
    budgets.forEach((b) => mark('budget', b.id, b.quote));
    routes.forEach((r) => mark('route', r.id, r.quote));
    highlights.sort((x, y) => x.start - y.start || y.end - x.end);
    return { provisions, tax_preferences: taxPreferences, targets, milestones, budgets, routes, highlights };
  }

  private provisionView(p: Pack['provisions'][number]): ProvisionView {
    const parameters = p.parameters.map((id) => this.parameterView(id));
    const status = isProvisionStated(this.pack, p) ? 'stated' : 'unset';
    return {
      id: p.id, catalogue: p.catalogue, title: p.title, quote: p.quote, extra_quotes: p.extra_quotes, beneficiary: p.beneficiary,
      department: this.ref(p.departmentId), basis: p.basis, status, amount_text: amountText(p.basis, status, parameters),
      parameters, event: p.event, frequency: p.frequency, excludes: p.excludes, period: p.period, notes: p.notes, where: this.where(p.section),
    };
  }

  private parameterView(id: string): ParameterView {
    const p = this.pack.parameters.find((x) => x.id === id)!;
    const current = parameterValueAt(p, this.pack.meta.validity.from);
    return {
      id: p.id, label: p.label, unit: p.unit, denominator: p.denominator, quote: p.quote, value: current?.value ?? null,
      value_text: parameterText(p, current?.value ?? null), source: current?.source ?? '', values: p.values, where: this.where(p.section),
    };
  }

  private targetView(t: Pack['targets'][number]): TargetView {
    const value = typeof t.value === 'number' ? `${t.value}` : `${t.value.numerator}/${t.value.denominator}`;
    return {
      id: t.id, metric: t.metric, value: t.value, unit: t.unit, direction: t.direction, firmness: t.firmness, marker: t.marker,
      value_text: `${DIRECTION[t.direction]} ${value}${t.unit === 'share' ? '' : ` ${t.unit}`}`,
      quote: t.quote, responsible: t.responsibleIds.map((id) => this.ref(id)), same_as: t.same_as, notes: t.notes, where: this.where(t.section),
    };
  }

  private budgetView(b: Pack['budgets'][number]): BudgetView {
    let amount = { zh: '未明确金额', en: 'no amount stated' };
    if (b.amount_yuan !== undefined) {
      const prefix = b.kind === 'at-least' ? { zh: '不少于', en: 'at least ' } : { zh: '', en: '' };
      amount = { zh: `${prefix.zh}${formatYuan(b.amount_yuan)}`, en: `${prefix.en}${formatYuan(b.amount_yuan, 'en')}` };
    } else if (b.share) {
      amount = { zh: `不低于 ${b.share.numerator}/${b.share.denominator}`, en: `at least ${b.share.numerator}/${b.share.denominator}` };
    }
    return {
      id: b.id, label: b.label, kind: b.kind, amount_yuan: b.amount_yuan, share: b.share, amount_text: amount,
      quote: b.quote, same_as: b.same_as, notes: b.notes, where: this.where(b.section),
    };
  }

  private ref(id: string): DepartmentRef {
    const d = this.departmentsById.get(id);
    return { id, name: d?.name ?? id, name_en: d?.name_en ?? id };
  }

  private where(section: Section): Where {
    if (section.kind === 'article') {
      const a = this.pack.articles.find((x) => x.number === section.number)!;
      return { kind: 'article', number: a.number, label: `（${a.numeral}）${a.title}` };
    }
    if (section.kind === 'domain') {
      const d = this.pack.domains.find((x) => x.number === section.number)!;
      return { kind: 'domain', number: d.number, label: `${d.numeral}、${d.title}` };
    }
    return { kind: 'document', label: this.pack.meta.title };
  }

  private domainOf(section: Section): number | undefined {
    if (section.kind === 'domain') return section.number;
    if (section.kind === 'article') return this.pack.articles.find((a) => a.number === section.number)?.domain;
    return undefined;
  }
}

function sameSection(a: Section, b: Section): boolean {
  return a.kind === b.kind && (a.kind === 'document' || (b.kind !== 'document' && a.number === b.number));
}

function sameWhere(where: Where, section: Section): boolean {
  return where.kind === section.kind && (section.kind === 'document' || where.number === section.number);
}

function parameterText(p: Located<Parameter> | Parameter, value: number | null): { zh: string; en: string } {
  if (value === null) return UNSET;
  switch (p.unit) {
    case 'yuan': return { zh: formatYuan(value), en: formatYuan(value, 'en') };
    case 'percent': return { zh: `${value}%`, en: `${value}%` };
    case 'years': return { zh: `${value}年`, en: `${value} years` };
    case 'count': return { zh: `${value}`, en: `${value}` };
    case 'ratio': return { zh: `${value}/${p.denominator}`, en: `${value}/${p.denominator}` };
  }
}

/** A one-line amount in the words of the basis: 30万元, 最高20万元, 不超过30%，最高50万元, 不低于60%，可提高至80%. */
function amountText(basis: ProvisionView['basis'], status: ProvisionView['status'], parameters: ParameterView[]): { zh: string; en: string } {
  if (status === 'unset' || basis === 'unstated') {
    const prefix = BASIS_TEXT[basis];
    return prefix.zh ? { zh: `${prefix.zh}（${UNSET.zh}）`, en: `${prefix.en} (${UNSET.en})` } : UNSET;
  }
  const percents = parameters.filter((p) => p.unit === 'percent' && /rate$/.test(p.id));
  const money = parameters.filter((p) => p.unit === 'yuan' && !/threshold$/.test(p.id));
  const rate = percents[0]?.value_text;
  const sum = money.at(-1)?.value_text;
  switch (basis) {
    case 'fixed':
      return sum ?? { zh: '—', en: '—' };
    case 'ceiling':
      return sum ? { zh: `最高${sum.zh}`, en: `up to ${sum.en}` } : { zh: '—', en: '—' };
    case 'rate':
      return rate ?? { zh: '—', en: '—' };
    case 'rate-ceiling':
      if (!rate) return { zh: '—', en: '—' };
      return sum ? { zh: `不超过${rate.zh}，最高${sum.zh}`, en: `up to ${rate.en}, at most ${sum.en}` } : { zh: `不超过${rate.zh}`, en: `up to ${rate.en}` };
    case 'floor': {
      if (!rate) return sum ? { zh: `不低于${sum.zh}`, en: `at least ${sum.en}` } : { zh: '—', en: '—' };
      const raised = percents[1]?.value_text;
      return raised ? { zh: `不低于${rate.zh}，可提高至${raised.zh}`, en: `at least ${rate.en}, up to ${raised.en} where justified` } : { zh: `不低于${rate.zh}`, en: `at least ${rate.en}` };
    }
    default:
      return { zh: BASIS_TEXT[basis].zh, en: BASIS_TEXT[basis].en };
  }
}
