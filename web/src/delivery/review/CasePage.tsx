// The reviewer's case: the calculation's reasons (TraceView) beside the evidence, then approve (granted
// amount at most the calculated one, by default equal), return or reject with a reason.
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Modal, Row, Space, Tag, type ButtonProps } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { TraceView } from '../../calculator/TraceView.tsx';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { CaseFacts, DecisionCard, decisionResult, useProvision } from '../CaseParts.tsx';
import { ApplicationSteps, EventTimeline, EvidenceList, PageTitle, RequireRole, useMoney } from '../common.tsx';
import { useDt } from '../messages.ts';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import { CaseOrigin } from '../entitlements/CaseOrigin.tsx';
import type { Application, ApplicationDetail } from '../types.ts';

function ApproveForm({ application, onDone }: { application: Application; onDone: () => void }) {
  const dt = useDt();
  const money = useMoney();
  const { run, pending } = useAction();
  const max = application.engine_amount_yuan ?? 0;
  const [form] = Form.useForm<{ granted_yuan: number; note?: string }>();
  const granted = Form.useWatch('granted_yuan', form);
  async function approve(values: { granted_yuan: number; note?: string }) {
    const body = { granted_yuan: values.granted_yuan, note: values.note?.trim() || undefined, expected_version: application.version };
    const done = await run((key) => apiFetch(`/applications/${application.id}/approve`, { body, idempotencyKey: key }), dt('status.approved'));
    if (done !== undefined) onDone();
  }
  return (
    <Form form={form} layout="vertical" initialValues={{ granted_yuan: max }} onFinish={approve} data-testid="approve-form">
      <Form.Item name="granted_yuan" label={dt('review.granted')} extra={dt('review.grantedHint', { max: money(max) })} rules={[{ required: true }]}>
        <InputNumber min={0} max={max} precision={0} style={{ width: 220 }} data-testid="approve-granted" />
      </Form.Item>
      <Form.Item name="note" label={dt('common.note')} rules={[{ required: granted !== undefined && granted !== null && granted < max, message: dt('review.reasonRequired') }]}>
        <Input.TextArea rows={2} maxLength={500} data-testid="approve-note" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} data-testid="approve-submit">{dt('review.approve')}</Button>
    </Form>
  );
}

/** Return or reject: both need a reason. */
function ReasonButton({ application, action, onDone }: { application: Application; action: 'return' | 'reject'; onDone: () => void }) {
  const dt = useDt();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const label = dt(action === 'return' ? 'review.return' : 'review.reject');
  async function confirm() {
    const done = await run(() => apiFetch(`/applications/${application.id}/${action}`, { body: { reason: reason.trim() } }), label);
    if (done !== undefined) {
      setOpen(false);
      onDone();
    }
  }
  return (
    <>
      <Button danger={action === 'reject'} onClick={() => setOpen(true)} data-testid={`case-${action}`}>{label}</Button>
      <Modal title={label} open={open} onCancel={() => setOpen(false)} onOk={() => void confirm()} okButtonProps={{ disabled: !reason.trim(), loading: pending, 'data-testid': `case-${action}-ok` } as ButtonProps}>
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={dt('common.reason')} data-testid={`case-${action}-reason`} />
      </Modal>
    </>
  );
}

function Case({ id }: { id: string }) {
  const dt = useDt();
  const { pick } = useI18n();
  const detail = useDeliveryApi<ApplicationDetail>(`/applications/${encodeURIComponent(id)}`);
  const provision = useProvision(detail.data?.application.provision);
  return (
    <Loaded state={detail}>{({ application: a, events, decisions, evidence, origin }) => {
      const latest = decisions[decisions.length - 1];
      return (
        <>
          <PageTitle testId="case-title"><Tag>{a.catalogue}</Tag>{pick(a.provision_title)}</PageTitle>
          <div className="page-subtitle"><Link to="/review">{dt('review.title')}</Link> · {a.id}</div>
          <Card size="small" style={{ marginBottom: 16 }}><ApplicationSteps application={a} /></Card>
          {origin && <CaseOrigin origin={origin} />}
          <CaseFacts application={a} />
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={14}>
              <Card size="small" title={dt('review.trace')} data-testid="case-trace">
                {latest ? <TraceView result={decisionResult(latest, a, provision.data)} /> : <div className="muted">{dt('common.none')}</div>}
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={dt('review.evidence')} data-testid="case-evidence"><EvidenceList evidence={evidence} /></Card>
              {a.status === 'submitted' && (
                <Card size="small" title={dt('review.approve')} style={{ marginTop: 16 }}>
                  <ApproveForm application={a} onDone={detail.reload} />
                  <Space wrap style={{ marginTop: 16 }}>
                    <ReasonButton application={a} action="return" onDone={detail.reload} />
                    <ReasonButton application={a} action="reject" onDone={detail.reload} />
                  </Space>
                </Card>
              )}
              {a.status === 'approved' && <Alert style={{ marginTop: 16 }} type="info" showIcon title={<Link to="/review/notices">{dt('rn.publish')}</Link>} />}
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}><h2 className="section-title">{dt('app.timeline')}</h2><EventTimeline events={events} /></Col>
            <Col xs={24} lg={12}>
              <h2 className="section-title">{dt('app.decisions')}</h2>
              {[...decisions].reverse().map((d) => <DecisionCard key={`${d.stage}-${d.at}`} decision={d} application={a} provision={provision.data} />)}
            </Col>
          </Row>
        </>
      );
    }}</Loaded>
  );
}

export function CasePage() {
  const { id = '' } = useParams();
  const dt = useDt();
  useDocumentTitle(dt('review.title'));
  return <RequireRole roles={['reviewer']}>{() => <div data-testid="case-page"><Case id={id} /></div>}</RequireRole>;
}
