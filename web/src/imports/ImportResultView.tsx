// The result of one import: status, counts, the replay note, the link to the entitlements it produced, and
// the row report (filterable to the bad rows, downloadable as CSV).
import { useState, type HTMLAttributes } from 'react';
import { Alert, Descriptions, Space, Switch, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { formatTime } from '../delivery/common.tsx';
import { downloadUrl } from '../delivery/session.tsx';
import { useIt } from './messages.ts';
import type { ImportResult, ReportRow } from './types.ts';

export function ImportResultView({ result }: { result: ImportResult }) {
  const it = useIt();
  const [errorsOnly, setErrorsOnly] = useState(false);
  const rows = errorsOnly ? result.report.filter((r) => r.status === 'error') : result.report;
  const id = encodeURIComponent(result.id);
  return (
    <section data-testid="import-result" data-status={result.status}>
      {result.replayed && <Alert type="info" showIcon title={it('replayed')} data-testid="import-replayed" style={{ marginBottom: 12 }} />}
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={it('status')}>
          <Tag color={result.status === 'applied' ? 'success' : 'error'} data-testid="import-status">{it(`status.${result.status}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={it('total')}><b data-testid="import-total">{result.rows_total}</b></Descriptions.Item>
        <Descriptions.Item label={it('ok')}><b data-testid="import-ok">{result.rows_ok}</b></Descriptions.Item>
        <Descriptions.Item label={it('bad')}><b data-testid="import-bad">{result.rows_bad}</b></Descriptions.Item>
        <Descriptions.Item label={it('col.kind')}>{result.title}</Descriptions.Item>
        <Descriptions.Item label={it('mode')}>{it(`mode.${result.mode}`)}</Descriptions.Item>
        <Descriptions.Item label={it('col.file')}>{result.file_name}</Descriptions.Item>
        <Descriptions.Item label={it('col.at')}>{formatTime(result.imported_at)} · {result.imported_by}</Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ margin: '12px 0' }}>
        {result.status === 'applied' && (
          <Link to={`/review/entitlements?import=${id}`} data-testid="import-entitlements">{it('entitlements')}</Link>
        )}
        <a href={downloadUrl(`/imports/${id}/report`)} download data-testid="import-download">{it('download')}</a>
        <label>
          <Switch size="small" checked={errorsOnly} onChange={setErrorsOnly} data-testid="import-errors-only" /> {it('errorsOnly')}
        </label>
      </Space>
      <h2 className="section-title">{it('report')}</h2>
      <Table<ReportRow>
        size="small"
        data-testid="import-report"
        rowKey="line"
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(r) => ({ 'data-testid': 'report-row', 'data-line': r.line, 'data-status': r.status } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: it('col.line'), dataIndex: 'line', width: 70 },
          { title: it('col.code'), dataIndex: 'credit_code', width: 200, className: 'mono' },
          { title: it('col.name'), dataIndex: 'name' },
          { title: it('col.result'), dataIndex: 'status', width: 80, render: (s: ReportRow['status']) => <Tag color={s === 'ok' ? 'success' : 'error'}>{it(`row.${s}`)}</Tag> },
          { title: it('col.message'), dataIndex: 'message' },
        ]}
      />
    </section>
  );
}
