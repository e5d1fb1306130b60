// 申报详情 for the enterprise: where the case stands, its timeline, the calculations made of it, the
// evidence (upload while it can still change), submit and withdraw.
import { Button, Card, Col, Input, Popconfirm, Row, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { CaseFacts, DecisionCard, EvidenceUpload, useProvision } from '../CaseParts.tsx';
import { ApplicationSteps, EventTimeline, EvidenceList, formatTime, PageTitle, RequireRole } from '../common.tsx';
import { useDt } from '../messages.ts';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import type { ApplicationDetail } from '../types.ts';

function Detail({ id }: { id: string }) {
  const dt = useDt();
  const { pick } = useI18n();
  const detail = useDeliveryApi<ApplicationDetail>(`/applications/${encodeURIComponent(id)}`);
  const provision = useProvision(detail.data?.application.provision);
  const { run, pending } = useAction();
  const [reason, setReason] = useState('');
  return (
    <Loaded state={detail}>{({ application: a, events, decisions, evidence, objections }) => {
      const editable = a.status === 'draft' || a.status === 'returned';
      const withdrawable = editable || a.status === 'submitted';
      const act = (path: string, body: unknown, done: string) => void run(() => apiFetch(`/applications/${a.id}/${path}`, { body }), done).then((r) => r !== undefined && detail.reload());
      return (
        <>
          <PageTitle testId="application-title"><Tag>{a.catalogue}</Tag>{pick(a.provision_title)}</PageTitle>
          <div className="page-subtitle"><Link to="/me">{dt('nav.me')}</Link> · {a.id}</div>
          <Card size="small" style={{ marginBottom: 16 }}><ApplicationSteps application={a} /></Card>
          <CaseFacts application={a} />
          <Space wrap style={{ margin: '16px 0' }}>
            {editable && <Button type="primary" loading={pending} onClick={() => act('submit', { expected_version: a.version }, dt('status.submitted'))} data-testid="application-submit">{dt('app.submit')}</Button>}
            {withdrawable && (
              <Popconfirm
                title={dt('app.withdrawConfirm')}
                description={<Input placeholder={dt('common.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />}
                onConfirm={() => act('withdraw', reason.trim() ? { reason: reason.trim() } : {}, dt('status.withdrawn'))}
              >
                <Button danger loading={pending} data-testid="application-withdraw">{dt('app.withdraw')}</Button>
              </Popconfirm>
            )}
          </Space>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <h2 className="section-title">{dt('app.timeline')}</h2>
              <EventTimeline events={events} />
              <h2 className="section-title">{dt('app.evidence')}</h2>
              <EvidenceList evidence={evidence} />
              {editable && <div style={{ marginTop: 8 }}><EvidenceUpload applicationId={a.id} onUploaded={detail.reload} /></div>}
              {objections.length > 0 && (
                <>
                  <h2 className="section-title">{dt('app.objections')}</h2>
                  <ul data-testid="objections">{objections.map((o) => <li key={o.id}>{formatTime(o.at)} · {o.status} · {o.text}{o.resolution ? ` — ${o.resolution}` : ''}</li>)}</ul>
                </>
              )}
            </Col>
            <Col xs={24} lg={12}>
              <h2 className="section-title">{dt('app.decisions')}</h2>
              {decisions.length === 0 ? <div className="muted">{dt('common.none')}</div>
                : [...decisions].reverse().map((d, i) => <DecisionCard key={`${d.stage}-${d.at}`} decision={d} application={a} provision={provision.data} open={i === 0} />)}
            </Col>
          </Row>
        </>
      );
    }}</Loaded>
  );
}

export function ApplicationPage() {
  const { id = '' } = useParams();
  const dt = useDt();
  useDocumentTitle(dt('app.title'));
  return <RequireRole roles={['enterprise']}>{() => <div data-testid="application-page"><Detail id={id} /></div>}</RequireRole>;
}
