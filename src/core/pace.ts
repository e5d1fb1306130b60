// Pace (进度) of a target: where its latest reported value stands against what the share of the year elapsed
// at that date calls for, and the year-end value it points to. Pure: no I/O, no clock.
//
// The rule (PACE_RULE below is its text for people):
// - elapsed(d) is the share of the year done at the end of day d: linear, day-of-year ÷ days-in-year
//   (2025-06-30: 181/365), or, for a target with a seasonal profile, the cumulative share of the year's work
//   expected by the end of each month, interpolated by day inside the month.
// - A cumulative target (counts, amounts, areas: 家, 亿元, 亩, 场…) should have reached target × elapsed(d)
//   by the date d of its latest report. A level target (rates and shares: %, share, 元/年, 张/万老年人口, and
//   stocks counted from the start of the year such as K44's 53 projects under way) is held against the full
//   target at any date: there is no part of a rate to reach by mid-year.
// - met: the latest value satisfies the direction against the full target (≥ and =: value ≥ target — 达到
//   a number is met by reaching it, exceeding it is no failure; >: value > target).
//   on-track: value ≥ expected; at-risk: value ≥ 80% of expected; behind: below that; no-report: none yet.
//   A level target is met, at-risk or behind (being at the target is meeting it).
// - forecast (cumulative): value ÷ elapsed(d), the year-end value at the same pace; null while elapsed is 0.
//   forecast (level): the latest value itself.
// The date is the report's own as-of date, not today's: a value as of 30 September is judged against what
// 30 September called for; a report that is late shows as overdue (reminders), not as lagging.

export type PaceStatus = 'met' | 'on-track' | 'at-risk' | 'behind' | 'no-report';
export const PACE_STATUSES: readonly PaceStatus[] = ['met', 'on-track', 'at-risk', 'behind', 'no-report'];
export type Measure = 'cumulative' | 'level';
export type Direction = '>=' | '>' | '=';

export const PACE_STATUS_LABELS: Readonly<Record<PaceStatus, { zh: string; en: string }>> = {
  met: { zh: '已完成', en: 'met' },
  'on-track': { zh: '正常推进', en: 'on track' },
  'at-risk': { zh: '存在风险', en: 'at risk' },
  behind: { zh: '进度滞后', en: 'behind' },
  'no-report': { zh: '未报送', en: 'no report' },
};

/** Below this share of the expected value a target is behind rather than at risk. */
export const AT_RISK_FLOOR = 0.8;

export const PACE_RULE = {
  zh: '按年度进度：累计型指标的预期值 = 全年目标 × 截至报送日期的年度进度（按天线性；季节性指标按月度累计比例）；'
    + '比率、占比、标准类指标对照全年目标。达到全年目标为"已完成"；不低于预期为"正常推进"；不低于预期的 80% 为"存在风险"；'
    + '低于 80% 为"进度滞后"；尚无报送为"未报送"。预计全年 = 最新值 ÷ 年度进度。',
  en: 'Pace by share of the year: a cumulative target is expected to reach target × the share of the year elapsed at the '
    + "report's date (linear by day; seasonal targets by cumulative monthly shares); rates, shares and standards are held "
    + 'against the full target. Met when the full target is reached; on track at or above the expected value; at risk at '
    + '80% of it or more; behind below 80%; no report when none yet. Forecast = latest value ÷ share of the year elapsed.',
} as const;

/**
 * Cumulative share of the year's work expected by the end of each month (Jan…Dec, the last is 1), for
 * targets whose work is seasonal.
 */
const INVESTMENT_SHARES = [0.05, 0.1, 0.19, 0.27, 0.36, 0.45, 0.53, 0.61, 0.7, 0.79, 0.89, 1] as const;

export const SEASONAL_PROFILES: Readonly<Record<string, { shares: readonly number[]; why: string }>> = {
  // 高新技术企业 are recognised in batches published in the fourth quarter (认定结果 in Oct–Dec).
  K01: { shares: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.2, 0.6, 1], why: '高企认定结果于第四季度分批公布' },
  // Fixed-asset investment runs light in the first quarter (Spring Festival) and heavy at year end.
  K02: { shares: INVESTMENT_SHARES, why: '固定资产投资一季度偏低、年末集中' },
  K03: { shares: INVESTMENT_SHARES, why: '固定资产投资一季度偏低、年末集中' },
  K43: { shares: INVESTMENT_SHARES, why: '重大项目投资一季度偏低、年末集中' },
  K45: { shares: INVESTMENT_SHARES, why: '重点项目投资一季度偏低、年末集中' },
};

/** Units whose value is a level (a rate, share or standard), not an amount that accumulates over the year. */
const LEVEL_UNITS: ReadonlySet<string> = new Set(['%', 'share', '元/年', '张/万老年人口']);
/**
 * Held against the full number at any date: stocks counted from the start of the year (K44 projects under
 * way, K57 kindergarten campuses in total, K58 projects sped up) and K42, a size threshold (the largest
 * foreign project landed, in 亿美元), not an amount that accumulates.
 */
const LEVEL_TARGETS: ReadonlySet<string> = new Set(['K42', 'K44', 'K57', 'K58']);

