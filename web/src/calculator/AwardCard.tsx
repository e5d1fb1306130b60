// One provision's result in the result panel: catalogue number, title, amount (最高 / 不低于),
// what it depends on, and an expandable "why" with the trace (always printed).
import { useState, type ReactNode } from 'react';
import { Button, Tag } from 'antd';
import type { ProvisionResult } from '../../../src/core/engine/engine.ts';
import { useI18n, type I18n } from '../i18n.ts';
import { formatYuan, humanizeLabel, moneyToEnglish } from './format.ts';
import { useParameterLabels } from './parameters.ts';
import { ArticleLink, TraceView, useFactLabel } from './TraceView.tsx';
import { GROUP_TEXT, isGroup, type GroupId } from './vocabulary.ts';

/** "30万元", "最高 100万元", "不低于 5万元" (en: "up to", "at least"). */
export function amountText(result: Pick<ProvisionResult, 'amount' | 'amount_kind'>, i18n: I18n): string {
  if (result.amount === undefined) return '';
  const money = formatYuan(result.amount, i18n.lang);
  if (result.amount_kind === 'ceiling') return `${i18n.t('calc.upTo')}${money}`;
  if (result.amount_kind === 'floor') return `${i18n.t('calc.atLeast')}${money}`;
  return money;
}

export type AwardVariant = 'eligible' | 'pending' | 'undetermined' | 'near-miss' | 'excluded' | 'other';

const TEST_IDS: Record<AwardVariant, string> = {
  eligible: 'result-eligible', pending: 'result-pending', undetermined: 'result-undetermined',
  'near-miss': 'result-near-miss', excluded: 'result-excluded', other: 'result-other',
};

function Body({ result, variant, onAsk }: { result: ProvisionResult; variant: AwardVariant; onAsk: (group: GroupId) => void }) {
  const i18n = useI18n();
  const { t, pick, lang } = i18n;
  const params = useParameterLabels();
  const factLabel = useFactLabel();
  const sep = lang === 'en-US' ? ', ' : '、';
  switch (variant) {
    case 'pending':
      return (
        <div className="award-note" data-testid="pending-parameters">
          {t('calc.pending.note')}
          {result.pending_parameters.map((id) => (
            <Tag key={id} color="orange" className="param-tag">{params.get(id) ? pick(params.get(id)!.label) : id}</Tag>
          ))}
        </div>
      );
    case 'undetermined': {
      const groups = [...new Set(result.missing_facts.map((f) => /^[a-z_]+/.exec(f)?.[0] ?? f))].filter(isGroup);
      return (
        <div className="award-note">
          {t('calc.undetermined.note')}{[...new Set(result.missing_facts.map(factLabel))].join(sep)}
          <span className="no-print">
            {groups.map((g) => (
              <Button key={g} size="small" type="link" onClick={() => onAsk(g)} data-testid={`answer-${g}`}>{t('calc.answerGroup', { group: pick(GROUP_TEXT[g].title) })}</Button>
            ))}
          </span>
        </div>
      );
    }
    case 'near-miss':
      return (
        <div className="award-note">
          {result.near_misses.map((m, i) => (
            <div key={i} className="near-miss" data-testid="near-miss-advice">
              <div className="near-miss-advice">{lang === 'en-US' ? moneyToEnglish(m.advice.en) : m.advice.zh}</div>
              <div className="muted">{humanizeLabel(pick(m.condition), lang)}{m.quote && <span lang="zh-CN"> 「{m.quote}」</span>}</div>
            </div>
          ))}
        </div>
      );
    case 'excluded':
      return result.excluded_by ? <div className="award-note">{pick(result.excluded_by.reason)}</div> : null;
    default:
      return null;
  }
}

interface CardProps {
  result: ProvisionResult;
  variant: AwardVariant;
  onAsk: (group: GroupId) => void;
  extra?: ReactNode;
  /** Hidden on screen until the list is expanded (always printed). */
  collapsed?: boolean;
}

export function AwardCard({ result, variant, onAsk, extra, collapsed = false }: CardProps) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const [open, setOpen] = useState(false);
  const amount = amountText(result, i18n);
  return (
    <article className={`award award-${variant}${collapsed ? ' is-collapsed' : ''}`} data-testid={TEST_IDS[variant]} data-catalogue={result.catalogue}>
      <div className="award-head">
        <Tag color={result.kind === 'tax-preference' ? 'purple' : 'gold'} className="award-code">{result.catalogue}</Tag>
        <span className="award-title">{pick(result.title)}</span>
        {result.kind === 'tax-preference' && <Tag className="award-kind">{t('kind.tax_preference')}</Tag>}
        {amount && <span className={`award-amount amount-${result.amount_kind}`} data-testid="award-amount">{amount}</span>}
        {variant === 'pending' && <Tag color="orange" className="award-amount-tag">{t('provision.unset')}</Tag>}
      </div>
      <div className={variant === 'undetermined' ? 'award-row' : undefined}>
        <Body result={result} variant={variant} onAsk={onAsk} />
        {extra}
        <div className="award-foot">
          <Button size="small" type="link" className="trace-toggle no-print" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="trace-toggle">
            {open ? '▾' : '▸'} {t('calc.why')}
          </Button>
          <ArticleLink number={result.article} />
        </div>
      </div>
      <div className={`award-trace${open ? ' is-open' : ''}`} data-testid="award-trace">
        <TraceView result={result} />
      </div>
    </article>
  );
}
