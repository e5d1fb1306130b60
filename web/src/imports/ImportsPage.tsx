// The list import wizard (名单导入, /imports): 1 choose the list and the mode, 2 upload the file (drag or pick),
// 3 the result with its row report; below, the past imports the account may see (open one to see its report).
// The API's refusals (400 bad field, 413 too large, 415 not XLSX/CSV, 403 not this department's list) are
// shown with their message.
import { useState } from 'react';
import { Alert, Button, Card, Radio, Space, Spin, Steps, Table, Upload } from 'antd';
import { ApiError } from '../api.ts';
import { Loaded } from '../components/Status.tsx';
import { formatTime, PageTitle, RequireRole } from '../delivery/common.tsx';
import { apiFetch, useDeliveryApi } from '../delivery/session.tsx';
import { ImportResultView } from './ImportResultView.tsx';
import { useIt } from './messages.ts';
import type { ImportMode, ImportResult, ImportSummary, ListKind } from './types.ts';

const KINDS: ListKind[] = ['high-tech-new-2025', 'credit-list'];
const MODES: ImportMode[] = ['all-or-nothing', 'skip-bad'];

function Wizard({ onImported, initialKind }: { onImported: () => void; initialKind: ListKind }) {
  const it = useIt();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ListKind>(initialKind);
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [result, setResult] = useState<ImportResult>();

  async function upload(file: File) {
    // kind and mode go before the file: the server reads the fields as they stream in.
    const form = new FormData();
    form.append('kind', kind);
    form.append('mode', mode);
    form.append('file', file, file.name);
    setBusy(true);
    setError(undefined);
    try {
      setResult(await apiFetch<ImportResult>('/imports', { method: 'POST', body: form }));
      setStep(2);
      onImported();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" data-testid="import-wizard">
      <Steps size="small" current={step} style={{ marginBottom: 16 }} items={[{ title: it('step.kind') }, { title: it('step.upload') }, { title: it('step.result') }]} />
      {step === 0 && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div>
            <h3>{it('kind')}</h3>
            <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ListKind)} data-testid="import-kind">
              <Space orientation="vertical">
                {KINDS.map((k) => (
                  <Radio key={k} value={k} data-testid={`kind-${k}`}>{it(`kind.${k}`)}<div className="muted">{it(`kind.${k}.help`)}</div></Radio>
                ))}
              </Space>
            </Radio.Group>
          </div>
          <div>
            <h3>{it('mode')}</h3>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as ImportMode)} data-testid="import-mode">
              <Space orientation="vertical">
                {MODES.map((m) => (
                  <Radio key={m} value={m} data-testid={`mode-${m}`}>{it(`mode.${m}`)}<div className="muted">{it(`mode.${m}.help`)}</div></Radio>
                ))}
              </Space>
            </Radio.Group>
          </div>
          <Button type="primary" onClick={() => setStep(1)} data-testid="import-next">{it('next')}</Button>
        </Space>
      )}
      {step === 1 && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div className="muted">{it(`kind.${kind}`)} · {it(`mode.${mode}`)}</div>
          <div data-testid="import-drop"><Spin spinning={busy} tip={it('uploading')}>
            <Upload.Dragger
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(file) => { void upload(file); return false; }}
            >
              <p>{it('drop')}</p>
              <p className="muted">{it('drop.help')}</p>
            </Upload.Dragger>
          </Spin></div>
          {error && <Alert type="error" showIcon title={it('error', { status: error.status })} description={error.message} data-testid="import-error" />}
          <Button onClick={() => setStep(0)} data-testid="import-back">{it('back')}</Button>
        </Space>
      )}
      {step === 2 && result && (
        <>
          <ImportResultView result={result} />
          <Button onClick={() => { setResult(undefined); setStep(0); }} data-testid="import-again">{it('again')}</Button>
        </>
      )}
    </Card>
  );
}

function PastImports({ imports, onOpen }: { imports: ImportSummary[]; onOpen: (id: string) => void }) {
  const it = useIt();
  return (
    <Table<ImportSummary>
      size="small"
      rowKey="id"
      data-testid="import-list"
      dataSource={imports}
      locale={{ emptyText: it('none') }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        { title: it('col.at'), dataIndex: 'imported_at', render: (v: string) => formatTime(v), width: 150 },
        { title: it('col.kind'), dataIndex: 'title' },
        { title: it('col.file'), dataIndex: 'file_name' },
        { title: it('status'), dataIndex: 'status', render: (s: ImportSummary['status']) => it(`status.${s}`) },
        { title: `${it('ok')} / ${it('bad')}`, render: (_: unknown, r) => `${r.rows_ok} / ${r.rows_bad}` },
        { title: it('col.by'), dataIndex: 'imported_by' },
        { title: '', render: (_: unknown, r) => <Button size="small" onClick={() => onOpen(r.id)} data-testid="import-open">{it('open')}</Button> },
      ]}
    />
  );
}

function OpenedImport({ id }: { id: string }) {
  const state = useDeliveryApi<ImportResult>(`/imports/${encodeURIComponent(id)}`);
  return <Loaded state={state}>{(result) => <ImportResultView result={result} />}</Loaded>;
}

export function ImportsPage() {
  const it = useIt();
  const list = useDeliveryApi<{ imports: ImportSummary[] }>('/imports');
  const [opened, setOpened] = useState<string>();
  return (
    <RequireRole roles={['reviewer', 'finance', 'admin']}>{(me) => (
      <>
        <PageTitle testId="imports-title">{it('title')}</PageTitle>
        <p className="page-subtitle">{it('intro')}</p>
        {/* Finance imports the credit list; reviewers (科技局) the recognitions. */}
        <Wizard onImported={list.reload} initialKind={me.role === 'finance' ? 'credit-list' : 'high-tech-new-2025'} />
        <h2 className="section-title" style={{ marginTop: 24 }}>{it('past')}</h2>
        <Loaded state={list}>{({ imports }) => <PastImports imports={imports} onOpen={setOpened} />}</Loaded>
        {opened && <Card size="small" style={{ marginTop: 16 }}><OpenedImport id={opened} /></Card>}
      </>
    )}</RequireRole>
  );
}
