// 预算 for finance: each budget line with allocated / available / reserved / disbursed and a bar, and the
// reservations held by approved cases. Auditors and policy officers may read it too.
import { useState } from 'react';
import { Button, Card, Col, InputNumber, Progress, Row, Select, Space, Table, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { PageTitle, RequireRole, StatusTag, useMoney } from '../common.tsx';
import { useDt } from '../messages.ts';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import type { BudgetLine, Me, Reservation } from '../types.ts';

function Allocate({ line, onDone }: { line: BudgetLine; onDone: () => void }) {
  const dt = useDt();
  const { run, pending } = useAction();
  const [amount, setAmount] = useState<number | null>(null);
  async function allocate() {
    if (!amount) return;
    const done = await run((key) => apiFetch(`/budget/lines/${encodeURIComponent(line.id)}/allocate`, { body: { amount_yuan: amount }, idempotencyKey: key }), dt('fin.allocate'));
    if (done !== undefined) {
      setAmount(null);
      onDone();
    }
  }
  return (
    <Space.Compact>
      <InputNumber min={1} precision={0} value={amount} onChange={setAmount} placeholder={dt('common.yuan')} style={{ width: 160 }} />
      <Button onClick={() => void allocate()} loading={pending} disabled={!amount}>{dt('fin.allocate')}</Button>
    </Space.Compact>
  );
}

function LineCard({ line, canAllocate, onChange }: { line: BudgetLine; canAllocate: boolean; onChange: () => void }) {
  const dt = useDt();
  const money = useMoney();
  const total = Math.max(line.allocated_yuan, 1);
  const used = (n: number) => Math.round((n / total) * 1000) / 10;
  return (
    <Card size="small" className="item-card" data-testid="budget-line" data-id={line.id} title={<>{line.id} · {line.label}</>}>
      <Tooltip title={`${dt('fin.disbursed')} ${money(line.disbursed_yuan)} · ${dt('fin.reserved')} ${money(line.reserved_yuan)}`}>
        <Progress percent={used(line.disbursed_yuan + line.reserved_yuan)} success={{ percent: used(line.disbursed_yuan) }} showInfo={false} />
      </Tooltip>
      <Row gutter={8} className="ledger-figures">
        <Col span={12}>{dt('fin.allocated')}<div className="amount" data-testid="line-allocated">{money(line.allocated_yuan)}</div></Col>
        <Col span={12}>{dt('fin.available')}<div className="amount" data-testid="line-available">{money(line.available_yuan)}</div></Col>
        <Col span={12}>{dt('fin.reserved')}<div data-testid="line-reserved">{money(line.reserved_yuan)}</div></Col>
        <Col span={12}>{dt('fin.disbursed')}<div data-testid="line-disbursed">{money(line.disbursed_yuan)}</div></Col>
      </Row>
      {canAllocate && <div style={{ marginTop: 8 }}><Allocate line={line} onDone={onChange} /></div>}
    </Card>
  );
}

function Budget({ me }: { me: Me }) {
  const dt = useDt();
  const money = useMoney();
  const [year, setYear] = useState(2025);
  const lines = useDeliveryApi<{ lines: BudgetLine[] }>(`/budget/lines?year=${year}`);
  const reservations = useDeliveryApi<{ reservations: Reservation[] }>(me.role === 'policy' ? null : '/budget/reservations');
  const reload = () => {
    lines.reload();
    reservations.reload();
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {dt('common.year')}
        <Select value={year} onChange={setYear} style={{ width: 100 }} options={[2025, 2026, 2027].map((y) => ({ value: y, label: String(y) }))} />
        {me.role === 'finance' && <Link to="/finance/payouts">{dt('nav.payouts')} →</Link>}
      </Space>
      <Loaded state={lines}>{(data) => (
        <Row gutter={[12, 12]}>
          {data.lines.map((l) => <Col xs={24} md={12} xl={8} key={l.id}><LineCard line={l} canAllocate={me.role === 'finance'} onChange={reload} /></Col>)}
        </Row>
      )}</Loaded>
      {me.role !== 'policy' && (
        <>
          <h2 className="section-title">{dt('fin.reservations')}</h2>
          <Loaded state={reservations}>{(data) => (
            <Table
              size="small"
              rowKey="application_id"
              dataSource={data.reservations}
              scroll={{ x: true }}
              data-testid="reservations"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: dt('common.beneficiary'), dataIndex: 'beneficiary_name' },
                { title: dt('common.provision'), dataIndex: 'provision' },
                { title: dt('fin.line'), dataIndex: 'line' },
                { title: dt('fin.reserved'), align: 'right', render: (_, r) => money(r.reserved_yuan) },
                { title: dt('fin.disbursed'), align: 'right', render: (_, r) => money(r.disbursed_yuan) },
                { title: dt('common.status'), render: (_, r) => (r.status === 'unknown' ? r.status : <StatusTag status={r.status} />) },
              ]}
            />
          )}</Loaded>
        </>
      )}
    </>
  );
}

export function BudgetPage() {
  const dt = useDt();
  useDocumentTitle(dt('fin.title'));
  return (
    <RequireRole roles={['finance', 'auditor', 'policy']}>{(me) => (
      <div data-testid="finance-page">
        <PageTitle testId="finance-title">{dt('fin.title')}</PageTitle>
        <Budget me={me} />
      </div>
    )}</RequireRole>
  );
}
