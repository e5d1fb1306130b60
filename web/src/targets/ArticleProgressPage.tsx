// Drill-down from the dashboard: one article (/dashboard/articles/A06) or a domain heading (…/d2) with its
// original text, its targets with progress (expand a row for the reports and the decomposition), its
// provisions and their cases in aggregate (GET /dashboard/articles/:id: no personal data, so the leader may
// read it); a reviewer of the provision's department goes on to the cases themselves (/review).
import type { HTMLAttributes } from 'react';
import { Breadcrumb, Card, Empty, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { PageTitle, RequireRole, useMoney } from '../delivery/common.tsx';
import { useDt, type DeliveryKey } from '../delivery/messages.ts';
import { useDeliveryApi, useSession } from '../delivery/session.tsx';
import { useI18n } from '../i18n.ts';
import { articleNumber, PaceRule } from './common.tsx';
import { AssignmentsList } from './Decomposition.tsx';
import { useTt } from './messages.ts';
import { ReportsTable } from './Reports.tsx';
import { TargetProgressTable } from './TargetProgressTable.tsx';
import type { ArticleProgress, TargetDetailAnswer, TargetsAnswer, TargetView } from './types.ts';
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

function Provisions({ provisions }: { provisions: ArticleProgress['provisions'] }) {
  const tt = useTt();
  const dt = useDt();
  const money = useMoney();
  const { isEn } = useI18n();
  const { me } = useSession();
  if (provisions.length === 0) return <div className="muted">{tt('common.none')}</div>;
  return (
    <Table
      size="small" rowKey="id" data-testid="article-provisions" dataSource={provisions} pagination={false} scroll={{ x: true }}
      onRow={(p) => ({ 'data-testid': 'article-provision', 'data-id': p.id }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: tt('art.provisions'), render: (_, p) => <><Tag>{p.catalogue}</Tag>{isEn ? p.title.en : p.title.zh}</> },
        { title: tt('dash.department'), dataIndex: 'department', className: 'nowrap' },
        { title: tt('art.cases'), align: 'right', render: (_, p) => <span data-testid="provision-cases">{p.cases.total}</span> },
        {
          title: tt('col.status'),
          render: (_, p) => Object.entries(p.cases.byStatus).filter(([, n]) => n > 0).map(([status, n]) => (
            <Tag key={status}>{dt(`status.${status}` as DeliveryKey)} {n}</Tag>
          )),
        },
        { title: tt('dash.paid'), align: 'right', className: 'nowrap', render: (_, p) => `${p.cases.paid.count} · ${money(p.cases.paid.amount)}` },
        {
          title: '',
          render: (_, p) => (me?.role === 'reviewer' && me.department === p.department && p.cases.total > 0
            ? <Link to="/review" data-testid="provision-cases-link">{tt('art.openCases')} →</Link>
            : null),
        },
      ]}
    />
  );
}

function Article({ id }: { id: string }) {
  const tt = useTt();
  const progress = useDeliveryApi<ArticleProgress>(`/dashboard/articles/${encodeURIComponent(id)}`);
  // The documented pace rule comes with the targets list.
  const rule = useDeliveryApi<TargetsAnswer>(articleNumber(id) === null ? null : `/targets?article=${id}`);
  const n = articleNumber(id);
  useDocumentTitle(progress.data?.title ?? tt('dash.drill'));
  return (
    <Loaded state={progress}>{(a) => (
      <div data-testid="article-progress-page" data-article={a.id}>
        <Breadcrumb className="breadcrumb no-print" items={[{ title: <Link to="/dashboard" data-testid="back-to-dashboard">{tt('dash.title')}</Link> }, { title: a.id }]} />
        <PageTitle testId="article-title">{a.title}</PageTitle>
        <div className="page-meta">
          <Tag>{a.domain.toUpperCase()}</Tag>
          {a.responsible.map((d) => <Tag key={d}>{d}</Tag>)}
          {n !== null && <Link to={`/articles/${n}`} className="no-print">{tt('art.library')} →</Link>}
        </div>
        <Card size="small" title={tt('art.text')} className="section-card">
          <div className="policy-text" lang="zh-CN" data-testid="article-text">{a.text}</div>
        </Card>
        <h2 className="section-title">{tt('art.targets')}</h2>
        {a.targets.length === 0
          ? <Empty description={tt('common.none')} />
          : <TargetProgressTable targets={a.targets} testId="article-targets" expand={(t) => <TargetReports target={t} />} />}
        <h2 className="section-title">{tt('art.provisions')} · {tt('art.cases')}</h2>
        <Provisions provisions={a.provisions} />
        <div className="dash-section"><PaceRule rule={rule.data?.rule} /></div>
      </div>
    )}</Loaded>
  );
}

export function ArticleProgressPage() {
  const { id } = useParams();
  return (
    <RequireRole roles={['leader', 'reviewer', 'policy', 'auditor', 'finance', 'admin']}>{() => <Article id={id ?? ''} />}</RequireRole>
  );
}
