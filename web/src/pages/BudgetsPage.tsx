// The budget lines (D01…D09) with their amounts, quotes and where they stand.
import { Col, Row } from 'antd';
import type { BudgetView } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { BudgetCard } from '../components/ItemCards.tsx';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';

export function BudgetsPage() {
  const { t } = useI18n();
  const budgets = useApi<BudgetView[]>('/budgets');
  useDocumentTitle(t('budgets.title'));
  return (
    <div data-testid="budgets-page">
      <h1 className="page-title">{t('budgets.title')}</h1>
      <p className="page-intro">{t('budgets.intro')}</p>
      <Loaded state={budgets}>{(data) => (
        <Row gutter={[16, 16]}>
          {data.map((b) => (
            <Col xs={24} md={12} key={b.id} data-testid="budget-line">
              <BudgetCard budget={b} withQuote />
            </Col>
          ))}
        </Row>
      )}</Loaded>
    </div>
  );
}
