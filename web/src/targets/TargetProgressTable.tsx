// Targets with their progress: figure, latest report, expected value, forecast and pace. Used by the
// dashboard (lagging targets), the article drill-down and the department's page.
import type { HTMLAttributes, ReactNode } from 'react';
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { articleNumber, DerivedTag, PaceTag, useFigure, useValue } from './common.tsx';
import { useTt } from './messages.ts';
import type { TargetView } from './types.ts';

export interface ProgressTableProps {
  targets: TargetView[];
  testId: string;
  /** Links each article cell to the drill-down. */
  articleLinks?: boolean;
  /** An extra last column (the department's actions). */
  action?: { title: string; render: (t: TargetView) => ReactNode };
  /** Expanded row content (the reports of a target). */
  expand?: (t: TargetView) => ReactNode;
  pageSize?: number;
}

export function TargetProgressTable({ targets, testId, articleLinks, action, expand, pageSize }: ProgressTableProps) {
  const tt = useTt();
  const { isEn } = useI18n();
  const figure = useFigure();
  const value = useValue();
  const columns: ColumnsType<TargetView> = [
    { title: tt('col.id'), dataIndex: 'id', width: 64, render: (id: string) => <span className="mono">{id}</span> },
    {
      title: tt('col.metric'),
      render: (_, t) => <>{isEn ? t.metric.en : t.metric.zh} <DerivedTag target={t} /></>,
    },
    {
      title: tt('col.article'),
      width: 70,
      render: (_, t) => {
        const n = articleNumber(t.article);
        // A target stated in a domain heading (K01–K06) drills into the heading (d2).
        if (n === null) return articleLinks ? <Link to={`/dashboard/articles/${t.domain}`} data-testid="article-link">{t.domain.toUpperCase()}</Link> : t.domain.toUpperCase();
        return articleLinks ? <Link to={`/dashboard/articles/${t.article}`} data-testid="article-link">{t.article}</Link> : t.article;
      },
    },
    { title: tt('col.target'), className: 'nowrap', render: (_, t) => figure(t.target) },
    {
      title: tt('col.latest'),
      className: 'nowrap',
      render: (_, t) => (t.latest ? <>{value(t.latest.value, t.target.unit)}<div className="muted">{tt('col.asOf')} {t.latest.asOf}</div></> : '—'),
    },
    { title: tt('col.expected'), className: 'nowrap', render: (_, t) => value(t.pace.expected, t.target.unit) },
    { title: tt('col.forecast'), className: 'nowrap', render: (_, t) => value(t.pace.forecast, t.target.unit) },
    { title: tt('col.status'), className: 'nowrap', render: (_, t) => <PaceTag status={t.pace.status} /> },
    {
      title: tt('col.due'),
      className: 'nowrap',
      render: (_, t) => (t.derived || !t.due.nextReportBy ? '—' : <>{t.due.nextReportBy}{t.due.overdue && <> <Tag color="red" data-testid="overdue-tag">{tt('overdue')}</Tag></>}</>),
    },
    { title: tt('col.responsible'), render: (_, t) => t.responsible.join('、') },
  ];
  if (action) columns.push({ title: action.title, render: (_, t) => action.render(t) });
  return (
    <Table
      size="small"
      rowKey="id"
      data-testid={testId}
      dataSource={targets}
      columns={columns}
      scroll={{ x: true }}
      pagination={pageSize ? { pageSize, hideOnSinglePage: true } : false}
      expandable={expand ? { expandedRowRender: expand } : undefined}
      onRow={(t) => ({ 'data-testid': 'target-row', 'data-id': t.id, 'data-status': t.pace.status }) as HTMLAttributes<HTMLElement>}
    />
  );
}
