// The result of the evaluation: totals, the awards grouped by outcome (eligible, amount pending, more
// information needed, near misses, excluded, not eligible), and what makes it reproducible: the pack
// edition, the year, the date the parameters were read and every parameter with its source.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Tag } from 'antd';
import type { ProvisionResult } from '../../../src/core/engine/engine.ts';
import type { EvaluationWithQuestions } from '../../../src/services/evaluation.ts';
import type { ParameterView } from '../../../src/services/policy-views.ts';
import { useI18n, type Lang, type MessageKey } from '../i18n.ts';
import { AwardCard, type AwardVariant } from './AwardCard.tsx';
import { formatYuan } from './format.ts';
import { ParametersContext, useLoadParameters, useParameterLabels } from './parameters.ts';
import type { GroupId } from './vocabulary.ts';

interface Props {
  evaluation: EvaluationWithQuestions;
  stale: boolean;
  onAsk: (group: GroupId) => void;
  summary: ReactNode;
}

function Section({ title, hint, count, testId, children }: { title: string; hint?: string; count: number; testId: string; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="result-section" data-testid={testId}>
      <h3 className="result-section-title">{title}<span className="result-section-count">{count}</span></h3>
      {hint && <div className="result-section-hint muted">{hint}</div>}
      {children}
    </section>
  );
}

function Totals({ evaluation }: { evaluation: EvaluationWithQuestions }) {
  const { t, lang } = useI18n();
  const { totals } = evaluation;
  const cell = (label: string, value: string, testId: string, strong = false) => (
    <div className={`total-cell${strong ? ' is-strong' : ''}`} data-testid={testId}>
      <div className="total-label">{label}</div>
      <div className="total-value">{value}</div>
    </div>
  );
  return (
    <div className="totals" data-testid="result-totals">
      {cell(t('calc.total.exact'), formatYuan(totals.exact, lang), 'total-exact', true)}
      {cell(t('calc.total.ceilings'), formatYuan(totals.ceilings, lang), 'total-ceilings', true)}
      {totals.floors > 0 && cell(t('calc.total.floors'), formatYuan(totals.floors, lang), 'total-floors')}
      {cell(t('calc.count.eligible'), String(totals.eligible), 'count-eligible')}
      {cell(t('calc.count.pending'), String(totals.pending), 'count-pending')}
      {cell(t('calc.count.undetermined'), String(totals.undetermined), 'count-undetermined')}
    </div>
  );
}

/** A parameter's value in its unit (the value used, which may differ from the edition's first value). */
function paramValue(value: number, view: ParameterView | undefined, lang: Lang): string {
  switch (view?.unit) {
    case 'yuan': return formatYuan(value, lang);
    case 'percent': return `${value}%`;
    case 'ratio': return `${value}/${view.denominator ?? 1}`;
    default: return String(value);
  }
}

