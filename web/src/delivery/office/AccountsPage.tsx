// 账号管理 for the administrator: every account with its state, a form that creates one (reviewers name
// their department, enterprise users their registered beneficiary; finance and admin accounts get a TOTP
// secret, shown once), and disable / enable / unlock.
import { useState, type HTMLAttributes } from 'react';
import { Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { PageTitle, RequireRole, formatTime } from '../common.tsx';
import { useDt, type DeliveryKey } from '../messages.ts';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import type { Role } from '../types.ts';
import { useOt } from './messages.ts';
import type { AdminAccount } from './types.ts';

const ROLES: Role[] = ['enterprise', 'reviewer', 'finance', 'policy', 'auditor', 'admin', 'leader'];

interface CreateForm { username: string; display_name: string; role: Role; password: string; department?: string; credit_code?: string }
interface Created { account: AdminAccount; totp?: { secret: string; otpauth_url: string } }

function CreateAccount({ onCreated }: { onCreated: () => void }) {
  const ot = useOt();
  const dt = useDt();
  const { run, pending } = useAction();
  const [form] = Form.useForm<CreateForm>();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<Created['totp'] | null>(null);
  const role = Form.useWatch('role', form);
  async function create(values: CreateForm) {
    const body = {
      username: values.username, display_name: values.display_name, role: values.role, password: values.password,
      ...(values.role === 'reviewer' ? { department: values.department } : {}),
      ...(values.role === 'enterprise' ? { credit_code: values.credit_code } : {}),
    };
    const created = await run(() => apiFetch<Created>('/accounts', { body }), ot('acc.createdOk'));
    if (!created) return;
    form.resetFields();
    setOpen(false);
    if (created.totp) setSecret(created.totp);
    onCreated();
  }
  const required = { required: true, whitespace: true, message: ot('par.required') };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="account-create">{ot('acc.create')}</Button>
      <Modal open={open} title={ot('acc.create')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)} initialValues={{ role: 'reviewer' }} data-testid="account-form">
          <Form.Item name="username" label={ot('acc.username')} rules={[required]}><Input autoComplete="off" data-testid="account-username" /></Form.Item>
          <Form.Item name="display_name" label={ot('acc.displayName')} rules={[required]}><Input data-testid="account-display-name" /></Form.Item>
          <Form.Item name="role" label={ot('acc.role')} rules={[{ required: true }]}>
            <Select options={ROLES.map((r) => ({ value: r, label: dt(`role.${r}` as DeliveryKey) }))} data-testid="account-role" />
          </Form.Item>
          {role === 'reviewer' && (
            <Form.Item name="department" label={ot('acc.department')} rules={[required]}><Input placeholder="科技局" data-testid="account-department" /></Form.Item>
          )}
          {role === 'enterprise' && (
            <Form.Item name="credit_code" label={ot('acc.creditCode')} rules={[required]}><Input placeholder="91330108MA2AY1234G" className="mono" data-testid="account-credit-code" /></Form.Item>
          )}
          <Form.Item name="password" label={ot('acc.password')} rules={[{ required: true, min: 12, message: ot('acc.password') }]}>
            <Input.Password autoComplete="new-password" data-testid="account-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={pending} data-testid="account-submit">{dt('common.submit')}</Button>
            <Button onClick={() => setOpen(false)}>{dt('common.cancel')}</Button>
          </Space>
        </Form>
      </Modal>
      <Modal open={secret !== null} title={ot('acc.totpSecret')} onCancel={() => setSecret(null)} onOk={() => setSecret(null)} okText={ot('common.close')} cancelButtonProps={{ style: { display: 'none' } }}>
        {secret && (
          <div data-testid="account-totp">
            <Typography.Paragraph copyable className="mono">{secret.secret}</Typography.Paragraph>
            <Typography.Paragraph copyable className="mono muted" style={{ wordBreak: 'break-all' }}>{secret.otpauth_url}</Typography.Paragraph>
          </div>
        )}
      </Modal>
    </>
  );
}

function AccountActions({ account, onChange }: { account: AdminAccount; onChange: () => void }) {
  const ot = useOt();
  const { run, pending } = useAction();
  const change = async (what: 'disable' | 'enable' | 'unlock') => {
    const done = await run(() => apiFetch(`/accounts/${encodeURIComponent(account.id)}/${what}`, { method: 'POST' }), ot('acc.done'));
    if (done !== undefined) onChange();
  };
  const locked = account.locked_until !== null && account.locked_until > new Date().toISOString();
  return (
    <Space>
      {account.disabled
        ? <Button size="small" loading={pending} onClick={() => void change('enable')} data-testid="account-enable">{ot('acc.enable')}</Button>
        : (
          <Popconfirm title={ot('acc.confirmDisable')} onConfirm={() => void change('disable')}>
            <Button size="small" danger loading={pending} data-testid="account-disable">{ot('acc.disable')}</Button>
          </Popconfirm>
        )}
      {locked && <Button size="small" loading={pending} onClick={() => void change('unlock')} data-testid="account-unlock">{ot('acc.unlock')}</Button>}
    </Space>
  );
}

function Accounts() {
  const ot = useOt();
  const dt = useDt();
  const accounts = useDeliveryApi<{ accounts: AdminAccount[] }>('/accounts');
  const now = new Date().toISOString();
  return (
    <>
      <div style={{ marginBottom: 12 }}><CreateAccount onCreated={accounts.reload} /></div>
      <Loaded state={accounts}>{(data) => (
        <Table
          size="small"
          rowKey="id"
          dataSource={data.accounts}
          scroll={{ x: true }}
          data-testid="accounts-table"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={(a) => ({ 'data-testid': 'account-row', 'data-username': a.username } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: ot('acc.username'), render: (_, a) => <><span className="mono">{a.username}</span><div className="muted">{a.display_name}</div></> },
            { title: ot('acc.role'), render: (_, a) => <>{dt(`role.${a.role}` as DeliveryKey)}{a.department && <div className="muted">{a.department}</div>}{a.credit_code && <div className="muted mono">{a.credit_code}</div>}</> },
            {
              title: ot('acc.state'),
              render: (_, a) => (
                <Space wrap data-testid="account-state">
                  {a.disabled ? <Tag color="default">{ot('acc.disabled')}</Tag> : <Tag color="success">{ot('acc.active')}</Tag>}
                  {a.locked_until !== null && a.locked_until > now && <Tag color="error">{ot('acc.locked', { until: formatTime(a.locked_until) })}</Tag>}
                </Space>
              ),
            },
            { title: ot('acc.totp'), render: (_, a) => (a.totp_enabled ? <Tag color="blue">TOTP</Tag> : '—') },
            { title: ot('acc.created'), render: (_, a) => formatTime(a.created_at) },
            { title: dt('common.actions'), render: (_, a) => <AccountActions account={a} onChange={accounts.reload} /> },
          ]}
        />
      )}</Loaded>
    </>
  );
}

export function AccountsPage() {
  const ot = useOt();
  useDocumentTitle(ot('acc.title'));
  return (
    <RequireRole roles={['admin']}>{() => (
      <div data-testid="accounts-page">
        <PageTitle testId="accounts-title">{ot('acc.title')}</PageTitle>
        <Accounts />
      </div>
    )}</RequireRole>
  );
}
