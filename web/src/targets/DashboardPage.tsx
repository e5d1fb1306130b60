// 领导驾驶舱 (leader): the 7 domains (targets by status, budget execution, awards paid) with their
// articles to drill into, the charts each with its table, the top lagging targets, the pace rule, the
// XLSX export of the whole report and a printable monthly report (A4, the browser's Save as PDF).
import { useState } from 'react';
import { Button, Card, Col, Collapse, Input, Progress, Row, Space } from 'antd';
import { Link } from 'react-router-dom';
import type { ArticleSummary } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { PageTitle, RequireRole, useMoney } from '../delivery/common.tsx';
import { downloadUrl, useDeliveryApi } from '../delivery/session.tsx';
import { useI18n } from '../i18n.ts';
import { articleId, domainNumber, PaceRule, PaceTag, StatusBar, useFigure } from './common.tsx';
import { DashboardCharts } from './DashboardCharts.tsx';
import { useTt } from './messages.ts';
import { TargetProgressTable } from './TargetProgressTable.tsx';
import type { Dashboard, DashboardDomain, TargetsAnswer, TargetView } from './types.ts';
import type { Role } from '../delivery/types.ts';
import './targets.css';

/** The dashboard is the leader's page; the offices that may read its figures (the API's rule) may open it too. */
const DASHBOARD_ROLES: Role[] = ['leader', 'reviewer', 'policy', 'auditor', 'finance', 'admin'];

function DomainCard({ domain, articles, domainTargets }: { domain: DashboardDomain; articles: ArticleSummary[]; domainTargets: TargetView[] }) {
  const tt = useTt();
  const { isEn } = useI18n();
  const money = useMoney();
  const figure = useFigure();
  const b = domain.budget;
  const used = (n: number) => (b && b.allocated > 0 ? Math.round((n / b.allocated) * 1000) / 10 : 0);
  return (
    <Card size="small" className="item-card domain-status-card" data-testid="domain-card" data-id={domain.id}
      title={<span title={isEn ? domain.name.en : domain.name.zh}>{domain.id.toUpperCase()} · {isEn ? domain.name.en : domain.name.zh}</span>}
    >
      <div className="muted" data-testid="domain-lead">{tt('dash.lead')}{tt('colon')}{domain.lead}</div>
      <StatusBar counts={domain.targets} testId="domain-status" />
      <div className="domain-budget">
        <div className="muted">{tt('dash.budgetExecution')}{b ? ` · ${b.lineId}` : ''}</div>
        {b ? (
          <>
            <Progress percent={used(b.paid + b.reserved)} success={{ percent: used(b.paid) }} size="small" showInfo={false} />
            <div className="muted" data-testid="domain-budget">
              {tt('dash.allocated')} {money(b.allocated)} · {tt('dash.reserved')} {money(b.reserved)} · {tt('dash.paid')} {money(b.paid)}
            </div>
          </>
        ) : <div className="muted">{tt('dash.noBudget')}</div>}
      </div>
      <div className="domain-awards" data-testid="domain-awards">
        {tt('dash.awards')}{tt('colon')}{domain.awardsPaid.count} · <span className="amount-small">{money(domain.awardsPaid.amount)}</span>
      </div>
      <Collapse
        size="small"
        ghost
        className="no-print"
        items={[{
          key: 'a',
          label: <span data-testid="domain-articles-toggle">{tt('dash.articles')}（{articles.length}）{domainTargets.length > 0 ? ` · ${tt('dash.domainTargets')}（${domainTargets.length}）` : ''}</span>,
          children: (
            <>
            {domainTargets.length > 0 && (
              <ul className="domain-articles" data-testid="domain-targets">
                {domainTargets.map((t) => (
                  <li key={t.id}>
                    <Link to={`/dashboard/articles/${domain.id}`} data-testid="domain-target-link">{t.id} {isEn ? t.metric.en : t.metric.zh}</Link> {figure(t.target)} <PaceTag status={t.pace.status} />
                  </li>
                ))}
              </ul>
            )}
            <ul className="domain-articles" data-testid="domain-articles">
              {articles.map((a) => (
                <li key={a.number}>
                  <Link to={`/dashboard/articles/${articleId(a.number)}`} data-testid="domain-article-link" data-id={articleId(a.number)}>
                    （{a.numeral}）{isEn ? a.title_en : a.title}
                  </Link>
                  {a.counts.targets > 0 && <span className="muted"> · {a.counts.targets}</span>}
                </li>
              ))}
            </ul>
            </>
          ),
        }]}
      />
    </Card>
  );
}