function Reproducible({ evaluation }: { evaluation: EvaluationWithQuestions }) {
  const { t, pick, lang } = useI18n();
  const labels = useParameterLabels();
  const [open, setOpen] = useState(false);
  return (
    <section className="reproducible" data-testid="result-edition">
      <div>
        {t('calc.edition')}{t('common.colon')}<b data-testid="edition">{evaluation.edition}</b>
        {' · '}{t('calc.policyYear')}{t('common.colon')}{evaluation.year}
        {' · '}{t('calc.asOf')}{t('common.colon')}{evaluation.as_of}
        {evaluation.parameters_used.length > 0 && (
          <Button size="small" type="link" className="no-print" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="parameters-toggle">
            {open ? '▾' : '▸'} {t('calc.parametersUsed', { n: evaluation.parameters_used.length })}
          </Button>
        )}
      </div>
      <div className={`parameters-used${open ? ' is-open' : ''}`}>
        <div className="print-only">{t('calc.parametersUsed', { n: evaluation.parameters_used.length })}</div>
        <table className="params-table" data-testid="parameters-used">
          <thead><tr><th>{t('calc.param.name')}</th><th>{t('calc.param.value')}</th><th>{t('calc.param.from')}</th><th>{t('common.source')}</th></tr></thead>
          <tbody>
            {evaluation.parameters_used.map((p) => {
              const view = labels.get(p.id);
              return (
                <tr key={p.id}>
                  <td>{view ? pick(view.label) : p.id}<div className="muted">{p.id}</div></td>
                  <td>{p.value === null ? <Tag color="orange">{t('provision.unset')}</Tag> : paramValue(p.value, view, lang)}</td>
                  <td>{p.from}</td>
                  <td>{p.source}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Undetermined results shown before the list is expanded. */
const OPEN_SHOWN = 5;

const byOrder = (a: ProvisionResult, b: ProvisionResult) => a.catalogue.localeCompare(b.catalogue, 'en', { numeric: true });

export function ResultPanel({ evaluation, stale, onAsk, summary }: Props) {
  const { t, lang } = useI18n();
  const labels = useLoadParameters();
  const [showOthers, setShowOthers] = useState(false);
  const [showAllOpen, setShowAllOpen] = useState(false);
  const results = [...evaluation.results].sort(byOrder);
  const of = (status: ProvisionResult['status']) => results.filter((r) => r.status === status);
  const nearMisses = results.filter((r) => r.status === 'not-eligible' && r.near_misses.length > 0);
  const notEligible = of('not-eligible').filter((r) => r.near_misses.length === 0);
  const notApplicable = of('not-applicable');
  const groups: { variant: AwardVariant; items: ProvisionResult[]; title: MessageKey; hint?: MessageKey; testId: string }[] = [
    { variant: 'eligible', items: of('eligible'), title: 'calc.group.eligible', testId: 'section-eligible' },
    { variant: 'pending', items: of('pending'), title: 'calc.group.pending', hint: 'calc.group.pendingHint', testId: 'section-pending' },
    { variant: 'undetermined', items: of('undetermined'), title: 'calc.group.undetermined', hint: 'calc.group.undeterminedHint', testId: 'section-undetermined' },
    { variant: 'near-miss', items: nearMisses, title: 'calc.group.nearMiss', hint: 'calc.group.nearMissHint', testId: 'section-near-miss' },
    { variant: 'excluded', items: of('excluded'), title: 'calc.group.excluded', testId: 'section-excluded' },
  ];
  return (
    <ParametersContext.Provider value={labels}>
      <div className={`calc-result${stale ? ' is-stale' : ''}`} data-testid="calculator-result" aria-busy={stale}>
        <div className="print-only print-title">{t('calc.print.title')} · {evaluation.beneficiary.name} · {new Date().toLocaleDateString(lang)}</div>
        {!evaluation.in_force && <Alert type="warning" showIcon title={t('calc.notInForce', { year: evaluation.year })} />}
        <Totals evaluation={evaluation} />
        {evaluation.conflicts.length > 0 && (
          <Alert type="warning" showIcon className="result-conflicts" title={t('calc.conflicts')} description={evaluation.conflicts.map((c) => `${c.rules.join(' / ')}: ${c.provisions.join(lang === 'en-US' ? ', ' : '、')}`).join('; ')} />
        )}
        {groups.map((g) => (
          <Section key={g.variant} title={t(g.title)} hint={g.hint ? t(g.hint) : undefined} count={g.items.length} testId={g.testId}>
            {g.items.map((r, i) => <AwardCard key={r.provision} result={r} variant={g.variant} onAsk={onAsk} collapsed={g.variant === 'undetermined' && !showAllOpen && i >= OPEN_SHOWN} />)}
            {g.variant === 'undetermined' && g.items.length > OPEN_SHOWN && (
              <Button size="small" type="link" className="no-print" onClick={() => setShowAllOpen((s) => !s)} aria-expanded={showAllOpen} data-testid="undetermined-toggle">
                {showAllOpen ? t('calc.hide') : t('calc.showAll', { n: g.items.length })}
              </Button>
            )}
          </Section>
        ))}
        <section className="result-section result-others" data-testid="section-not-eligible">
          <span data-testid="count-not-eligible">{t('calc.group.notEligible', { n: notEligible.length })}</span>
          {notApplicable.length > 0 && <span className="muted">{' · '}{t('calc.group.notApplicable', { n: notApplicable.length })}</span>}
          {notEligible.length > 0 && (
            <Button size="small" type="link" className="no-print" onClick={() => setShowOthers((s) => !s)} aria-expanded={showOthers} data-testid="not-eligible-toggle">
              {showOthers ? t('calc.hide') : t('calc.show')}
            </Button>
          )}
          {showOthers && notEligible.map((r) => <AwardCard key={r.provision} result={r} variant="other" onAsk={onAsk} />)}
        </section>
        {summary}
        <Reproducible evaluation={evaluation} />
      </div>
    </ParametersContext.Provider>
  );
}
