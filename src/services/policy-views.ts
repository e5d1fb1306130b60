// What the policy library shows: the response shapes of the read-only policy API. The zod schemas
// are the source of the types (used by the API, the CLI and, as types only, the web app) and of the
// JSON Schema in the OpenAPI document; they also stop a response from leaking fields by accident.
import { z } from 'zod';
import { AmountBasis, Beneficiary, Bilingual, Fraction, ParameterUnit, TargetUnit } from '../core/pack-schema.ts';

export const DepartmentRef = z.object({ id: z.string(), name: z.string(), name_en: z.string() });
export type DepartmentRef = z.infer<typeof DepartmentRef>;

export const Where = z.object({
  kind: z.enum(['article', 'domain', 'document']),
  /** Article or domain number; absent for the document. */
  number: z.number().int().optional(),
  /** e.g. （十三）鼓励企业加大研发投入 */
  label: z.string(),
});
export type Where = z.infer<typeof Where>;

export const ParameterView = z.object({
  id: z.string(),
  label: Bilingual,
  unit: ParameterUnit,
  denominator: z.number().int().optional(),
  quote: z.string(),
  /** Value in force on the first day of the edition's validity; null when unset. */
  value: z.number().int().nullable(),
  value_text: Bilingual,
  source: z.string(),
  values: z.array(z.object({ from: z.string(), to: z.string().optional(), value: z.number().int().nullable(), source: z.string() })),
  where: Where,
});
export type ParameterView = z.infer<typeof ParameterView>;

export const ProvisionView = z.object({
  id: z.string(),
  catalogue: z.string(),
  title: Bilingual,
  quote: z.string(),
  extra_quotes: z.array(z.string()),
  beneficiary: Beneficiary,
  department: DepartmentRef,
  basis: AmountBasis,
  /** stated: every amount is in the text (or set since); unset: left to implementing rules. */
  status: z.enum(['stated', 'unset']),
  amount_text: Bilingual,
  parameters: z.array(ParameterView),
  event: z.string(),
  frequency: z.enum(['one-off', 'annual', 'per-event']),
  excludes: z.array(z.string()),
  period: z.object({ description: Bilingual, quote: z.string() }).optional(),
  notes: z.array(z.string()),
  where: Where,
});
export type ProvisionView = z.infer<typeof ProvisionView>;

export const TaxPreferenceView = z.object({
  id: z.string(),
  catalogue: z.string(),
  title: Bilingual,
  quote: z.string(),
  beneficiary: Beneficiary,
  basis: z.enum(['stated', 'unstated']),
  parameters: z.array(ParameterView),
  notes: z.array(z.string()),
  where: Where,
});
export type TaxPreferenceView = z.infer<typeof TaxPreferenceView>;

export const TargetView = z.object({
  id: z.string(),
  metric: Bilingual,
  value: z.union([z.number(), Fraction]),
  unit: TargetUnit,
  direction: z.enum(['>=', '>', '=']),
  firmness: z.enum(['firm', 'plain', 'soft']),
  marker: z.string().optional(),
  /** e.g. ≥ 330 家 */
  value_text: z.string(),
  quote: z.string(),
  responsible: z.array(DepartmentRef),
  same_as: z.array(z.string()),
  notes: z.array(z.string()),
  where: Where,
});
export type TargetView = z.infer<typeof TargetView>;

export const BudgetView = z.object({
  id: z.string(),
  label: Bilingual,
  kind: z.enum(['exact', 'at-least', 'share', 'unstated']),
  amount_yuan: z.number().int().optional(),
  share: Fraction.optional(),
  amount_text: Bilingual,
  quote: z.string(),
  same_as: z.array(z.string()),
  notes: z.array(z.string()),
  where: Where,
});
export type BudgetView = z.infer<typeof BudgetView>;

export const MilestoneView = z.object({ id: z.string(), metric: Bilingual, quote: z.string(), where: Where });
export type MilestoneView = z.infer<typeof MilestoneView>;

export const RouteView = z.object({ id: z.string(), title: Bilingual, aimed_at: z.string(), quote: z.string(), where: Where });
export type RouteView = z.infer<typeof RouteView>;

export const Highlight = z.object({
  start: z.number().int(),
  end: z.number().int(),
  kind: z.enum(['provision', 'tax_preference', 'target', 'milestone', 'budget', 'route']),
  id: z.string(),
});
export type Highlight = z.infer<typeof Highlight>;

