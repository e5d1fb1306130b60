// Units of target values (目标计量单位): which values a report may carry for a target's unit, and the
// conversions a department may report in (万元 for a target in 亿元…). Pure.

/** Units whose values are counts of things: whole numbers only. */
const COUNT_UNITS: ReadonlySet<string> = new Set(['家', '项', '个', '场', '家次', '所', '台', '张', '名', '人次']);

/** Each family: the factor of each unit to the family's base unit. */
const FAMILIES: readonly Readonly<Record<string, number>>[] = [
  { 元: 1, 万元: 1e4, 亿元: 1e8 },
  { 平方米: 1, 万平方米: 1e4 },
  { 千瓦时: 1, 万千瓦时: 1e4, 亿千瓦时: 1e8 },
  { 美元: 1, 万美元: 1e4, 亿美元: 1e8 },
  { share: 1, '%': 0.01 },
];

export const isCountUnit = (unit: string): boolean => COUNT_UNITS.has(unit);

/** The units a value for a target in `unit` may be given in (the unit itself first). */
export function convertibleUnits(unit: string): string[] {
  const family = FAMILIES.find((f) => unit in f);
  return family ? [unit, ...Object.keys(family).filter((u) => u !== unit)] : [unit];
}

/** `value` given in `from`, expressed in `to`; undefined when the units do not convert. */
export function convertValue(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const family = FAMILIES.find((f) => from in f && to in f);
  if (!family) return undefined;
  // Round off the binary noise of the factors (0.07 × 1e8 ÷ 1e4): no target needs more than 8 decimals.
  return Math.round(((value * family[from]!) / family[to]!) * 1e8) / 1e8;
}

export interface ValueRule {
  /** Smallest value allowed (a growth rate may be negative, down to −100%). */
  min: number;
  /** Largest value allowed; undefined: no bound. */
  max?: number;
  integer: boolean;
}

/** What a reported value may be for a target's unit; `growth` for rates of growth (增长 x%). */
export function valueRule(unit: string, growth: boolean): ValueRule {
  if (unit === '%') return growth ? { min: -100, integer: false } : { min: 0, max: 100, integer: false };
  if (unit === 'share') return { min: 0, max: 1, integer: false };
  return { min: 0, integer: isCountUnit(unit) };
}
