// 政策版本 (/editions): the editions of the edition in force, and — for the policy office — the form that
// drafts one: id, title, period, and the parameters to change with their new values.
import { Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Space, Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';
import { PageTitle, RequireRole } from '../delivery/common.tsx';
import { apiFetch, useAction, useDeliveryApi } from '../delivery/session.tsx';
import { useEt } from './messages.ts';
import type { Edition, Parameter } from './types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function StatusTag({ status }: { status: Edition['status'] }) {
  const et = useEt();
  return status === 'published' ? <Tag color="success" data-testid="edition-status" data-status={status}>{et('ed.published')}</Tag>
    : <Tag color="processing" data-testid="edition-status" data-status={status}>{et('ed.draft')}</Tag>;
}

interface DraftForm { id: string; title: string; from: string; to: string; changes: { parameter: string; value: number }[] }

function DraftEdition() {
  const et = useEt();
  const { pick } = useI18n();
  const navigate = useNavigate();
  const { run, pending } = useAction();
  const [form] = Form.useForm<DraftForm>();
  const parameters = useDeliveryApi<{ parameters: Parameter[] }>('/parameters');
  async function save(values: DraftForm) {
    const body = {
      id: values.id, title: values.title, period: { from: values.from, to: values.to },
      reform: Object.fromEntries((values.changes ?? []).map((c) => [c.parameter, c.value])),
    };
    const done = await run(() => apiFetch<{ edition: Edition }>('/editions', { body }), et('ed.created'));
    if (done) navigate(`/editions/${encodeURIComponent(done.edition.id)}`);
  }
  const dateRule = { pattern: DATE, message: et('ed.dateFormat') };
  const required = { required: true, message: et('ed.required') };
  return (
    <Card title={et('ed.create')} data-testid="edition-form-card">
      <Loaded state={parameters} rows={4}>{(data) => {
        const current = (id: string | undefined) => data.parameters.find((p) => p.id === id);
        return (
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="edition-form"
            initialValues={{ from: '2025-07-01', to: '2025-12-31', changes: [{}] }}>
            <Row gutter={12}>
              <Col xs={24} md={8}><Form.Item name="id" label={et('ed.id')} rules={[required]}><Input placeholder={et('ed.idHint')} data-testid="edition-id" /></Form.Item></Col>
              <Col xs={24} md={16}><Form.Item name="title" label={et('ed.name')} rules={[{ ...required, whitespace: true }]}><Input placeholder={et('ed.titleHint')} maxLength={200} data-testid="edition-title" /></Form.Item></Col>
              <Col xs={12} md={6}><Form.Item name="from" label={et('ed.from')} rules={[required, dateRule]}><Input data-testid="edition-from" /></Form.Item></Col>
              <Col xs={12} md={6}><Form.Item name="to" label={et('ed.to')} rules={[required, dateRule]}><Input data-testid="edition-to" /></Form.Item></Col>
            </Row>
            <h3 className="section-title">{et('ed.parameters')}</h3>
            <Form.List name="changes">{(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row gutter={12} key={field.key} data-testid="edition-change">
                    <Col xs={24} md={12}>
                      <Form.Item name={[field.name, 'parameter']} rules={[required]}>
                        <Select showSearch optionFilterProp="label" placeholder={et('ed.pickParameter')} data-testid="edition-parameter"
                          options={data.parameters.map((p) => ({ value: p.id, label: `${pick(p.label)} · ${p.id}` }))} />
                      </Form.Item>
                    </Col>
                    <Col xs={14} md={6}>
                      <Form.Item name={[field.name, 'value']} rules={[required]}>
                        <InputNumber min={0} precision={0} style={{ width: '100%' }} placeholder={et('ed.newValue')} data-testid="edition-value" />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={6}>
                      <Form.Item shouldUpdate noStyle>{() => {
                        const p = current(form.getFieldValue(['changes', field.name, 'parameter']) as string | undefined);
                        return (
                          <Space>
                            <span className="muted" data-testid="edition-current">{p ? `${et('ed.current')} ${p.effective_value ?? et('ed.unset')}` : ''}</span>
                            {fields.length > 1 && <Button size="small" onClick={() => remove(field.name)}>{et('ed.remove')}</Button>}
                          </Space>
                        );
                      }}</Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button onClick={() => add({})} data-testid="edition-add-parameter">{et('ed.addParameter')}</Button>
              </>
            )}</Form.List>
            <div style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={pending} data-testid="edition-save">{et('ed.submit')}</Button>
            </div>
          </Form>
        );
      }}</Loaded>
    </Card>
  );
}

function EditionList() {
  const et = useEt();
  const list = useDeliveryApi<{ editions: Edition[] }>('/editions');
  return (
    <Loaded state={list}>{(data) => (
      <Table
        size="small" rowKey="id" dataSource={data.editions} data-testid="editions-table" pagination={false} locale={{ emptyText: et('ed.none') }}
        columns={[
          { title: et('ed.id'), render: (_, e) => <Link to={`/editions/${encodeURIComponent(e.id)}`} className="mono" data-testid="edition-link">{e.id}</Link> },
          { title: et('ed.name'), dataIndex: 'title' },
          { title: et('ed.period'), render: (_, e) => `${e.period.from} – ${e.period.to}` },
          { title: et('ed.changes'), render: (_, e) => Object.keys(e.reform).length },
          { title: et('ed.status'), render: (_, e) => <StatusTag status={e.status} /> },
        ]}
      />
    )}</Loaded>
  );
}

export function EditionsPage() {
  const et = useEt();
  useDocumentTitle(et('ed.title'));
  return (
    <RequireRole roles={['policy', 'finance', 'leader', 'auditor']}>{(me) => (
      <div data-testid="editions-page">
        <PageTitle testId="editions-title">{et('ed.title')}</PageTitle>
        <p className="muted">{et('ed.intro')}</p>
        <Flex vertical gap={16}>
          <Card title={et('ed.list')}><EditionList /></Card>
          {me.role === 'policy' && <DraftEdition />}
        </Flex>
      </div>
    )}</RequireRole>
  );
}
