// 兑付 for finance: the payable cases (public notice over, no objection upheld) → a payout batch; the batches.
import { useState } from 'react';
import { Button, Empty, Table } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { formatTime, PageTitle, RequireRole, useMoney } from '../common.tsx';
import { useDt, type DeliveryKey } from '../messages.ts';
import { ApplicationTable } from '../review/InboxPage.tsx';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import type { Application, PayoutBatch } from '../types.ts';

function Payable() {
  const dt = useDt();
  const navigate = useNavigate();
  const payable = useDeliveryApi<{ applications: Application[] }>('/payouts/payable');
  const [selected, setSelected] = useState<string[]>([]);
  const { run, pending } = useAction();
  async function build() {
    const answer = await run((key) => apiFetch<{ batch: PayoutBatch }>('/payouts', { body: { application_ids: selected }, idempotencyKey: key }), dt('pay.build'));
    if (answer) void navigate(`/finance/payouts/${answer.batch.id}`);
  }
  return (
    <Loaded state={payable}>{({ applications }) => (applications.length === 0 ? <Empty description={dt('common.none')} /> : (
      <>
        <ApplicationTable applications={applications} testId="payable-table" selection={{ selected, onChange: setSelected }} />
        <Button type="primary" style={{ marginTop: 12 }} disabled={selected.length === 0} loading={pending} onClick={() => void build()} data-testid="payout-build">
          {dt('pay.build')}（{selected.length}）
        </Button>
      </>
    ))}</Loaded>
  );
}

export function BatchTable({ batches }: { batches: PayoutBatch[] }) {
  const dt = useDt();
  const money = useMoney();
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={batches}
      scroll={{ x: true }}
      data-testid="batches"
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: 'ID', render: (_, b) => <Link to={`/finance/payouts/${b.id}`} data-testid="batch-link">{b.id}</Link> },
        { title: dt('common.at'), render: (_, b) => formatTime(b.created_at) },
        { title: dt('common.actor'), dataIndex: 'created_by' },
        { title: dt('pay.count'), dataIndex: 'item_count' },
        { title: dt('pay.total'), align: 'right', render: (_, b) => money(b.total_yuan) },
        { title: dt('common.status'), render: (_, b) => dt(`pay.batch.${b.status}` as DeliveryKey) },
      ]}
    />
  );
}

function Batches() {
  const batches = useDeliveryApi<{ batches: PayoutBatch[] }>('/payouts');
  return <Loaded state={batches}>{(data) => <BatchTable batches={data.batches} />}</Loaded>;
}

export function PayoutsPage() {
  const dt = useDt();
  useDocumentTitle(dt('pay.title'));
  return (
    <RequireRole roles={['finance', 'auditor']}>{(me) => (
      <div data-testid="payouts-page">
        <PageTitle testId="payouts-title">{dt('pay.title')}</PageTitle>
        {me.role === 'finance' && (
          <>
            <h2 className="section-title">{dt('pay.payable')}</h2>
            <Payable />
          </>
        )}
        <h2 className="section-title">{dt('pay.batches')}</h2>
        <Batches />
      </div>
    )}</RequireRole>
  );
}
