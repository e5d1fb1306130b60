// The targets as a table: id, where, metric, value, firmness, responsible units.
import type { HTMLAttributes } from 'react';
import { Grid, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TargetView } from '../../../src/services/policy-views.ts';
import { useI18n } from '../i18n.ts';
import { DeptTags } from './DeptTags.tsx';
import { FirmnessTag } from './ItemCards.tsx';
import { WhereLink } from './WhereLink.tsx';

export function TargetTable({ targets, pageSize = 0 }: { targets: readonly TargetView[]; pageSize?: number }) {
  const { t, pick, isEn } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  if (isPhone) {
    return (
      <ul className="compact-list" data-testid="target-table">
        {targets.map((x) => (
          <li key={x.id} className="compact-row" data-testid="target-row">
            <div className="compact-head">
              <Tag color="blue">{x.id}</Tag>
              <WhereLink where={x.where} short />
              <FirmnessTag target={x} />
            </div>
            <div>{pick(x.metric)}</div>
            <div className="compact-amount"><span className="target-value">{x.value_text}</span></div>
            <DeptTags depts={x.responsible} color="default" />
          </li>
        ))}
      </ul>
    );
  }
  const columns: ColumnsType<TargetView> = [
    { title: 'ID', dataIndex: 'id', key: 'id', width: 64, sorter: (a, b) => a.id.localeCompare(b.id), render: (id: string) => <Tag color="blue">{id}</Tag> },
    { title: t('target.where'), key: 'where', width: 100, render: (_, x) => <WhereLink where={x.where} short /> },
    {
      title: t('target.metric'), key: 'metric', render: (_, x) => (
        <div>
          <span>{pick(x.metric)}</span>
          {isEn && <div className="muted" lang="zh-CN">{x.metric.zh}</div>}
        </div>
      ),
    },
    { title: t('target.value'), dataIndex: 'value_text', key: 'value', width: 130, render: (v: string) => <span className="target-value">{v}</span> },
    {
      title: t('target.firmness'), key: 'firmness', width: 110, render: (_, x) => <FirmnessTag target={x} />,
      filters: (['firm', 'plain', 'soft'] as const).map((f) => ({ text: t(`firmness.${f}`), value: f })),
      onFilter: (value, x) => x.firmness === value,
    },
    { title: t('common.responsible'), key: 'responsible', width: 160, render: (_, x) => <DeptTags depts={x.responsible} color="default" /> },
  ];
  return (
    <Table<TargetView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...targets]}
      pagination={pageSize > 0 && targets.length > pageSize ? { pageSize, showSizeChanger: true } : false}
      scroll={{ x: 'max-content' }}
      onRow={() => ({ 'data-testid': 'target-row' }) as HTMLAttributes<HTMLElement>}
      data-testid="target-table"
    />
  );
}
