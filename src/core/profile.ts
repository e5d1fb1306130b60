// The beneficiary profile: every fact the provisions read. A field that is absent is *unknown* (the
// engine says which facts are missing); an empty list means *none*. Unknown field names are refused.
// Money is whole yuan; dates are YYYY-MM-DD; years are calendar years. Pure.
import { z } from 'zod';
import { creditCodeProblem, idCardProblem } from './identity.ts';
import { IsoDate } from './pack-schema.ts';

const Yuan = z.number().int('money is a whole number of yuan').nonnegative('money cannot be negative');
const Year = z.number().int().min(1949).max(2100);
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
const Level = z.enum(['national', 'provincial', 'city', 'district']);

export const RecognitionType = z.enum([
  'sci-tech-sme', // 科技型中小企业
  'high-tech-enterprise', // 国家高新技术企业
  'eaglet', // 新雏鹰企业
  'incubator', // 科技企业孵化器
  'maker-space', // 众创空间
  'overseas-innovation-incubation-centre', // 海外创新孵化中心 (provincial)
  'overseas-sci-tech-innovation-centre', // 海外科技创新中心 (city)
  'manufacturing-innovation-centre', // 制造业创新中心
  'key-laboratory', // 重点实验室
  'proof-of-concept-centre', // 概念验证中心
  'pilot-test-base', // 中试基地
  'leading-innovation-team', // 领军型创新创业团队
  'software-enterprise', // 符合条件的软件企业
  'key-software-enterprise', // 国家鼓励的重点软件企业
  'innovation-consortium', // 创新联合体
  'sci-tech-platform', // 科创平台
]);
export type RecognitionType = z.infer<typeof RecognitionType>;

export const Recognition = z.strictObject({
  type: RecognitionType,
  level: Level.optional(),
  /** new: 新认定 / 新获批 / 新入选 / 首次入选; reexam: 通过复审; recognised: 认定 (neither said). */
  event: z.enum(['new', 'reexam', 'recognised']),
  date: IsoDate,
  /** Certificate or list number: what makes one event one event. */
  certificate: z.string().min(1).optional(),
  valid_until: IsoDate.optional(),
  /** For key laboratories: built with an enterprise as lead (企业牵头建设). */
  enterprise_led: z.boolean().optional(),
});
export type Recognition = z.infer<typeof Recognition>;

export const Assessment = z.strictObject({
  /** excellence: national/provincial assessment (考核); performance: the city's annual evaluation (年度绩效评价). */
  kind: z.enum(['excellence', 'performance']),
  carrier: z.enum(['incubator', 'maker-space']),
  level: Level,
  grade: z.enum(['excellent', 'five-star', 'four-star', 'other']),
  year: Year,
});
export type Assessment = z.infer<typeof Assessment>;

export const FinancialYear = z.strictObject({
  year: Year,
  revenue: Yuan.optional(),
  rd_expense: Yuan.optional(),
  /** In the above-scale statistics (规上) that year. */
  above_scale: z.boolean().optional(),
  /** Taxable income for the software income-tax preferences (T2, T3). */
  taxable_profit: Yuan.optional(),
});
export type FinancialYear = z.infer<typeof FinancialYear>;

export const Incubation = z.strictObject({
  carrier: z.enum(['incubator', 'maker-space']),
  carrier_level: Level,
  entered: IsoDate,
  /** 毕业出孵 date; absent while still incubated. */
  graduated: IsoDate.optional(),
  /** Actual rent paid, month by month. */
  rent: z.array(z.strictObject({ month: Month, amount: Yuan })),
});
export type Incubation = z.infer<typeof Incubation>;

