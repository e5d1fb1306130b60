// Drill-down from the dashboard: one article (/dashboard/articles/A06) with its original text, its
// targets with progress (expand a row for the reports and the decomposition), its provisions and the
// cases filed under them (linking to the delivery pages).
import { Alert, Breadcrumb, Card, Empty, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { ArticleDetail } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { PageTitle, RequireRole, StatusTag, useMoney } from '../delivery/common.tsx';
import { useDeliveryApi, useSession } from '../delivery/session.tsx';
import type { Application } from '../delivery/types.ts';
import { useI18n } from '../i18n.ts';
import { articleId, articleNumber, PaceRule } from './common.tsx';
import { useTt } from './messages.ts';
import { AssignmentsList } from './Decomposition.tsx';
import { ReportsTable } from './Reports.tsx';
import { TargetProgressTable } from './TargetProgressTable.tsx';
import type { TargetDetailAnswer, TargetsAnswer, TargetView } from './types.ts';
import './targets.css';

/** The reports and the decomposition of one target, fetched when its row is opened. */
function TargetReports({ target }: { target: TargetView }) {
  const detail = useDeliveryApi<TargetDetailAnswer>(`/targets/${encodeURIComponent(target.id)}`);
  return (
    <Loaded state={detail} rows={3}>{(d) => (
      <div data-testid="target-detail" data-id={target.id}>
        <ReportsTable reports={d.reports} unit={d.target.unit} />
        <AssignmentsList assignments={d.assignments} unit={d.target.unit} />
      </div>
    )}</Loaded>
  );
}

function Cases({ provisionIds }: { provisionIds: string[] }) {
  const tt = useTt();
  const money = useMoney();
  const { isEn } = useI18n();
  const { me } = useSession();
  const cases = useDeliveryApi<{ applications: Application[] }>(provisionIds.length > 0 ? '/applications?limit=1000' : null);
  if (provisionIds.length === 0) return <div className="muted">{tt('art.noCases')}</div>;
  if (cases.error?.status === 403) return <div className="muted" data-testid="cases-hidden">{tt('art.casesHidden')}</div>;
  return (
    <Loaded state={cases} rows={3}>{(data) => {
      const mine = data.applications.filter((a) => provisionIds.includes(a.provision));
      if (mine.length === 0) return <div className="muted" data-testid="cases-empty">{tt('art.noCases')}</div>;
      return (
        <Table
          size="small" rowKey="id" data-testid="article-cases" dataSource={mine} scroll={{ x: true }}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          columns={[
            // The case page is the reviewer's; other readers see the case's line here.
            { title: '', render: (_, a) => (me?.role === 'reviewer' ? <Link to={`/review/${a.id}`} data-testid="case-link">{a.id.slice(0, 8)}</Link> : <span className="mono">{a.id.slice(0, 8)}</span>) },
            { title: tt('col.unit'), dataIndex: 'beneficiary_name' },
            { title: tt('art.provisions'), render: (_, a) => (isEn ? a.provision_title.en : a.provision_title.zh) },
            { title: tt('col.value'), align: 'right', render: (_, a) => money(a.granted_yuan ?? a.engine_amount_yuan) },
            { title: tt('col.status'), render: (_, a) => <StatusTag status={a.status} /> },
          ]}
        />
      );
    }}</Loaded>
  );
}

function Article({ n }: { n: number }) {
  const tt = useTt();
  const { isEn } = useI18n();
  const article = useApi<ArticleDetail>(`/articles/${n}`);
  const targets = useDeliveryApi<TargetsAnswer>(`/targets?article=${articleId(n)}`);
  useDocumentTitle(article.data ? article.data.title : tt('dash.drill'));
  return (
    <Loaded state={article}>{(a) => {
      const mine = (targets.data?.targets ?? []).filter((t) => articleNumber(t.article) === n);
      return (
        <div data-testid="article-progress-page" data-article={n}>
          <Breadcrumb className="breadcrumb no-print" items={[{ title: <Link to="/dashboard" data-testid="back-to-dashboard">{tt('dash.title')}</Link> }, { title: `（${a.numeral}）` }]} />
          <PageTitle testId="article-title">（{a.numeral}）{isEn ? a.title_en : a.title}</PageTitle>
          <div className="page-meta">
            <span className="muted">{a.domain_title}</span>
            {a.responsible.map((d) => <Tag key={d.id}>{isEn ? d.name_en : d.name}</Tag>)}
            <Link to={`/articles/${n}`} className="no-print">{tt('art.library')} →</Link>
          </div>
          <Card size="small" title={tt('art.text')} className="section-card">
            <div className="policy-text" lang="zh-CN" data-testid="article-text">{a.text}</div>
          </Card>
          <h2 className="section-title">{tt('art.targets')}</h2>
          <Loaded state={targets} rows={3}>{() => (mine.length === 0
            ? <Empty description={tt('common.none')} />
            : <TargetProgressTable targets={mine} testId="article-targets" expand={(t) => <TargetReports target={t} />} />)}
          </Loaded>
          <h2 className="section-title">{tt('art.provisions')}</h2>
          {a.provisions.length === 0 ? <div className="muted">{tt('common.none')}</div> : (
            <ul className="domain-articles" data-testid="article-provisions">
              {a.provisions.map((p) => (
                <li key={p.id} data-testid="article-provision">
                  <Tag>{p.catalogue}</Tag>{isEn ? p.title.en : p.title.zh} <span className="muted">· {isEn ? p.department.name_en : p.department.name}</span>
                </li>
              ))}
            </ul>
          )}
          <h2 className="section-title">{tt('art.cases')}</h2>
          <Cases provisionIds={a.provisions.map((p) => p.id)} />
          <div className="dash-section"><PaceRule rule={targets.data?.rule} /></div>
        </div>
      );
    }}</Loaded>
  );
}

export function ArticleProgressPage() {
  const tt = useTt();
  const { id } = useParams();
  const n = articleNumber(id);
  return (
    <RequireRole roles={['leader', 'reviewer', 'policy', 'auditor', 'finance', 'admin']}>{() => (n === null
      ? <Alert type="warning" showIcon title={tt('art.notFound')} data-testid="article-not-found" />
      : <Article n={n} />)}
    </RequireRole>
  );
}
