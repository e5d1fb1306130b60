// A target's reports, newest first: a corrected (superseded) report stays on the list, struck through
// and tagged 已更正, and the correction names the report it replaces. Demo rows are tagged 演示数据.
import type { HTMLAttributes } from 'react';
import { Button, Table, Tag } from 'antd';
import { formatTime } from '../delivery/common.tsx';
import { downloadUrl } from '../delivery/session.tsx';
import { DemoTag, useValue } from './common.tsx';
import { useTt } from './messages.ts';
import type { ReportView } from './types.ts';

export function ReportsTable({ reports, unit, onCorrect, canCorrect }: {
  reports: ReportView[];
  /** The target's unit (家, 亿元, share …). */
  unit: string;
  onCorrect?: (report: ReportView) => void;
  canCorrect?: (report: ReportView) => boolean;
}) {
  const tt = useTt();
  const value = useValue();
  const byId = new Map(reports.map((r) => [r.id, r]));
  const refOf = (id: string) => {
    const old = byId.get(id);
    return old ? `${old.asOf} ${value(old.value, unit)}` : id.slice(0, 8);
  };
  if (reports.length === 0) return <div className="muted" data-testid="reports-empty">{tt('art.noReports')}</div>;
  return (
    <Table
      size="small"
      rowKey="id"
      data-testid="reports"
      dataSource={reports}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: true }}
      rowClassName={(r) => (r.supersededBy ? 'report-superseded' : '')}
      onRow={(r) => ({ 'data-testid': 'report-row', 'data-id': r.id, 'data-superseded': r.supersededBy ? 'true' : 'false' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: tt('col.asOf'), dataIndex: 'asOf', className: 'nowrap', render: (d: string) => <span className="report-struck">{d}</span> },
        { title: tt('col.value'), className: 'nowrap', render: (_, r) => <span className="report-struck" data-testid="report-value">{value(r.value, unit)}</span> },
        { title: tt('col.unit'), dataIndex: 'unit', className: 'nowrap' },
        {
          title: tt('col.note'),
          render: (_, r) => (
            <>
              {r.supersededBy && <Tag color="default" data-testid="superseded-tag">{tt('rep.superseded')}</Tag>}
              {r.supersedes && <Tag color="blue" data-testid="correction-tag">{tt('rep.supersedes', { ref: refOf(r.supersedes) })}</Tag>}
              {r.demo && <DemoTag />}
              {r.note}
            </>
          ),
        },
        {
          title: tt('col.evidence'),
          render: (_, r) => (
            <>
              {r.evidence?.url && <div><a href={r.evidence.url} target="_blank" rel="noreferrer noopener" data-testid="report-evidence">{r.evidence.url}</a></div>}
              {r.evidence?.fileName && r.evidence.sha256 && (
                <div><a href={downloadUrl(`/targets/${encodeURIComponent(r.targetId)}/evidence/${r.evidence.sha256}`)} download={r.evidence.fileName} data-testid="report-evidence-file">{r.evidence.fileName}</a></div>
              )}
              {!r.evidence?.url && !r.evidence?.fileName && '—'}
            </>
          ),
        },
        { title: tt('col.by'), dataIndex: 'reportedBy', className: 'nowrap' },
        { title: tt('col.at'), className: 'nowrap', render: (_, r) => formatTime(r.reportedAt) },
        ...(onCorrect ? [{
          title: '',
          render: (_: unknown, r: ReportView) => (!r.supersededBy && (canCorrect?.(r) ?? true)
            ? <Button size="small" onClick={() => onCorrect(r)} data-testid="report-correct">{tt('rep.correct')}</Button>
            : null),
        }] : []),
      ]}
    />
  );
}