export const TechContract = z.strictObject({ id: z.string().min(1), registered_on: IsoDate, amount: Yuan });
export const Project = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['equipment-upgrade', 'consortium-major-project']),
  year: Year,
  /** 工业重点行业 (equipment upgrades). */
  key_sector: z.boolean().optional(),
  actual_investment: Yuan.optional(),
  /** 能形成标志性成果 (consortium projects). */
  landmark: z.boolean().optional(),
});
export const Premium = z.strictObject({
  id: z.string().min(1),
  kind: z.literal('short-term-export-credit'),
  year: Year,
  amount: Yuan,
  /** 重点国别: the department may raise the subsidy rate. */
  key_country: z.boolean(),
});
export const Prize = z.strictObject({
  kind: z.enum(['state-top-sci', 'state-progress-special', 'state-first', 'state-second']),
  date: IsoDate,
  certificate: z.string().min(1).optional(),
});
export const GrantReceived = z.strictObject({
  kind: z.enum(['city-rd-grant', 'provincial-key-lab-grant', 'superior-tech-insurance-grant', 'city-key-software-reward']),
  year: Year,
  amount: Yuan,
  /** The document or file number of the higher-level grant. */
  reference: z.string().min(1).optional(),
});
export const Welfare = z.strictObject({
  dibao_household: z.boolean().optional(),
  elderly_in_hardship: z.boolean().optional(),
  assisted_reproduction_needed: z.boolean().optional(),
  trade_in_digital_purchase: z.boolean().optional(),
  event_hotel_stay: z.boolean().optional(),
});
export const SoftwareTax = z.strictObject({
  /** First profitable year (获利年度), from which the exemption years count. */
  first_profit_year: Year,
  /** The statutory income-tax rate that applies without the preference, in percent (national law, not this text). */
  statutory_rate_percent: z.number().int().min(0).max(100),
});

export const BeneficiaryKind = z.enum(['enterprise', 'incubator', 'maker-space', 'institution', 'team', 'individual', 'household']);
export type BeneficiaryKind = z.infer<typeof BeneficiaryKind>;

export const Profile = z.strictObject({
  /** 统一社会信用代码 for organisations; 居民身份证号码 for individuals and households (the head). */
  id: z.string().min(1).describe('统一社会信用代码 (organisations, 18 characters with check character) or 居民身份证号码 (individuals, households)'),
  name: z.string().min(1).max(200).describe('Registered name, or the person\'s name'),
  kind: BeneficiaryKind.describe('Kind of beneficiary: provisions apply to some kinds only'),
  /** 工业企业 */
  industrial: z.boolean().optional().describe('工业企业: an industrial enterprise'),
  /** Year it first entered the above-scale statistics (首次上规纳统). */
  above_scale_entry_year: Year.optional().describe('Year it first entered the above-scale statistics (首次上规纳统)'),
  recognitions: z.array(Recognition).optional().describe('Recognitions and certificates as dated events: 高新技术企业 (new or re-examination), 科技型中小企业, 孵化器 …'),
  assessments: z.array(Assessment).optional().describe('Assessment results of incubators and maker spaces (考核优秀, 年度绩效评价)'),
  financial_years: z.array(FinancialYear).optional().describe('One entry per financial year: revenue, R&D expense, above-scale status, taxable profit (whole yuan)'),
  incubation: z.array(Incubation).optional().describe('Stays in incubators or maker spaces: carrier level, entry and graduation dates, monthly rent'),
  contracts: z.array(TechContract).optional().describe('Registered technology contracts (认定登记的技术合同)'),
  projects: z.array(Project).optional().describe('Projects: equipment upgrades (设备更新和技术改造), major S&T projects of innovation consortia'),
  premiums: z.array(Premium).optional().describe('Short-term export credit insurance premiums paid'),
  prizes: z.array(Prize).optional().describe('National science and technology prizes won'),
  grants_received: z.array(GrantReceived).optional().describe('Grants received from higher levels (the base of 配套 matching grants)'),
  /** Compute-power spending, for the (unset) compute subsidy. */
  compute_spend: z.array(z.strictObject({ year: Year, amount: Yuan })).optional(),
  welfare: Welfare.optional().describe('Circumstances of individuals and households (低保, elderly in hardship, …)'),
  software_tax: SoftwareTax.optional().describe('For the software income-tax preferences: first profitable year and statutory rate'),
}).superRefine((profile, ctx) => {
  const person = profile.kind === 'individual' || profile.kind === 'household';
  const problem = person ? idCardProblem(profile.id) : creditCodeProblem(profile.id);
  if (problem) ctx.addIssue({ code: 'custom', path: ['id'], message: `${person ? 'id (居民身份证号码)' : 'id (统一社会信用代码)'}: ${problem}` });
  const years = new Set<number>();
  profile.financial_years?.forEach((fy, i) => {
    if (years.has(fy.year)) ctx.addIssue({ code: 'custom', path: ['financial_years', i, 'year'], message: `financial year ${fy.year} is given twice` });
    years.add(fy.year);
  });
  profile.incubation?.forEach((inc, i) => {
    if (inc.graduated !== undefined && inc.graduated < inc.entered) ctx.addIssue({ code: 'custom', path: ['incubation', i, 'graduated'], message: 'graduation is before entry' });
  });
});
export type Profile = z.infer<typeof Profile>;

export interface ProfileProblem {
  /** JSON path, e.g. $.financial_years[1].rd_expense */
  path: string;
  message: { zh: string; en: string };
}