export const ArticleSummary = z.object({
  number: z.number().int(),
  numeral: z.string(),
  title: z.string(),
  title_en: z.string(),
  domain: z.number().int(),
  responsible: z.array(DepartmentRef),
  counts: z.object({ provisions: z.number().int(), targets: z.number().int(), budgets: z.number().int(), tax_preferences: z.number().int() }),
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

const SectionItems = {
  provisions: z.array(ProvisionView),
  tax_preferences: z.array(TaxPreferenceView),
  targets: z.array(TargetView),
  milestones: z.array(MilestoneView),
  budgets: z.array(BudgetView),
  routes: z.array(RouteView),
  /** Where each item's quote stands in `text`, for highlighting. */
  highlights: z.array(Highlight),
};

export const ArticleDetail = ArticleSummary.extend({
  text: z.string(),
  domain_title: z.string(),
  responsible_as_written: z.array(z.string()),
  previous: z.number().int().nullable(),
  next: z.number().int().nullable(),
  ...SectionItems,
});
export type ArticleDetail = z.infer<typeof ArticleDetail>;

export const DomainSummary = z.object({
  number: z.number().int(),
  numeral: z.string(),
  title: z.string(),
  title_en: z.string(),
  lead: DepartmentRef,
  articles: z.array(z.number().int()),
});
export type DomainSummary = z.infer<typeof DomainSummary>;

export const DomainDetail = DomainSummary.extend({
  text: z.string(),
  article_summaries: z.array(ArticleSummary),
  ...SectionItems,
});
export type DomainDetail = z.infer<typeof DomainDetail>;

export const DepartmentView = DepartmentRef.extend({
  aliases: z.array(z.string()),
  kind: z.string(),
  /** Articles naming it in their 责任单位 clause. */
  articles: z.array(z.number().int()),
  /** Domains it leads (牵头). */
  leads: z.array(z.number().int()),
  /** Provisions whose cases it reviews. */
  provisions: z.array(z.string()),
});
export type DepartmentView = z.infer<typeof DepartmentView>;

export const PackStatsView = z.object({
  edition: z.string(),
  domains: z.number().int(),
  articles: z.number().int(),
  departments: z.number().int(),
  provisions: z.object({ total: z.number().int(), stated: z.number().int(), unset: z.number().int() }),
  tax_preferences: z.object({ total: z.number().int(), stated: z.number().int(), unstated: z.number().int() }),
  targets: z.number().int(),
  milestones: z.number().int(),
  budgets: z.object({ total: z.number().int(), with_amount: z.number().int(), share: z.number().int(), unstated: z.number().int() }),
  parameters: z.object({ total: z.number().int(), set: z.number().int(), unset: z.number().int() }),
  routes: z.number().int(),
  rules: z.number().int(),
});

export const PolicyInfo = z.object({
  edition: z.string(),
  title: z.string(),
  title_en: z.string(),
  document_number: z.string(),
  issuers: z.array(z.string()),
  signed_on: z.string(),
  validity: z.object({ from: z.string(), to: z.string(), quote: z.string() }),
  upstream: z.array(z.object({ title: z.string(), number: z.string() })),
  preamble: z.string(),
  closing: z.array(z.string()),
  stats: PackStatsView,
  rules: z.array(z.object({ id: z.string(), title: Bilingual, quotes: z.array(z.string()), applies_to: z.array(z.string()), articles: z.array(z.number().int()) })),
});
export type PolicyInfo = z.infer<typeof PolicyInfo>;

export const SearchHit = z.object({
  number: z.number().int(),
  numeral: z.string(),
  title: z.string(),
  title_en: z.string(),
  domain: z.number().int(),
  score: z.number(),
  /** Short passages of the text around the matches; ranges are offsets in `text`. */
  snippets: z.array(z.object({ text: z.string(), highlights: z.array(z.tuple([z.number().int(), z.number().int()])) })),
  /** Provisions and targets of the article whose titles match. */
  items: z.array(z.object({ kind: z.enum(['provision', 'target']), id: z.string(), title: z.string() })),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({ query: z.string(), total: z.number().int(), hits: z.array(SearchHit) });
export type SearchResult = z.infer<typeof SearchResult>;
