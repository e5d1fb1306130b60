// 参数设置 for the policy office: every parameter of the pack, those the text leaves unset first; selecting
// one shows its clause, the text's values, the settings so far, what a change reaches (provisions, cases,
// beneficiary profiles) and — for unset ones — the form that sets a value from a date, citing the document.
import { useState, type HTMLAttributes } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Row, Space, Switch, Table, Tag } from 'antd';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { PageTitle, RequireRole, formatTime } from '../common.tsx';
import { useDt, type DeliveryKey } from '../messages.ts';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import type { Me } from '../types.ts';
import { useOt, type Ot } from './messages.ts';
import type { Parameter, ParameterImpact } from './types.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function unitText(ot: Ot, p: Pick<Parameter, 'unit' | 'denominator'>): string {
  return p.unit === 'ratio' ? ot('unit.ratio', { d: p.denominator ?? 1 }) : ot(`unit.${p.unit}`);
}

function valueText(ot: Ot, p: Parameter, value: number | null): string {
  if (value === null) return ot('par.noValue');
  return p.unit === 'yuan' ? `${value.toLocaleString('zh-CN')} ${ot('unit.yuan')}` : p.unit === 'ratio' ? `${value}/${p.denominator ?? 1}` : `${value} ${unitText(ot, p)}`;
}

function StateTag({ parameter }: { parameter: Parameter }) {
  const ot = useOt();
  if (!parameter.unset) return <Tag data-testid="parameter-state" data-state="stated">{ot('par.stated')}</Tag>;
  if (parameter.effective_value === null) return <Tag color="warning" data-testid="parameter-state" data-state="unset">{ot('par.unset')}</Tag>;
  return <Tag color="success" data-testid="parameter-state" data-state="set">{ot('par.setByOffice')}</Tag>;
}

function Impact({ id }: { id: string }) {
  const ot = useOt();
  const dt = useDt();
  const { pick } = useI18n();
  const impact = useDeliveryApi<ParameterImpact>(`/parameters/${encodeURIComponent(id)}/impact`);
  return (
    <Loaded state={impact} rows={3}>{(data) => (
      <div data-testid="parameter-impact">
        <Alert
          type={data.cases.pending > 0 || (data.profiles_affected ?? 0) > 0 ? 'warning' : 'info'}
          showIcon
          title={ot('par.impactLine', { provisions: data.provisions.length, cases: data.cases.total, open: data.cases.open, pending: data.cases.pending })}
          description={data.profiles_affected !== undefined ? ot('par.profiles', { n: data.profiles_affected }) : undefined}
        />
        <ul className="impact-provisions">
          {data.provisions.map((p) => <li key={p.id}><Tag>{p.catalogue}</Tag>{pick(p.title)} <span className="muted mono">{p.id}</span></li>)}
        </ul>
        {data.cases.total > 0 && (
          <Space wrap>
            {ot('par.byStatus')}:
            {Object.entries(data.cases.by_status).map(([status, n]) => <Tag key={status}>{dt(`status.${status}` as DeliveryKey)} {n}</Tag>)}
          </Space>
        )}
      </div>
    )}</Loaded>
  );
}

interface SettingForm { value: number; effective_from: string; effective_to?: string; document: string }

function SetValue({ parameter, onSaved }: { parameter: Parameter; onSaved: () => void }) {
  const ot = useOt();
  const { run, pending } = useAction();
  const [form] = Form.useForm<SettingForm>();
  async function save(values: SettingForm) {
    const body = { value: values.value, effective_from: values.effective_from, document: values.document, ...(values.effective_to ? { effective_to: values.effective_to } : {}) };
    const done = await run(() => apiFetch(`/parameters/${encodeURIComponent(parameter.id)}/settings`, { body }), ot('par.saved'));
    if (done !== undefined) {
      form.resetFields();
      onSaved();
    }
  }
  const dateRule = { pattern: DATE, message: ot('par.dateFormat') };
  return (
    <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="parameter-form" initialValues={{ effective_from: '2025-01-01' }}>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="value" label={`${ot('par.formValue')}（${unitText(ot, parameter)}）`} rules={[{ required: true, message: ot('par.required') }]}>
            <InputNumber min={0} max={parameter.unit === 'percent' ? 100 : undefined} precision={0} style={{ width: '100%' }} data-testid="parameter-value" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="effective_from" label={ot('par.formFrom')} rules={[{ required: true, message: ot('par.required') }, dateRule]}>
            <Input placeholder="2025-01-01" data-testid="parameter-from" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="effective_to" label={ot('par.formTo')} rules={[dateRule]}>
            <Input placeholder="2025-12-31" data-testid="parameter-to" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="document" label={ot('par.formDocument')} rules={[{ required: true, whitespace: true, message: ot('par.required') }]}>
        <Input placeholder={ot('par.formDocumentHint')} maxLength={500} data-testid="parameter-document" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} data-testid="parameter-save">{ot('par.formSubmit')}</Button>
    </Form>
  );
}

