// One public notice: the list, its period, the XLSX download, and the objection form (anonymous ok).
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { formatTime } from '../common.tsx';
import { useDt } from '../messages.ts';
import { apiFetch, downloadUrl, useAction, useDeliveryApi } from '../session.tsx';
import { titleText, type Notice } from '../types.ts';
import { NoticeItems } from './NoticeItems.tsx';

interface ObjectionForm {
  application_id: string;
  objector: string;
  contact?: string;
  text: string;
}

function Objection({ notice }: { notice: Notice }) {
  const dt = useDt();
  const { isEn } = useI18n();
  const { run, pending } = useAction();
  const [sent, setSent] = useState(false);
  const [form] = Form.useForm<ObjectionForm>();
  async function send(values: ObjectionForm) {
    const body = { ...values, contact: values.contact?.trim() || undefined };
    const done = await run(() => apiFetch(`/notices/${notice.id}/objections`, { body }));
    if (done !== undefined) {
      setSent(true);
      form.resetFields();
    }
  }
  if (sent) return <Alert type="success" showIcon title={dt('notices.objectionSent')} data-testid="objection-sent" />;
  return (
    <Form form={form} layout="vertical" onFinish={send} data-testid="objection-form">
      <Form.Item name="application_id" label={dt('notices.objectFor')} rules={[{ required: true }]}>
        <Select options={notice.items.map((i) => ({ value: i.application_id, label: `${i.beneficiary_name} · ${i.catalogue} ${titleText(i.provision_title, isEn)}` }))} />
      </Form.Item>
      <Form.Item name="objector" label={dt('notices.objector')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
      <Form.Item name="contact" label={dt('notices.contact')}><Input maxLength={100} /></Form.Item>
      <Form.Item name="text" label={dt('notices.text')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      <Button htmlType="submit" loading={pending}>{dt('notices.object')}</Button>
    </Form>
  );
}

export function NoticePage() {
  const { id = '' } = useParams();
  const dt = useDt();
  const notice = useDeliveryApi<{ notice: Notice }>(`/notices/${encodeURIComponent(id)}`);
  useDocumentTitle(notice.data?.notice.title ?? dt('notices.title'));
  const today = new Date().toISOString().slice(0, 10);
  return (
    <div data-testid="notice-page">
      <Loaded state={notice}>{({ notice: n }) => (
        <>
          <h1 className="page-title" data-testid="notice-title">{n.title}</h1>
          <div className="page-subtitle"><Link to="/notices">{dt('notices.title')}</Link> · {n.department} · {dt('notices.published')} {formatTime(n.published_at)}</div>
          <p>{dt('notices.period')}：<b data-testid="notice-period">{n.starts_on} — {n.ends_on}</b></p>
          <p><a href={downloadUrl(`/notices/${n.id}/xlsx`)} download data-testid="notice-xlsx">{dt('notices.xlsx')}</a></p>
          <NoticeItems notice={n} />
          {today <= n.ends_on && (
            <Card size="small" title={dt('notices.object')} style={{ marginTop: 16, maxWidth: 640 }}><Objection notice={n} /></Card>
          )}
        </>
      )}</Loaded>
    </div>
  );
}