const ZH: Record<string, string> = {
  invalid_type: '类型不正确',
  unrecognized_keys: '未知的字段',
  too_small: '数值过小',
  too_big: '数值过大',
  invalid_format: '格式不正确',
  invalid_value: '取值不在允许范围内',
  not_multiple_of: '必须为整数',
  custom: '不符合要求',
};

function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

/** Validates a profile; returns every problem at once, each with its JSON path, in zh and en. */
export function validateProfile(input: unknown): { ok: true; profile: Profile } | { ok: false; problems: ProfileProblem[] } {
  const result = Profile.safeParse(input);
  if (result.success) return { ok: true, profile: result.data };
  const problems: ProfileProblem[] = result.error.issues.map((issue) => {
    const en = issue.code === 'unrecognized_keys' ? `unknown fact name(s): ${issue.keys.join(', ')}` : issue.message;
    const zhWhat = issue.code === 'unrecognized_keys' ? `${ZH.unrecognized_keys}：${issue.keys.join('、')}` : (ZH[issue.code] ?? '不符合要求');
    return { path: jsonPath(issue.path), message: { zh: `${zhWhat}（${en}）`, en } };
  });
  // zod skips the whole-profile refinement when a field is already wrong; check the id anyway, so that
  // every problem is reported at once.
  const raw = input as { id?: unknown; kind?: unknown } | null;
  if (raw && typeof raw === 'object' && typeof raw.id === 'string' && !problems.some((p) => p.path === '$.id')) {
    const person = raw.kind === 'individual' || raw.kind === 'household';
    const problem = person ? idCardProblem(raw.id) : creditCodeProblem(raw.id);
    if (problem) problems.push({ path: '$.id', message: { zh: `${person ? '居民身份证号码' : '统一社会信用代码'}不正确（${problem}）`, en: problem } });
  }
  return { ok: false, problems };
}

// Batch mode reads the same properties of millions of profiles; objects of one shape (every key present,
// in one order, built as literals) keep those reads monomorphic and fast. Absent facts stay undefined.
/** The same profile with every object in one canonical shape, for batch evaluation. */
export function canonicalProfile(p: Profile): Profile {
  return {
    id: p.id, name: p.name, kind: p.kind, industrial: p.industrial, above_scale_entry_year: p.above_scale_entry_year,
    recognitions: p.recognitions?.map((x) => ({ type: x.type, level: x.level, event: x.event, date: x.date, certificate: x.certificate, valid_until: x.valid_until, enterprise_led: x.enterprise_led })),
    assessments: p.assessments?.map((x) => ({ kind: x.kind, carrier: x.carrier, level: x.level, grade: x.grade, year: x.year })),
    financial_years: p.financial_years?.map((x) => ({ year: x.year, revenue: x.revenue, rd_expense: x.rd_expense, above_scale: x.above_scale, taxable_profit: x.taxable_profit })),
    incubation: p.incubation?.map((x) => ({ carrier: x.carrier, carrier_level: x.carrier_level, entered: x.entered, graduated: x.graduated, rent: x.rent.map((m) => ({ month: m.month, amount: m.amount })) })),
    contracts: p.contracts?.map((x) => ({ id: x.id, registered_on: x.registered_on, amount: x.amount })),
    projects: p.projects?.map((x) => ({ id: x.id, kind: x.kind, year: x.year, key_sector: x.key_sector, actual_investment: x.actual_investment, landmark: x.landmark })),
    premiums: p.premiums?.map((x) => ({ id: x.id, kind: x.kind, year: x.year, amount: x.amount, key_country: x.key_country })),
    prizes: p.prizes?.map((x) => ({ kind: x.kind, date: x.date, certificate: x.certificate })),
    grants_received: p.grants_received?.map((x) => ({ kind: x.kind, year: x.year, amount: x.amount, reference: x.reference })),
    compute_spend: p.compute_spend?.map((x) => ({ year: x.year, amount: x.amount })),
    welfare: p.welfare && {
      dibao_household: p.welfare.dibao_household, elderly_in_hardship: p.welfare.elderly_in_hardship, assisted_reproduction_needed: p.welfare.assisted_reproduction_needed,
      trade_in_digital_purchase: p.welfare.trade_in_digital_purchase, event_hotel_stay: p.welfare.event_hotel_stay,
    },
    software_tax: p.software_tax && { first_profit_year: p.software_tax.first_profit_year, statutory_rate_percent: p.software_tax.statutory_rate_percent },
  };
}
