// 待审核: the cases of the reviewer's department, submitted ones first; filter by status, provision, year.
import { useState, type HTMLAttributes } from 'react';
import { Input, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { query } from '../../api.ts';
import { useI18n } from '../../i18n.ts';
import { formatTime, PageTitle, RequireRole, StatusTag, useMoney } from '../common.tsx';
import { useDt, type DeliveryKey } from '../messages.ts';
import { useDeliveryApi } from '../session.tsx';
import type { Application, ApplicationStatus, Me } from '../types.ts';

const REVIEWER_STATUSES: ApplicationStatus[] = ['submitted', 'returned', 'approved', 'in-notice', 'payable', 'paid', 'rejected', 'withdrawn'];

export function ApplicationTable({ applications, linkTo, testId, selection }: {
  applications: Application[];
  /** Where a row's title links to; no link when absent. */
  linkTo?: (a: Application) => string;
  testId: string;
  /** Rows to pick (the notice's cases). */
  selection?: { selected: string[]; onChange: (ids: string[]) => void };
}) {
  const dt = useDt();
  const { pick } = useI18n();
  const money = useMoney();
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={applications}
      scroll={{ x: true }}
      data-testid={testId}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      rowSelection={selection ? { selectedRowKeys: selection.selected, onChange: (keys) => selection.onChange(keys.map(String)) } : undefined}
      onRow={(a) => ({ 'data-testid': 'application-row', 'data-id': a.id } as HTMLAttributes<HTMLElement>)}
      columns={[
        { title: dt('common.provision'), render: (_, a) => (linkTo ? <Link to={linkTo(a)} data-testid="application-link"><Tag>{a.catalogue}</Tag>{pick(a.provision_title)}</Link> : <><Tag>{a.catalogue}</Tag>{pick(a.provision_title)}</>) },
        { title: dt('common.beneficiary'), render: (_, a) => <>{a.beneficiary_name}<div className="mono muted">{a.credit_code}</div></> },
        { title: dt('common.year'), dataIndex: 'year', width: 70 },
        { title: dt('app.engineAmount'), render: (_, a) => money(a.engine_amount_yuan, a.engine_amount_kind) },
        { title: dt('app.granted'), render: (_, a) => money(a.granted_yuan) },
        { title: dt('step.apply'), render: (_, a) => formatTime(a.submitted_at) },
        { title: dt('common.status'), render: (_, a) => <StatusTag status={a.status} /> },
      ]}
    />
  );
}

function Inbox({ me }: { me: Me }) {
  const dt = useDt();
  const [status, setStatus] = useState<string>('submitted');
  const [provision, setProvision] = useState('');
  const [year, setYear] = useState<number | undefined>(undefined);
  const list = useDeliveryApi<{ applications: Application[] }>(`/applications${query({ status, provision: provision.trim() || undefined, year })}`);
  return (
    <>
      <p className="page-intro">{dt('review.intro', { dept: me.department ?? '' })}</p>
      <Space wrap className="filters">
        <Select
          value={status}
          onChange={setStatus}
          style={{ width: 150 }}
          data-testid="inbox-status"
          options={[{ value: '', label: dt('review.all') }, ...REVIEWER_STATUSES.map((s) => ({ value: s, label: dt(`status.${s}` as DeliveryKey) }))]}
        />
        <Input.Search allowClear placeholder={dt('common.provision')} onSearch={setProvision} style={{ width: 200 }} />
        <Select allowClear placeholder={dt('common.year')} value={year} onChange={setYear} style={{ width: 110 }} options={[2025, 2026, 2027].map((y) => ({ value: y, label: String(y) }))} />
      </Space>
      <Loaded state={list}>{({ applications }) => <ApplicationTable applications={applications} linkTo={(a) => `/review/${a.id}`} testId="inbox" />}</Loaded>
    </>
  );
}

export function InboxPage() {
  const dt = useDt();
  useDocumentTitle(dt('review.title'));
  return (
    <RequireRole roles={['reviewer']}>{(me) => (
      <div data-testid="review-page">
        <PageTitle testId="review-title">{dt('review.title')} · {me.department}</PageTitle>
        <Inbox me={me} />
      </div>
    )}</RequireRole>
  );
}
