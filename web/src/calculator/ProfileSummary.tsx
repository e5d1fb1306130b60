// The answers as evaluated, in words: printed with the result so that it can be checked and redone.
import { useState } from 'react';
import { Button } from 'antd';
import { useI18n, type Lang } from '../i18n.ts';
import type { Draft } from './draft.ts';
import { formatYuan } from './format.ts';
import { fieldLabel, GROUP_TEXT, GROUPS, KIND_LABELS, OPTION_LABELS, optionLabel } from './vocabulary.ts';

const MONEY = new Set(['amount', 'revenue', 'rd_expense', 'actual_investment', 'taxable_profit']);

function valueText(name: string, value: unknown, lang: Lang): string {
  const side = lang === 'en-US' ? 'en' : 'zh';
  const label = fieldLabel(name)[side];
  if (typeof value === 'boolean') return `${label}${lang === 'en-US' ? ': ' : '：'}${value ? (side === 'zh' ? '是' : 'yes') : (side === 'zh' ? '否' : 'no')}`;
  if (typeof value === 'number' && MONEY.has(name)) return `${label} ${formatYuan(value, lang)}`;
  if (typeof value === 'string' && Object.hasOwn(OPTION_LABELS, value)) return optionLabel(value)[side];
  if (Array.isArray(value)) {
    const total = value.reduce((s: number, m: { amount?: number }) => s + (m.amount ?? 0), 0);
    return `${label} ${value.length}${side === 'zh' ? '个月' : ' months'} ${formatYuan(total, lang)}`;
  }
  return `${label} ${String(value)}`;
}

function entryText(entry: unknown, lang: Lang): string {
  if (typeof entry !== 'object' || entry === null) return valueText('', entry, lang);
  return Object.entries(entry).map(([k, v]) => valueText(k, v, lang)).join(lang === 'en-US' ? ', ' : '，');
}

export function ProfileSummary({ profile, draft }: { profile: Record<string, unknown>; draft: Draft }) {
  const { t, pick, lang } = useI18n();
  const [json, setJson] = useState(false);
  const kind = draft.identity.kind;
  return (
    <section className="profile-summary" data-testid="profile-summary">
      <h3 className="result-section-title">{t('calc.summary.title')}</h3>
      <dl className="summary-list">
        <dt>{pick(fieldLabel('name'))}</dt>
        <dd>{String(profile.name)}{kind ? ` · ${pick(KIND_LABELS[kind])}` : ''} · <span className="mono">{String(profile.id)}</span></dd>
        {GROUPS.filter((g) => profile[g] !== undefined || draft.answers[g] !== undefined).map((g) => {
          const value = profile[g];
          const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
          const answer = draft.answers[g];
          return [
            <dt key={`${g}-t`}>{pick(GROUP_TEXT[g].title)}</dt>,
            <dd key={`${g}-d`}>
              {answer === 'skipped' ? <span className="muted">{t('calc.status.skipped')}</span>
                : answer === 'none' ? pick(GROUP_TEXT[g].none)
                  : value === undefined ? <span className="muted">{t('calc.summary.unknown')}</span>
                    : list.length === 0 ? t('calc.status.none')
                      : typeof value !== 'object' ? valueText(g, value, lang)
                        : <ul>{list.map((e, i) => <li key={i}>{entryText(e, lang)}</li>)}</ul>}
            </dd>,
          ];
        })}
      </dl>
      <Button size="small" type="link" className="no-print" onClick={() => setJson((j) => !j)} aria-expanded={json} data-testid="profile-json-toggle">
        {json ? '▾' : '▸'} {t('calc.summary.json')}
      </Button>
      {json && <pre className="profile-json no-print" data-testid="profile-json">{JSON.stringify(profile, null, 2)}</pre>}
    </section>
  );
}
