// The policy calculator: a guided questionnaire on the left (only what matters for the answers still
// open), the result with its reasons on the right, printable or saved as PDF through the browser.
import { Button, Col, Row, Spin } from 'antd';
import type { PolicyInfo } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';
import '../calculator/calculator.css';
import { ProfileSummary } from '../calculator/ProfileSummary.tsx';
import { DoneCard, IdentityCard, QuestionCard, QuestionList } from '../calculator/Questionnaire.tsx';
import { ResultPanel } from '../calculator/ResultPanel.tsx';
import { useQuestionnaire } from '../calculator/useQuestionnaire.ts';

const DEFAULT_YEAR = 2025;

export function CalculatorPage() {
  const { t } = useI18n();
  const info = useApi<PolicyInfo>('/');
  const year = info.data ? Number(info.data.validity.from.slice(0, 4)) : DEFAULT_YEAR;
  const q = useQuestionnaire(year);
  const { evaluation } = q.ev;
  const stale = q.ev.evaluatedKey !== q.key;
  useDocumentTitle(t('calc.title'));

  return (
    <div className="calculator-page" data-testid="calculator-page">
      <div className="calc-page-head">
        <div>
          <h1 className="page-title">{t('calc.title')}</h1>
          <div className="page-intro calculator-form">{t('calc.intro')}</div>
        </div>
      </div>
      <Row gutter={[16, 16]} className="calc-layout">
        <Col xs={24} lg={10} className="calculator-form">
          <IdentityCard q={q} />
          {q.started && (q.current ? <QuestionCard key={q.current} q={q} group={q.current} /> : q.advancing ? <Spin className="calc-spin" /> : <DoneCard q={q} />)}
          {q.started && <QuestionList q={q} />}
        </Col>
        <Col xs={24} lg={14} className="calc-result-col">
          <div className="calc-result-head">
            <h2 className="section-title">{t('calc.result.title')}</h2>
            {q.started && evaluation && stale && <span className="muted no-print" data-testid="result-updating">{t('calc.result.updating')}</span>}
            {q.started && evaluation && (
              <Button className="no-print print-button" onClick={() => window.print()} data-testid="print-button">
                {t('calc.print')}
              </Button>
            )}
          </div>
          {q.started && evaluation ? (
            <ResultPanel evaluation={evaluation} stale={stale} onAsk={q.ask} summary={<ProfileSummary profile={q.profile} draft={q.draft} />} />
          ) : (
            <div className="calc-placeholder muted" data-testid="result-placeholder">{t('calc.result.placeholder')}</div>
          )}
        </Col>
      </Row>
    </div>
  );
}