export function measureOf(target: { id: string; unit: string; kind?: 'target' | 'milestone' }): Measure {
  // A milestone's report is its percent of completion, which grows over the year.
  if (target.kind === 'milestone') return 'cumulative';
  return LEVEL_UNITS.has(target.unit) || LEVEL_TARGETS.has(target.id) ? 'level' : 'cumulative';
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(date: string): { year: number; month: number; day: number } {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`not a date: ${date}`);
  return { year, month, day };
}

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function isValidDate(date: string): boolean {
  try {
    parseDate(date);
    return true;
  } catch {
    return false;
  }
}

/** Share of `year` done at the end of `date` (0 before the year, 1 after it). */
export function elapsedShare(date: string, year: number, profile?: readonly number[]): number {
  const d = parseDate(date);
  if (d.year < year) return 0;
  if (d.year > year) return 1;
  if (profile) {
    const before = d.month === 1 ? 0 : profile[d.month - 2]!;
    const end = profile[d.month - 1]!;
    return before + (end - before) * (d.day / daysInMonth(d.year, d.month));
  }
  const dayOfYear = (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(d.year, 0, 1)) / 86_400_000 + 1;
  return dayOfYear / (isLeapYear(year) ? 366 : 365);
}

export interface PaceInput {
  id: string;
  kind?: 'target' | 'milestone';
  /** The full-year target in its unit (a share as a decimal). */
  value: number;
  unit: string;
  direction: Direction;
}

export interface Pace {
  status: PaceStatus;
  /** What the date of the latest report called for; null without a report. */
  expected: number | null;
  /** Year-end value at the same pace; null without a report or before any of the year has elapsed. */
  forecast: number | null;
  /** The rule applied to this target, in short (zh). */
  rule: string;
}

export const satisfies = (value: number, target: number, direction: Direction): boolean =>
  direction === '>' ? value > target : value >= target;

/** Rounded for display and JSON: 4 significant decimals are more than any target states. */
const round = (n: number): number => Math.round(n * 10_000) / 10_000;

export function ruleOf(target: Pick<PaceInput, 'id' | 'unit' | 'kind'>): string {
  if (measureOf(target) === 'level') return '水平值：对照全年目标';
  const seasonal = SEASONAL_PROFILES[target.id];
  return seasonal ? `季节性：预期 = 目标 × 累计月度比例（${seasonal.why}）` : '线性：预期 = 目标 × 已过年度天数比例';
}

/** The pace of a target in `year` from its latest value (null: nothing reported). */
export function paceOf(target: PaceInput, latest: { value: number; asOf: string } | null, year: number): Pace {
  const rule = ruleOf(target);
  if (!latest) return { status: 'no-report', expected: null, forecast: null, rule };
  const level = measureOf(target) === 'level';
  const elapsed = level ? 1 : elapsedShare(latest.asOf, year, SEASONAL_PROFILES[target.id]?.shares);
  const expected = target.value * elapsed;
  const forecast = level ? latest.value : elapsed > 0 ? latest.value / elapsed : null;
  let status: PaceStatus;
  if (satisfies(latest.value, target.value, target.direction)) status = 'met';
  else if (!level && latest.value >= expected) status = 'on-track';
  else if (latest.value >= AT_RISK_FLOOR * expected) status = 'at-risk';
  else status = 'behind';
  return { status, expected: round(expected), forecast: forecast === null ? null : round(forecast), rule };
}

/** How far behind a target is, for ordering the lagging ones worst first: value ÷ expected (0 = nothing done). */
export function paceRatio(value: number, expected: number | null): number {
  if (expected === null || expected <= 0) return 1;
  return value / expected;
}

// Reporting calendar (报送): each responsible unit reports monthly, the value as of the last day of a month,
// due by the 10th of the next month (December's by 10 January of the next year). A report as of any day
// of a month counts for that month only once the month has ended on it (as of its last day).

const pad = (n: number): string => String(n).padStart(2, '0');
const monthEnd = (year: number, month: number): string => `${year}-${pad(month)}-${pad(daysInMonth(year, month))}`;
const tenthAfter = (year: number, month: number): string => (month === 12 ? `${year + 1}-01-10` : `${year}-${pad(month + 1)}-10`);

export interface ReportDue {
  /** The month end the next report is for; null once December is reported. */
  forMonthEnd: string | null;
  /** Its deadline (the 10th of the next month); null once December is reported. */
  dueBy: string | null;
  /** The deadline has passed on `today` (the day after dueBy or later). */
  overdue: boolean;
}

/** The next report a unit owes for `year`, given the as-of date of its latest report (null: none yet). */
export function nextReportDue(latestAsOf: string | null, year: number, today: string): ReportDue {
  let month = 1;
  if (latestAsOf !== null) {
    const d = parseDate(latestAsOf);
    if (d.year > year) return { forMonthEnd: null, dueBy: null, overdue: false };
    if (d.year === year) {
      const covered = d.day === daysInMonth(d.year, d.month) ? d.month : d.month - 1;
      if (covered >= 12) return { forMonthEnd: null, dueBy: null, overdue: false };
      month = covered + 1;
    }
  }
  const dueBy = tenthAfter(year, month);
  return { forMonthEnd: monthEnd(year, month), dueBy, overdue: today > dueBy };
}
