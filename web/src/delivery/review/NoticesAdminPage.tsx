// 公示管理 for the reviewer: pick approved cases and publish a notice; watch the department's notices,
// resolve objections, and close a notice once its period has ended (cases without open objections → payable).
import { useState } from 'react';
import { Button, Card, Empty, Form, Input, InputNumber, Modal, Radio, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { formatTime, PageTitle, RequireRole } from '../common.tsx';
import { useDt } from '../messages.ts';
import { NoticeItems } from '../public/NoticeItems.tsx';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import type { Application, ApplicationDetail, Me, Notice, Objection } from '../types.ts';
import { ApplicationTable } from './InboxPage.tsx';

function Publish({ onPublished }: { onPublished: () => void }) {
  const dt = useDt();
  const approved = useDeliveryApi<{ applications: Application[] }>('/applications?status=approved');
  const [selected, setSelected] = useState<string[]>([]);
  const { run, pending } = useAction();
  async function publish(values: { title?: string; working_days?: number }) {
    const body = { application_ids: selected, title: values.title?.trim() || undefined, working_days: values.working_days ?? undefined };
    const done = await run(() => apiFetch<{ notice: Notice }>('/notices', { body }), dt('rn.publish'));
    if (done) {
      setSelected([]);
      approved.reload();
      onPublished();
    }
  }
  return (
    <Loaded state={approved}>{({ applications }) => (applications.length === 0 ? <Empty description={dt('common.none')} /> : (
      <>
        <ApplicationTable applications={applications} linkTo={(a) => `/review/${a.id}`} testId="approved-table" selection={{ selected, onChange: setSelected }} />
        <Form layout="inline" onFinish={publish} initialValues={{ working_days: 5 }} style={{ marginTop: 12, rowGap: 8 }} data-testid="publish-form">
          <Form.Item name="title" label={dt('rn.noticeTitle')}><Input style={{ width: 280 }} data-testid="publish-title" /></Form.Item>
          <Form.Item name="working_days" label={dt('rn.workingDays')}><InputNumber min={1} max={30} precision={0} /></Form.Item>
          <Button type="primary" htmlType="submit" disabled={selected.length === 0} loading={pending} data-testid="publish-submit">{dt('rn.publish')}（{selected.length}）</Button>
        </Form>
      </>
    ))}</Loaded>
  );
}

function ResolveButton({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const dt = useDt();
  const { run, pending } = useAction();
  const [open, setOpen] = useState(false);
  const [decision, setDecision] = useState<'upheld' | 'dismissed'>('dismissed');
  const [resolution, setResolution] = useState('');
  async function confirm() {
    const done = await run(() => apiFetch(`/objections/${objection.id}/resolve`, { body: { decision, resolution: resolution.trim() } }), dt('rn.resolve'));
    if (done !== undefined) {
      setOpen(false);
      onDone();
    }
  }
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="objection-resolve">{dt('rn.resolve')}</Button>
      <Modal title={dt('rn.resolve')} open={open} onCancel={() => setOpen(false)} onOk={() => void confirm()} okButtonProps={{ disabled: !resolution.trim(), loading: pending }}>
        <p>{objection.objector}：{objection.text}</p>
        <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as 'upheld' | 'dismissed')}>
          <Radio value="dismissed">{dt('rn.dismissed')}</Radio>
          <Radio value="upheld">{dt('rn.upheld')}</Radio>
        </Radio.Group>
        <Input.TextArea rows={3} style={{ marginTop: 12 }} value={resolution} onChange={(e) => setResolution(e.target.value)} placeholder={dt('rn.resolution')} />
      </Modal>
    </>
  );
}

/** The objections of one case of the notice (read from the case, which the reviewer may see). */
function CaseObjections({ applicationId, noticeId, onChange }: { applicationId: string; noticeId: string; onChange: () => void }) {
  const detail = useDeliveryApi<ApplicationDetail>(`/applications/${encodeURIComponent(applicationId)}`);
  const objections = (detail.data?.objections ?? []).filter((o) => !o.notice_id || o.notice_id === noticeId);
  if (objections.length === 0) return null;
  return (
    <ul className="objection-list">
      {objections.map((o) => (
        <li key={o.id} data-testid="objection" data-status={o.status}>
          <Tag color={o.status === 'open' ? 'orange' : 'default'}>{o.status}</Tag>
          {detail.data?.application.beneficiary_name} · {o.objector}：{o.text} <span className="muted">{formatTime(o.at)}</span>
          {o.resolution && <span> — {o.resolution}</span>}
          {o.status === 'open' && <> <ResolveButton objection={o} onDone={() => { detail.reload(); onChange(); }} /></>}
        </li>
      ))}
    </ul>
  );
}

function NoticeCard({ notice, demo, onChange }: { notice: Notice; demo: boolean; onChange: () => void }) {
  const dt = useDt();
  const { run, pending } = useAction();
  const close = () => void run(() => apiFetch(`/notices/${notice.id}/close`, { method: 'POST' }), dt('rn.close')).then((r) => r !== undefined && onChange());
  // Demo mode only: the server moves the period into the past (audited) so a visitor can go on to payout.
  const endPeriod = () => void run(() => apiFetch(`/demo/notices/${notice.id}/end-period`, { method: 'POST' }), dt('rn.demoEnd')).then((r) => r !== undefined && onChange());
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Card
      size="small"
      className="item-card"
      data-testid="dept-notice"
      data-id={notice.id}
      title={<Link to={`/notices/${notice.id}`}>{notice.title}</Link>}
      extra={<>
        {demo && notice.ends_on >= today && <Button size="small" type="dashed" onClick={endPeriod} loading={pending} data-testid="notice-demo-end" title={dt('rn.demoEndHint')}>{dt('rn.demoEnd')}</Button>}{' '}
        <Button size="small" onClick={close} loading={pending} data-testid="notice-close">{dt('rn.close')}</Button>
      </>}
    >
      <div className="muted">{dt('notices.period')} {notice.starts_on} — {notice.ends_on} · {dt('notices.openObjections')} {notice.open_objections}</div>
      <NoticeItems notice={notice} />
      {notice.items.map((i) => <CaseObjections key={i.application_id} applicationId={i.application_id} noticeId={notice.id} onChange={onChange} />)}
    </Card>
  );
}

function NoticesAdmin({ me }: { me: Me }) {
  const dt = useDt();
  const notices = useDeliveryApi<{ notices: Notice[] }>('/notices');
  const demo = useDeliveryApi<{ demo: true }>('/demo').data?.demo === true;
  return (
    <>
      <h2 className="section-title">{dt('rn.approved')}</h2>
      <Publish onPublished={notices.reload} />
      <h2 className="section-title">{dt('rn.open')}</h2>
      <Loaded state={notices}>{(data) => {
        const mine = data.notices.filter((n) => n.department === me.department);
        if (mine.length === 0) return <Empty description={dt('notices.none')} />;
        return <div className="stack">{mine.map((n) => <NoticeCard key={n.id} notice={n} demo={demo} onChange={notices.reload} />)}</div>;
      }}</Loaded>
    </>
  );
}

export function NoticesAdminPage() {
  const dt = useDt();
  useDocumentTitle(dt('rn.title'));
  return (
    <RequireRole roles={['reviewer']}>{(me) => (
      <div data-testid="review-notices-page">
        <PageTitle testId="review-notices-title">{dt('rn.title')} · {me.department}</PageTitle>
        <NoticesAdmin me={me} />
      </div>
    )}</RequireRole>
  );
}
