// The policy pack's file formats. Each schema is the source of its TypeScript type (z.infer) and
// of the JSON Schema the API publishes. Pure: no I/O.
import { z } from 'zod';

/** Calendar date, ISO 8601 (YYYY-MM-DD), checked to exist (no 2025-02-30). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD').refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'not a calendar date');

/** A phrase copied verbatim from the policy text; the loader proves it is there. */
export const Quote = z.string().min(2, 'a quote needs at least two characters');

export const Bilingual = z.strictObject({ zh: z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof Bilingual>;

/** Our item identifiers: lower-case words joined by '-' or '.', e.g. hte-new or hte-new.amount. */
export const Slug = z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'expected a lower-case id like hte-new');

export const DepartmentKind = z.enum(['government', 'party', 'platform', 'state-company', 'sub-district', 'utility', 'mass-organisation']);
export const Department = z.strictObject({
  id: Slug,
  name: z.string().min(1),
  name_en: z.string().min(1),
  /** Other spellings used in the text, e.g. 人力资源和社会保障局 for 人力社保局. */
  aliases: z.array(z.string().min(1)).default([]),
  kind: DepartmentKind,
});
export type Department = z.infer<typeof Department>;
export const DepartmentsFile = z.strictObject({ departments: z.array(Department).min(1) });

/** Units in which parameter values are written. Money is whole yuan (元), never a float. */
export const ParameterUnit = z.enum(['yuan', 'percent', 'years', 'count', 'ratio']);
export type ParameterUnit = z.infer<typeof ParameterUnit>;

export const ParameterValue = z.strictObject({
  /** First day this value applies. */
  from: IsoDate,
  /** Last day it applies (inclusive); open-ended when absent. */
  to: IsoDate.optional(),
  /** null: the text leaves the value to implementing rules (unset). */
  value: z.number().int('parameter values are integers (yuan, whole percent, years)').nonnegative().nullable(),
  /** The document that states the value: the policy clause, or the implementing rule that set it. */
  source: z.string().min(1),
});
export type ParameterValue = z.infer<typeof ParameterValue>;

export const Parameter = z.strictObject({
  id: Slug,
  label: Bilingual,
  unit: ParameterUnit,
  /** For ratio parameters: the value is a numerator over this denominator (减半 = 1/2). */
  denominator: z.number().int().positive().optional(),
  /** The exact phrase of the clause the value comes from (or that leaves it unset). */
  quote: Quote,
  values: z.array(ParameterValue).min(1),
});
export type Parameter = z.infer<typeof Parameter>;

export const Beneficiary = z.enum(['enterprise', 'incubator', 'institution', 'team', 'individual', 'household', 'unspecified']);
export type Beneficiary = z.infer<typeof Beneficiary>;

/** How the text states the amount (catalogue readings 2–5). */
export const AmountBasis = z.enum([
  'fixed', // a fixed sum (给予30万元)
  'ceiling', // 最高 / 不超过: review grants at most this
  'rate', // a share of a base fact (50% of rent)
  'rate-ceiling', // at most a share of a base fact
  'floor', // 不低于: at least this share
  'half-of', // 减半: half of another provision's standard
  'matching', // 配套: in proportion to a higher-level grant
  'unstated', // left to implementing rules
]);
export type AmountBasis = z.infer<typeof AmountBasis>;

export const Frequency = z.enum(['one-off', 'annual', 'per-event']);

export const Provision = z.strictObject({
  id: Slug,
  /** Catalogue label (M01…M39) this provision implements. */
  catalogue: z.string().regex(/^M\d{2}$/),
  title: Bilingual,
  quote: Quote,
  /** Further phrases the rule relies on (conditions, periods, caps). */
  extra_quotes: z.array(Quote).default([]),
  beneficiary: Beneficiary,
  /** Department (name as written in the article's 责任单位) that reviews cases of this provision. */
  department: z.string().min(1),
  basis: AmountBasis,
  /** Parameters the amount depends on, in the order the rule reads them. */
  parameters: z.array(Slug).default([]),
  /** What counts as one event, so that one event pays once (e.g. certificate, contract-year). */
  event: z.string().min(1),
  frequency: Frequency,
  /** Provision ids that cannot pay for the same event as this one. */
  excludes: z.array(Slug).default([]),
  /** Period of the provision when it differs from the document's validity (E16). */
  period: z.strictObject({ description: Bilingual, quote: Quote }).optional(),
  /** Readings of ambiguous text, said where they are made (catalogue "Readings"). */
  notes: z.array(z.string()).default([]),
});
export type Provision = z.infer<typeof Provision>;

export const TaxPreference = z.strictObject({
  id: Slug,
  catalogue: z.string().regex(/^T\d$/),
  title: Bilingual,
  quote: Quote,
  beneficiary: Beneficiary,
  /** 'stated' when the text gives the rule (两免三减半), 'unstated' when it only refers to one. */
  basis: z.enum(['stated', 'unstated']),
  parameters: z.array(Slug).default([]),
  /** Preferences that cannot apply to the same income (national rules, E17): the larger relief stays. */
  excludes: z.array(Slug).default([]),
  notes: z.array(z.string()).default([]),
});
export type TaxPreference = z.infer<typeof TaxPreference>;

export const Fraction = z.strictObject({ numerator: z.number().int().positive(), denominator: z.number().int().positive() });

export const TargetUnit = z.enum(['家', '亿元', '万元', '元/年', '%', '项', '个', '亩', '平方米', '场', '家次', '亿美元', '亿千瓦时', '所', '台', '张', '张/万老年人口', '名', '人次', 'share']);
export type TargetUnit = z.infer<typeof TargetUnit>;

export const Target = z.strictObject({
  /** Catalogue label K01…K71, used as the id: departments report against it. */
  id: z.string().regex(/^K\d{2}$/),
  metric: Bilingual,
  value: z.union([z.number().positive(), Fraction]),
  unit: TargetUnit,
  /** ≥ 以上/不少于/不低于; > 突破; = 达到 or a bare number. */
  direction: z.enum(['>=', '>', '=']),
  /** 确保 firm; 力争/争取/争创/计划 soft; otherwise plain (E23). */
  firmness: z.enum(['firm', 'plain', 'soft']),
  marker: z.enum(['确保', '力争', '争取', '争创', '计划']).optional(),
  quote: Quote,
  /** Responsible units when not the article's (or, at domain level, not the lead). */
  responsible: z.array(z.string().min(1)).optional(),
  /** Other catalogue items that state the same figure (K06 ↔ D08). */
  same_as: z.array(z.string()).default([]),
  notes: z.array(z.string()).default([]),
});
export type Target = z.infer<typeof Target>;

/** A target whose quantity is implicit (全覆盖, 首家): a milestone, not counted among the 71. */
export const Milestone = z.strictObject({
  id: z.string().regex(/^KM\d$/),
  metric: Bilingual,
  quote: Quote,
});
export type Milestone = z.infer<typeof Milestone>;

export const BudgetLine = z.strictObject({
  id: z.string().regex(/^D\d{2}$/),
  label: Bilingual,
  /** exact: the stated sum; at-least: 不少于; share: a share of spending; unstated: no amount. */
  kind: z.enum(['exact', 'at-least', 'share', 'unstated']),
  /** Whole yuan, for exact and at-least. */
  amount_yuan: z.number().int().positive().optional(),
  share: Fraction.optional(),
  quote: Quote,
  same_as: z.array(z.string()).default([]),
  notes: z.array(z.string()).default([]),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

/** Routes to higher-level or outside money (catalogue B3): not district grants. */
export const Route = z.strictObject({
  id: z.string().regex(/^X\d$/),
  title: Bilingual,
  aimed_at: z.enum(['enterprise', 'government', 'project']),
  quote: Quote,
});
export type Route = z.infer<typeof Route>;

const SectionItems = {
  provisions: z.array(Provision).default([]),
  parameters: z.array(Parameter).default([]),
  tax_preferences: z.array(TaxPreference).default([]),
  targets: z.array(Target).default([]),
  milestones: z.array(Milestone).default([]),
  budgets: z.array(BudgetLine).default([]),
  routes: z.array(Route).default([]),
};

export const ArticleFile = z.strictObject({
  number: z.number().int().min(1),
  numeral: z.string().min(1),
  title: z.string().min(1),
  title_en: z.string().min(1),
  /** As written in the 责任单位 clause; each must resolve in the department registry. */
  responsible_units: z.array(z.string().min(1)).min(1),
  /** The full paragraph, page-break artefacts joined; must equal the published text. */
  text: z.string().min(1),
  summary_en: z.string().min(1).optional(),
  ...SectionItems,
});
export type ArticleFile = z.infer<typeof ArticleFile>;

export const DomainFile = z.strictObject({
  number: z.number().int().min(1),
  numeral: z.string().min(1),
  title: z.string().min(1),
  title_en: z.string().min(1),
  lead: z.string().min(1),
  /** Heading and introductory paragraphs as published. */
  text: z.string().min(1),
  ...SectionItems,
});
export type DomainFile = z.infer<typeof DomainFile>;

export const Rule = z.strictObject({
  id: z.string().regex(/^E\d{2}$/),
  title: Bilingual,
  quotes: z.array(Quote).min(1),
  /** Ids or catalogue labels of the provisions, targets or budget lines it governs. */
  applies_to: z.array(z.string()).default([]),
  /** Articles it governs as a whole (a rule about an article's measures rather than its items). */
  articles: z.array(z.number().int().min(1)).default([]),
  /** Mutually exclusive provisions for one event (E01); enforced by the engine. A rule with neither
   * applies_to nor articles governs the whole pack. */
  exclusive: z.array(Slug).optional(),
});
export type Rule = z.infer<typeof Rule>;

/** A stacking rule (叠加规则): awards that count as one event pay only one. Switchable per edition. */
export const StackingRule = z.strictObject({
  id: Slug,
  title: Bilingual,
  enabled: z.boolean(),
  /** highest: 就高 — the largest amount stays; first: the first provision listed stays. */
  policy: z.enum(['highest', 'first']),
  /** Where the rule comes from (the text, or the implementing document that adopts it). */
  source: z.string().min(1),
  /** Groups of provision ids that count as one event when they meet. */
  groups: z.array(z.array(Slug).min(2)).min(1),
});
export type StackingRule = z.infer<typeof StackingRule>;

export const PackFile = z.strictObject({
  edition: Slug,
  title: z.string().min(1),
  title_en: z.string().min(1),
  document_number: z.string().min(1),
  issuers: z.array(z.string().min(1)).min(1),
  issuing_office: z.string().min(1),
  addressees: z.string().min(1),
  signed_on: IsoDate,
  printed_on: IsoDate,
  publication: z.string().min(1),
  /** Period in which the provisions apply unless one states its own (E16). */
  validity: z.strictObject({ from: IsoDate, to: IsoDate, quote: Quote }),
  upstream: z.array(z.strictObject({ title: z.string().min(1), number: z.string().min(1) })),
  /** The published text, shipped with the pack. */
  source: z.string().min(1),
  /** Catalogue labels that must each map to exactly one item of the pack. */
  catalogue: z.strictObject({
    provisions: z.array(z.string()),
    tax_preferences: z.array(z.string()),
    targets: z.array(z.string()),
    budgets: z.array(z.string()),
  }),
  /** Items stated in the closing paragraphs (the 110.4亿元 total). */
  ...SectionItems,
  rules: z.array(Rule).default([]),
  stacking: z.array(StackingRule).default([]),
});
export type PackFile = z.infer<typeof PackFile>;
