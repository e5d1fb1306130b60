// A profile fact in words: the group's title, option codes as words, money as 万元, lists one entry a line.
import type { ReactNode } from 'react';
import { formatYuan } from '../../calculator/format.ts';
import { fieldLabel, GROUP_TEXT, isGroup, OPTION_LABELS, optionLabel } from '../../calculator/vocabulary.ts';
import { useI18n, type Lang } from '../../i18n.ts';

const MONEY = new Set(['amount', 'revenue', 'rd_expense', 'actual_investment', 'taxable_profit']);

function scalar(name: string, value: unknown, lang: Lang): string {
  const side = lang === 'en-US' ? 'en' : 'zh';
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? (side === 'zh' ? '是' : 'yes') : (side === 'zh' ? '否' : 'no');
  if (typeof value === 'number' && MONEY.has(name)) return formatYuan(value, lang);
  if (typeof value === 'string' && Object.hasOwn(OPTION_LABELS, value)) return optionLabel(value)[side];
  return String(value);
}

function entry(value: unknown, lang: Lang): string {
  const side = lang === 'en-US' ? 'en' : 'zh';
  if (typeof value !== 'object' || value === null) return scalar('', value, lang);
  return Object.entries(value).map(([k, v]) => {
    if (Array.isArray(v)) {
      const total = v.reduce((s: number, m: { amount?: number }) => s + (m.amount ?? 0), 0);
      return `${fieldLabel(k)[side]} ${v.length}${side === 'zh' ? '项' : ' entries'}${total ? ` ${formatYuan(total, lang)}` : ''}`;
    }
    return `${fieldLabel(k)[side]}${side === 'zh' ? '：' : ': '}${scalar(k, v, lang)}`;
  }).join(side === 'zh' ? '，' : ', ');
}

/** The fact's title (its group's title when it is one). */
export function useFactTitle(): (fact: string) => string {
  const { pick } = useI18n();
  return (fact) => (isGroup(fact) ? pick(GROUP_TEXT[fact].title) : pick(fieldLabel(fact)));
}

export function FactValue({ name, value }: { name: string; value: unknown }): ReactNode {
  const { lang } = useI18n();
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="muted">{lang === 'en-US' ? 'none' : '无'}</span>;
    return <ul className="fact-list">{value.map((v, i) => <li key={i}>{entry(v, lang)}</li>)}</ul>;
  }
  if (typeof value === 'object' && value !== null) return entry(value, lang);
  return scalar(name, value, lang);
}
