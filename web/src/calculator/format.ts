// Money and trace wording for the calculator: whole yuan shown as the policy writes it (30万元) or in
// English (300,000 yuan), and the enum codes inside trace labels turned into words.
import type { Lang } from '../i18n.ts';
import { fieldLabel, optionLabel, OPTION_LABELS } from './vocabulary.ts';

const WAN = 10_000;
const YI = 100_000_000;

/** n / unit as an exact decimal without trailing zeros (whole yuan only, so no float noise). */
function quotient(n: number, unit: number): string {
  const whole = Math.trunc(n / unit);
  const rest = n - whole * unit;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(String(unit).length - 1, '0').replace(/0+$/, '')}`;
}

/** 300000 → "30万元" (zh) or "300,000 yuan" (en); amounts that are not round thousands stay in 元. */
export function formatYuan(amount: number, lang: Lang): string {
  if (lang === 'en-US') return `${amount.toLocaleString('en-US')} yuan`;
  const sign = amount < 0 ? '-' : '';
  const n = Math.abs(amount);
  if (n >= YI && n % (YI / 10) === 0) return `${sign}${quotient(n, YI)}亿元`;
  if (n >= WAN && n % (WAN / 10) === 0) return `${sign}${quotient(n, WAN)}万元`;
  return `${sign}${n}元`;
}

/** Chinese money inside a text ("7188000元", "1.2万元") rewritten in English yuan. */
export function moneyToEnglish(text: string): string {
  return text.replace(/(\d+(?:\.\d+)?)\s*(亿|万)?元/g, (_m, num: string, unit: string | undefined) => {
    const value = Math.round(Number(num) * (unit === '亿' ? YI : unit === '万' ? WAN : 1));
    return formatYuan(value, 'en-US');
  });
}

const CODE = /[a-z][a-z0-9]*(?:-[a-z0-9]+)*/g;

/** Replaces enum codes after "=", "≠", "属于" or "is one of" by their words ("类型 = 国家高新技术企业"). */
export function humanizeLabel(text: string, lang: Lang): string {
  const side = lang === 'en-US' ? 'en' : 'zh';
  return text.replace(/(=|≠|属于|is one of)(\s+)([a-z][a-z0-9/-]*)/g, (_m, op: string, space: string, codes: string) => {
    const words = codes.split('/').map((c) => (Object.hasOwn(OPTION_LABELS, c) ? optionLabel(c)[side] : c));
    return `${op}${space}${words.join(' / ')}`;
  });
}

/** A step's display value in the language: codes as words, 是/否 as yes/no, money in English yuan. */
export function humanizeDisplay(display: string, lang: Lang): string {
  const side = lang === 'en-US' ? 'en' : 'zh';
  const words = display
    .replace(CODE, (code) => (Object.hasOwn(OPTION_LABELS, code) ? optionLabel(code)[side] : code))
    .replace(/>=/g, '≥').replace(/<=/g, '≤').replace(/!=/g, '≠');
  if (lang !== 'en-US') return words;
  if (words === '是') return 'yes';
  if (words === '否') return 'no';
  return moneyToEnglish(words);
}

/** A missing fact path ("financial_years[2024].rd_expense", "recognitions[0].valid_until") in words. */
export function factPathLabel(path: string, lang: Lang, groupTitle: (group: string) => string): string {
  const side = lang === 'en-US' ? 'en' : 'zh';
  const m = /^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$/.exec(path);
  if (!m) return path;
  const [, group = path, index, field] = m;
  const head = groupTitle(group);
  if (index === undefined) return field ? `${head} · ${fieldLabel(field)[side]}` : head;
  const n = Number(index);
  // A year computed from an unknown fact (e.g. the year after entry above scale) is not worth naming.
  if (group === 'financial_years' && n < 1900) return field ? `${head} · ${fieldLabel(field)[side]}` : head;
  const item = group === 'financial_years'
    ? (side === 'zh' ? `${n}年` : String(n))
    : (side === 'zh' ? `第${n + 1}项` : `#${n + 1}`);
  return `${head} · ${item}${field ? ` · ${fieldLabel(field)[side]}` : ''}`;
}
