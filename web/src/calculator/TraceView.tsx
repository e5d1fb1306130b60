// Why an award came out as it did, in plain words: each step of the rule with its label, the value
// seen, ✓ or ✗, the clause it comes from in 「」, and the parameters with the document that sets them.
import type { TraceStep } from '../../../src/core/engine/evaluate.ts';
import type { ProvisionResult } from '../../../src/core/engine/engine.ts';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { factPathLabel, humanizeDisplay, humanizeLabel } from './format.ts';
import { useParameterLabels } from './parameters.ts';
import { GROUP_TEXT, isGroup } from './vocabulary.ts';

const CN_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 13 → 十三, 46 → 四十六 (the article numerals of the document). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${CN_DIGITS[n % 10]}`;
}

export function ArticleLink({ number }: { number: number | undefined }) {
  const { t } = useI18n();
  if (number === undefined) return null;
  return <Link to={`/articles/${number}`} className="article-link" data-testid="article-link" data-article={number}>{t('calc.articleLink', { n: chineseNumeral(number), num: number })}</Link>;
}

/** Labels of missing fact paths, in the language. */
export function useFactLabel(): (path: string) => string {
  const { lang, pick } = useI18n();
  return (path) => factPathLabel(path, lang, (group) => (isGroup(group) ? pick(GROUP_TEXT[group].title) : group));
}

function mark(step: TraceStep): { symbol: string; cls: string } {
  if (step.status === 'unknown') return { symbol: '？', cls: 'is-unknown' };
  if (step.status === 'pending') return { symbol: '…', cls: 'is-pending' };
  if (step.value === true) return { symbol: '✓', cls: 'is-true' };
  if (step.value === false) return { symbol: '✗', cls: 'is-false' };
  return { symbol: '·', cls: 'is-value' };
}

/** A step that only shows a value the profile gave: shown inline after its parent. */
const isLeaf = (s: TraceStep) => !s.children && !s.quote && !s.parameter && s.status === 'value' && typeof s.value !== 'boolean';

function Step({ step }: { step: TraceStep }) {
  const { t, pick, lang } = useI18n();
  const params = useParameterLabels();
  const factLabel = useFactLabel();
  const m = mark(step);
  const param = step.parameter ? params.get(step.parameter.id) : undefined;
  const children = step.children ?? [];
  const label = humanizeLabel(pick(step.label), lang);
  const allLeaves = children.length > 0 && children.every(isLeaf);
  // Values the label already says ("类型 = 国家高新技术企业") are not repeated.
  const leaves = allLeaves ? children.filter((c) => !label.includes(humanizeDisplay(c.display ?? String(c.value), lang))) : [];
  const nested = allLeaves ? [] : children;
  return (
    <li className={`trace-step ${m.cls}`} data-testid="trace-step">
      <div className="trace-line">
        <span className="trace-mark" aria-label={m.cls.slice(3)}>{m.symbol}</span>
        <span className="trace-label">{label}</span>
        {step.display !== undefined && <span className="trace-value">{humanizeDisplay(step.display, lang)}</span>}
        {step.display === undefined && step.value !== undefined && typeof step.value !== 'boolean' && <span className="trace-value">{humanizeDisplay(String(step.value), lang)}</span>}
        {step.missing && step.missing.length > 0 && (
          <span className="trace-missing">{t('calc.trace.missing')}{[...new Set(step.missing.map(factLabel))].join(lang === 'en-US' ? ', ' : '、')}</span>
        )}
        {step.pending && step.pending.length > 0 && (
          <span className="trace-pending">{t('calc.trace.pending')}{step.pending.map((id) => (params.get(id) ? pick(params.get(id)!.label) : id)).join(lang === 'en-US' ? ', ' : '、')}</span>
        )}
      </div>
      {step.quote && <div className="trace-quote" lang="zh-CN">「{step.quote}」</div>}
      {step.parameter && (
        <div className="trace-param" data-testid="trace-parameter">
          {t('calc.trace.parameter')}{param ? pick(param.label) : step.parameter.id}
          {' · '}{t('common.source')}{t('common.colon')}{step.parameter.source}
          {step.parameter.from && <> · {t('calc.trace.from', { date: step.parameter.from })}</>}
        </div>
      )}
      {leaves.length > 0 && (
        <div className="trace-facts">
          {leaves.map((c, i) => (
            <span key={i} className="trace-fact">{humanizeLabel(pick(c.label), lang)}{t('common.colon')}<b>{humanizeDisplay(c.display ?? String(c.value), lang)}</b></span>
          ))}
        </div>
      )}
      {nested.length > 0 && <ul className="trace-children">{nested.map((c, i) => <Step key={i} step={c} />)}</ul>}
    </li>
  );
}

/** The trace of one result: the provision's clause and article, then the conditions and the amount. */
export function TraceView({ result }: { result: ProvisionResult }) {
  const { t } = useI18n();
  return (
    <div className="trace" data-testid="trace">
      <div className="trace-clause">
        <span lang="zh-CN">「{result.quote}」</span> <ArticleLink number={result.article} />
      </div>
      {result.trace ? (
        <>
          <div className="trace-heading">{t('calc.trace.conditions')}</div>
          <ul className="trace-root"><Step step={result.trace.conditions} /></ul>
          {result.trace.amount && (
            <>
              <div className="trace-heading">{t('calc.trace.amount')}</div>
              <ul className="trace-root"><Step step={result.trace.amount} /></ul>
            </>
          )}
        </>
      ) : (
        <div className="muted">{t('calc.trace.none')}</div>
      )}
    </div>
  );
}