function Detail({ parameter, me, onSaved }: { parameter: Parameter; me: Me; onSaved: () => void }) {
  const ot = useOt();
  const { pick } = useI18n();
  // The impact is reloaded with the parameter: a saved setting changes what is pending.
  const impactKey = `${parameter.id}:${parameter.settings.length}`;
  return (
    <Card title={<>{pick(parameter.label)} <StateTag parameter={parameter} /></>} data-testid="parameter-detail" data-id={parameter.id}>
      <Descriptions size="small" column={1} items={[
        { key: 'id', label: ot('par.id'), children: <span className="mono">{parameter.id}</span> },
        { key: 'quote', label: ot('par.quote'), children: <q lang="zh-CN" data-testid="parameter-quote">{parameter.quote}</q> },
        { key: 'unit', label: ot('par.unit'), children: unitText(ot, parameter) },
        { key: 'value', label: ot('par.value'), children: <strong data-testid="parameter-effective">{valueText(ot, parameter, parameter.effective_value)}</strong> },
      ]} />
      <h3 className="section-title">{ot('par.textValues')}</h3>
      <ul>
        {parameter.values.map((v) => (
          <li key={`${v.from}-${v.to ?? ''}`}>{v.from} – {v.to ?? ''}: <strong>{valueText(ot, parameter, v.value)}</strong> <span className="muted">{v.source}</span></li>
        ))}
      </ul>
      <h3 className="section-title">{ot('par.settings')}</h3>
      {parameter.settings.length === 0 ? <div className="muted">{ot('par.noSettings')}</div> : (
        <Table
          size="small" rowKey="id" pagination={false} dataSource={parameter.settings} data-testid="parameter-settings"
          columns={[
            { title: ot('par.period'), render: (_, s) => `${s.effective_from} – ${s.effective_to ?? ''}` },
            { title: ot('par.formValue'), render: (_, s) => valueText(ot, parameter, s.value) },
            { title: ot('par.source'), dataIndex: 'document' },
            { title: ot('par.setBy'), render: (_, s) => <>{s.set_by}<div className="muted">{formatTime(s.set_at)}</div></> },
          ]}
        />
      )}
      <h3 className="section-title">{ot('par.impact')}</h3>
      <Impact key={impactKey} id={parameter.id} />
      <h3 className="section-title">{ot('par.form')}</h3>
      {!parameter.unset ? <Alert type="info" showIcon title={ot('par.readOnly')} data-testid="parameter-stated" />
        : me.role !== 'policy' ? <Alert type="info" showIcon title={ot('par.auditorReadOnly')} />
          : <SetValue parameter={parameter} onSaved={onSaved} />}
    </Card>
  );
}

function Editor({ me }: { me: Me }) {
  const ot = useOt();
  const { pick } = useI18n();
  const [unsetOnly, setUnsetOnly] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const list = useDeliveryApi<{ parameters: Parameter[] }>(`/parameters${unsetOnly ? '?unset=true' : ''}`);
  return (
    <Loaded state={list}>{(data) => {
      const current = data.parameters.find((p) => p.id === selected);
      return (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Space style={{ marginBottom: 8 }}>
              <Switch checked={unsetOnly} onChange={setUnsetOnly} data-testid="parameters-unset-only" /> {ot('par.filterUnset')}
            </Space>
            <Table
              size="small"
              rowKey="id"
              dataSource={data.parameters}
              data-testid="parameters-table"
              scroll={{ x: true }}
              pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
              rowClassName={(p) => (p.id === selected ? 'ant-table-row-selected' : '')}
              onRow={(p) => ({ onClick: () => setSelected(p.id), style: { cursor: 'pointer' }, 'data-testid': 'parameter-row', 'data-id': p.id } as HTMLAttributes<HTMLElement>)}
              columns={[
                { title: ot('par.label'), render: (_, p) => <>{pick(p.label)}<div className="muted mono">{p.id}</div></> },
                { title: ot('par.state'), render: (_, p) => <StateTag parameter={p} /> },
                { title: ot('par.value'), render: (_, p) => valueText(ot, p, p.effective_value) },
                { title: ot('par.provisions'), align: 'right', render: (_, p) => p.provisions.length },
              ]}
            />
          </Col>
          <Col xs={24} xl={12}>
            {current ? <Detail parameter={current} me={me} onSaved={list.reload} /> : <Empty description={ot('par.select')} />}
          </Col>
        </Row>
      );
    }}</Loaded>
  );
}

export function ParameterEditorPage() {
  const ot = useOt();
  useDocumentTitle(ot('par.title'));
  return (
    <RequireRole roles={['policy', 'auditor']}>{(me) => (
      <div data-testid="parameters-page">
        <PageTitle testId="parameters-title">{ot('par.title')}</PageTitle>
        <p className="muted">{ot('par.intro')}</p>
        <Editor me={me} />
      </div>
    )}</RequireRole>
  );
}
