// /me/entitlements/:id: one award offered without application (免申即享) — the amount, why clause by clause
// (the calculator's trace), the official list it comes from; the enterprise confirms with its bank account
// (prefilled from its profile) and the 信用承诺, or declines with a reason.
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, Modal, Row, Space, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { TraceView } from '../../calculator/TraceView.tsx';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { formatTime, PageTitle, RequireRole, useMoney } from '../common.tsx';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import { useEt } from './messages.ts';
import type { EntitlementDetail } from './types.ts';

interface ConfirmValues { bank_name: string; bank_account: string; contact_email?: string; pledge: boolean }

function ConfirmForm({ detail, onDone }: { detail: EntitlementDetail; onDone: () => void }) {
  const et = useEt();
  const { run, pending } = useAction();
  async function confirm(values: ConfirmValues) {
    const body = { bank_name: values.bank_name, bank_account: values.bank_account, contact_email: values.contact_email?.trim() || null, pledge: values.pledge === true };
    if ((await run(() => apiFetch(`/entitlements/${detail.id}/confirm`, { body }), et('ent.confirmed'))) !== undefined) onDone();
  }
  return (
    <Form<ConfirmValues> layout="vertical" onFinish={confirm} data-testid="entitlement-form"
      initialValues={{ bank_name: detail.bank_name ?? '', bank_account: detail.bank_account ?? '', contact_email: detail.contact_email ?? '', pledge: false }}>
      <Form.Item name="bank_name" label={et('ent.bankName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} data-testid="entitlement-bank-name" /></Form.Item>
      <Form.Item name="bank_account" label={et('ent.bankAccount')} rules={[{ required: true, pattern: /^[\d\s]{8,40}$/ }]}><Input maxLength={40} data-testid="entitlement-bank-account" /></Form.Item>
      <Form.Item name="contact_email" label={et('ent.email')} rules={[{ type: 'email' }]}><Input maxLength={254} data-testid="entitlement-email" /></Form.Item>
      <Card size="small" title={et('ent.pledge')} style={{ marginBottom: 12 }}><p data-testid="entitlement-pledge-text" lang="zh-CN">{detail.pledge_text}</p></Card>
      <Form.Item name="pledge" valuePropName="checked" rules={[{ validator: (_r, v) => (v === true ? Promise.resolve() : Promise.reject(new Error(et('ent.pledgeRequired')))) }]}>
        <Checkbox data-testid="entitlement-pledge">{et('ent.pledgeAccept')}</Checkbox>
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={pending} data-testid="entitlement-confirm">{et('ent.confirm')}</Button>
        <DeclineButton id={detail.id} onDone={onDone} />
      </Space>
    </Form>
  );
}

function DeclineButton({ id, onDone }: { id: string; onDone: () => void }) {
  const et = useEt();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  async function decline() {
    if ((await run(() => apiFetch(`/entitlements/${id}/decline`, { body: { reason: reason.trim() } }), et('ent.declined'))) !== undefined) {
      setOpen(false);
      onDone();
    }
  }
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="entitlement-decline">{et('ent.decline')}</Button>
      <Modal title={et('ent.declineReason')} open={open} onCancel={() => setOpen(false)} onOk={() => void decline()} okButtonProps={{ disabled: !reason.trim(), loading: pending }}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="entitlement-decline-reason" />
      </Modal>
    </>
  );
}

export function EntitlementSummary({ detail }: { detail: EntitlementDetail }) {
  const et = useEt();
  const money = useMoney();
  return (
    <Descriptions size="small" column={1} bordered data-testid="entitlement-summary">
      <Descriptions.Item label={et('ent.amount')}><span className="amount" data-testid="entitlement-detail-amount">{money(detail.amount_yuan, detail.amount_kind)}</span></Descriptions.Item>
      <Descriptions.Item label={et('ent.evidence')}>
        <span data-testid="entitlement-origin">{et('ent.origin', { file: detail.import.file_name, date: detail.import.imported_at.slice(0, 10) })}</span>
        <div className="muted">{detail.import.title} · {detail.import.id} · {et('ent.importedBy')} {detail.import.imported_by} · {formatTime(detail.import.imported_at)}</div>
      </Descriptions.Item>
      {detail.reason && <Descriptions.Item label={et('ent.reason')}>{detail.reason}</Descriptions.Item>}
    </Descriptions>
  );
}

function Entitlement({ id }: { id: string }) {
  const et = useEt();
  const { pick } = useI18n();
  const detail = useDeliveryApi<EntitlementDetail>(`/entitlements/${encodeURIComponent(id)}`);
  return (
    <Loaded state={detail}>{(d) => (
      <>
        <PageTitle testId="entitlement-title">{pick(d.provision_title)} <Tag data-testid="entitlement-status" data-status={d.status}>{et(`ent.status.${d.status}`)}</Tag></PageTitle>
        <div className="page-subtitle"><Link to="/me">{et('ent.section')}</Link> · {d.beneficiary_name}</div>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <EntitlementSummary detail={d} />
            <Card size="small" title={et('ent.why')} style={{ marginTop: 16 }}>{d.result ? <TraceView result={d.result} /> : <div className="muted">—</div>}</Card>
          </Col>
          <Col xs={24} lg={10}>
            {d.status === 'offered' && <Card size="small" title={et('ent.confirm')}><ConfirmForm detail={d} onDone={detail.reload} /></Card>}
            {d.application_id && (
              <Alert type="success" showIcon data-testid="entitlement-confirmed" title={et('ent.confirmed')}
                description={<Link to={`/me/applications/${d.application_id}`} data-testid="entitlement-case">{et('ent.case')}</Link>} />
            )}
          </Col>
        </Row>
      </>
    )}</Loaded>
  );
}

export function EntitlementPage() {
  const { id = '' } = useParams();
  const et = useEt();
  useDocumentTitle(et('ent.title'));
  return <RequireRole roles={['enterprise']}>{() => <div data-testid="entitlement-page"><Entitlement id={id} /></div>}</RequireRole>;
}
