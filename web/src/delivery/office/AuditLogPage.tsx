// 审计日志 for the auditor: the log newest first, filtered by subject / action / actor, paged by sequence
// number, each record's state before and after on demand; and the verification of the SM3 hash chain.
import { useState } from 'react';
import { Alert, Button, Form, Input, Space, Table } from 'antd';
import { ApiError } from '../../api.ts';
import { ErrorAlert, Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { PageTitle, RequireRole, formatTime } from '../common.tsx';
import { apiFetch, useDeliveryApi } from '../session.tsx';
import { useOt } from './messages.ts';
import type { AuditRecord, AuditVerification } from './types.ts';

interface Filters { subject?: string; action?: string; actor?: string }
const PAGE = 50;

function pathOf(filters: Filters, beforeSeq: number | null): string {
  const params = new URLSearchParams({ limit: String(PAGE) });
  for (const [key, value] of Object.entries(filters)) if (typeof value === 'string' && value.trim()) params.set(key, value.trim());
  if (beforeSeq !== null) params.set('before_seq', String(beforeSeq));
  return `/audit?${params.toString()}`;
}

const json = (value: unknown): string => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

function Verify() {
  const ot = useOt();
  const [state, setState] = useState<{ pending: boolean; result?: AuditVerification; error?: ApiError }>({ pending: false });
  async function verify() {
    setState({ pending: true });
    try {
      setState({ pending: false, result: await apiFetch<AuditVerification>('/audit/verify') });
    } catch (error) {
      setState({ pending: false, error: error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error)) });
    }
  }
  const r = state.result;
  return (
    <div style={{ marginBottom: 12 }}>
      <Button onClick={() => void verify()} loading={state.pending} data-testid="audit-verify">{ot('aud.verify')}</Button>
      {state.error && <ErrorAlert error={state.error} />}
      {r && (
        <Alert
          style={{ marginTop: 8 }}
          type={r.ok ? 'success' : 'error'}
          showIcon
          data-testid="audit-verify-result"
          data-ok={String(r.ok)}
          title={r.ok ? ot('aud.verifyOk', { n: r.records }) : ot('aud.verifyBad', { n: r.problems.length })}
          description={r.problems.length > 0 ? <ul>{r.problems.map((p) => <li key={`${p.seq}-${p.kind}`}>#{p.seq} {p.kind}: {p.message}</li>)}</ul> : undefined}
        />
      )}
    </div>
  );
}

function Log() {
  const ot = useOt();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  // The before_seq of each page shown so far: back goes one step up the stack.
  const [pages, setPages] = useState<(number | null)[]>([null]);
  const beforeSeq = pages[pages.length - 1] ?? null;
  const log = useDeliveryApi<{ records: AuditRecord[]; next_before_seq: number | null }>(pathOf(filters, beforeSeq));
  const apply = (values: Filters) => {
    setFilters(values);
    setPages([null]);
  };
  return (
    <>
      <Form form={form} layout="inline" onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }} data-testid="audit-filters">
        <Form.Item name="subject" label={ot('aud.subject')}><Input placeholder="application:…" allowClear data-testid="audit-subject" /></Form.Item>
        <Form.Item name="action" label={ot('aud.action')}><Input placeholder="parameter.set" allowClear data-testid="audit-action" /></Form.Item>
        <Form.Item name="actor" label={ot('aud.actor')}><Input placeholder="policy:zhengce" allowClear data-testid="audit-actor" /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">{ot('aud.search')}</Button>
          <Button onClick={() => { form.resetFields(); apply({}); }}>{ot('aud.clear')}</Button>
        </Space>
      </Form>
      <Loaded state={log}>{(data) => (
        <>
          <Table
            size="small"
            rowKey="seq"
            dataSource={data.records}
            pagination={false}
            scroll={{ x: true }}
            data-testid="audit-table"
            locale={{ emptyText: ot('aud.empty') }}
            expandable={{
              expandedRowRender: (r) => (
                <div className="audit-states">
                  <div><strong>{ot('aud.before')}</strong><pre className="mono">{json(r.before)}</pre></div>
                  <div><strong>{ot('aud.after')}</strong><pre className="mono">{json(r.after)}</pre></div>
                  <div className="muted mono">{ot('aud.hash')} {r.hash}</div>
                </div>
              ),
            }}
            columns={[
              { title: ot('aud.seq'), dataIndex: 'seq', width: 70 },
              { title: ot('aud.at'), render: (_, r) => formatTime(r.at), width: 150 },
              { title: ot('aud.actor'), dataIndex: 'actor' },
              { title: ot('aud.action'), dataIndex: 'action', render: (a: string) => <span className="mono">{a}</span> },
              { title: ot('aud.subject'), dataIndex: 'subject', render: (s: string) => <span className="mono">{s}</span> },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button disabled={pages.length <= 1} onClick={() => setPages((p) => p.slice(0, -1))} data-testid="audit-newer">{ot('aud.newer')}</Button>
            <Button disabled={data.next_before_seq === null} onClick={() => setPages((p) => [...p, data.next_before_seq])} data-testid="audit-older">{ot('aud.older')}</Button>
          </Space>
        </>
      )}</Loaded>
    </>
  );
}

export function AuditLogPage() {
  const ot = useOt();
  useDocumentTitle(ot('aud.title'));
  return (
    <RequireRole roles={['auditor']}>{() => (
      <div data-testid="audit-page">
        <PageTitle testId="audit-title">{ot('aud.title')}</PageTitle>
        <p className="muted">{ot('aud.intro')}</p>
        <Verify />
        <Log />
      </div>
    )}</RequireRole>
  );
}
