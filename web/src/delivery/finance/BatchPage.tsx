// One payout batch: its items, the treasury payment order (国库集中支付) to download, and the bank's
// confirmation file to upload (paid lines disburse; failed ones go back to payable). Uploading twice moves nothing.
import { Alert, Button, Card, Descriptions, Table, Tag, Upload } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { formatTime, PageTitle, RequireRole, useMoney } from '../common.tsx';
import { useDt, type DeliveryKey } from '../messages.ts';
import { apiFetch, downloadUrl, useAction, useDeliveryApi } from '../session.tsx';
import type { PayoutBatch } from '../types.ts';

const ITEM_COLOR = { pending: 'processing', paid: 'success', failed: 'error' } as const;

function Batch({ id, canConfirm }: { id: string; canConfirm: boolean }) {
  const dt = useDt();
  const money = useMoney();
  const batch = useDeliveryApi<{ batch: PayoutBatch }>(`/payouts/${encodeURIComponent(id)}`);
  // Demo mode: the server offers the bank's confirmation of this batch (every line paid) to upload below.
  const demo = useDeliveryApi<{ demo: true }>(canConfirm ? '/demo' : null).data?.demo === true;
  const { run, pending } = useAction();
  const [result, setResult] = useState<{ paid: number; failed: number }>();
  async function confirm(file: File) {
    const form = new FormData();
    form.append('file', file, file.name);
    const answer = await run((key) => apiFetch<{ batch: PayoutBatch; paid: number | unknown[]; failed: number | unknown[] }>(`/payouts/${encodeURIComponent(id)}/confirmation`, { method: 'POST', body: form, idempotencyKey: key }));
    if (answer) {
      const count = (n: number | unknown[]) => (Array.isArray(n) ? n.length : n);
      setResult({ paid: count(answer.paid), failed: count(answer.failed) });
      batch.reload();
    }
  }
  return (
    <Loaded state={batch}>{({ batch: b }) => (
      <>
        <PageTitle testId="batch-title">{dt('pay.batch', { id: b.id })}</PageTitle>
        <div className="page-subtitle"><Link to="/finance/payouts">{dt('pay.title')}</Link></div>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} data-testid="batch-summary">
          <Descriptions.Item label={dt('common.status')}><span data-testid="batch-status">{dt(`pay.batch.${b.status}` as DeliveryKey)}</span></Descriptions.Item>
          <Descriptions.Item label={dt('pay.count')}>{b.item_count}</Descriptions.Item>
          <Descriptions.Item label={dt('pay.total')}><b data-testid="batch-total">{money(b.total_yuan)}</b></Descriptions.Item>
          <Descriptions.Item label={dt('common.at')}>{formatTime(b.created_at)} · {b.created_by}</Descriptions.Item>
        </Descriptions>
        <Card size="small" style={{ margin: '16px 0' }}>
          <p><a href={downloadUrl(`/payouts/${encodeURIComponent(b.id)}/treasury.xlsx`)} download data-testid="batch-treasury">{dt('pay.treasury')}</a></p>
          {canConfirm && demo && b.status !== 'settled' && (
            <p><a href={downloadUrl(`/demo/payouts/${encodeURIComponent(b.id)}/bank-confirmation.csv`)} download data-testid="batch-demo-confirmation">{dt('pay.demoConfirmation')}</a></p>
          )}
          {canConfirm && (
            <Upload accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" showUploadList={false} beforeUpload={(file) => { void confirm(file); return false; }}>
              <Button type="primary" loading={pending} data-testid="batch-confirm">{dt('pay.confirm')}</Button>
            </Upload>
          )}
          {result && <Alert style={{ marginTop: 12 }} type={result.failed ? 'warning' : 'success'} showIcon title={dt('pay.confirmResult', result)} data-testid="batch-confirm-result" />}
        </Card>
        <Table
          size="small"
          rowKey="application_id"
          dataSource={b.items}
          pagination={false}
          scroll={{ x: true }}
          data-testid="batch-items"
          onRow={(item) => ({ 'data-testid': 'batch-item', 'data-status': item.status } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: '#', width: 50, render: (_, __, i) => i + 1 },
            { title: dt('common.beneficiary'), render: (_, item) => <>{item.beneficiary_name}<div className="mono muted">{item.credit_code}</div></> },
            { title: dt('pay.bank'), render: (_, item) => item.bank_name ?? '—' },
            { title: dt('pay.account'), render: (_, item) => <span className="mono">{item.bank_account ?? '—'}</span> },
            { title: dt('common.amount'), align: 'right', render: (_, item) => money(item.amount_yuan) },
            { title: dt('common.status'), render: (_, item) => <Tag color={ITEM_COLOR[item.status]}>{dt(`pay.item.${item.status}` as DeliveryKey)}</Tag> },
            { title: dt('pay.reference'), render: (_, item) => item.bank_reference ?? '' },
          ]}
        />
      </>
    )}</Loaded>
  );
}

export function BatchPage() {
  const { id = '' } = useParams();
  const dt = useDt();
  useDocumentTitle(dt('pay.title'));
  return <RequireRole roles={['finance', 'auditor']}>{(me) => <div data-testid="batch-page"><Batch id={id} canConfirm={me.role === 'finance'} /></div>}</RequireRole>;
}