function DashboardBody({ data, articles, targets }: { data: Dashboard; articles: ArticleSummary[]; targets?: TargetsAnswer }) {
  const tt = useTt();
  return (
    <>
      <section className="dash-section" data-testid="domains">
        <h2 className="section-title">{tt('dash.domains')}</h2>
        <Row gutter={[12, 12]}>
          {data.domains.map((d) => (
            <Col xs={24} md={12} xl={8} key={d.id} className="domain-col">
              <DomainCard domain={d} articles={articles.filter((a) => a.domain === domainNumber(d.id))} domainTargets={(targets?.targets ?? []).filter((t) => t.article === null && t.domain === d.id)} />
            </Col>
          ))}
        </Row>
      </section>
      <DashboardCharts data={data} />
      <section className="dash-section" data-testid="lagging">
        <h2 className="section-title">{tt('dash.lagging')}</h2>
        {data.lagging.length === 0
          ? <div className="muted">{tt('dash.noLagging')}</div>
          : <TargetProgressTable targets={data.lagging} testId="lagging-table" articleLinks />}
      </section>
      <section className="dash-section">
        <PaceRule rule={targets?.rule} />
      </section>
    </>
  );
}

export function DashboardPage() {
  const tt = useTt();
  useDocumentTitle(tt('dash.title'));
  const [asOf, setAsOf] = useState<string>('');
  const query = asOf ? `?asOf=${asOf}` : '';
  const dashboard = useDeliveryApi<Dashboard>(`/dashboard${query}`);
  const articles = useApi<ArticleSummary[]>('/articles');
  // The domain-level targets (K01–K06, stated in a domain's heading) and the documented pace rule.
  const targets = useDeliveryApi<TargetsAnswer>('/targets');
  return (
    <RequireRole roles={DASHBOARD_ROLES}>{() => (
      <div data-testid="dashboard-page" className="dashboard-page">
        <div className="print-only print-header">
          <div className="print-title">{tt('dash.printTitle')}</div>
          <div>{tt('dash.asOf')}{tt('colon')}{dashboard.data?.asOf ?? ''}</div>
        </div>
        <PageTitle testId="dashboard-title">{tt('dash.title')}</PageTitle>
        {dashboard.data && (
          <p className="page-intro" data-testid="dashboard-intro">
            {tt('dash.intro', { asOf: dashboard.data.asOf, elapsed: `${Math.round(dashboard.data.yearElapsed * 1000) / 10}%` })}
          </p>
        )}
        <Space wrap className="filters no-print">
          {tt('dash.asOf')}
          <Input type="date" value={asOf} min="2025-01-01" onChange={(e) => setAsOf(e.target.value)} style={{ width: 170 }} data-testid="dashboard-asof" />
          <Button href={downloadUrl(`/dashboard.xlsx${query}`)} download data-testid="dashboard-xlsx">{tt('dash.xlsx')}</Button>
          <Button type="primary" onClick={() => window.print()} data-testid="dashboard-print">{tt('dash.print')}</Button>
        </Space>
        <Loaded state={dashboard} rows={12}>{(data) => <DashboardBody data={data} articles={articles.data ?? []} targets={targets.data} />}</Loaded>
      </div>
    )}</RequireRole>
  );
}
