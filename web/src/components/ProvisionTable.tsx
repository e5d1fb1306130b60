// The provisions as a table: catalogue label, article, title, amount, status, department.
import type { HTMLAttributes } from 'react';
import { Grid, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { ProvisionView } from '../../../src/services/policy-views.ts';
import { useI18n } from '../i18n.ts';
import { DeptTag } from './DeptTags.tsx';
import { Amount } from './ItemCards.tsx';
import { WhereLink } from './WhereLink.tsx';

export function ProvisionTable({ provisions, showDepartment = true }: { provisions: readonly ProvisionView[]; showDepartment?: boolean }) {
  const { t, pick, isEn } = useI18n();
  const isPhone = Grid.useBreakpoint().md === false;
  if (isPhone) {
    // On a phone: one compact card per provision instead of a wide table.
    return (
      <ul className="compact-list" data-testid="provision-table">
        {provisions.map((p) => (
          <li key={p.id} className="compact-row" data-testid="provision-row">
            <div className="compact-head">
              <Tag color="gold">{p.catalogue}</Tag>
              <WhereLink where={p.where} short />
              {showDepartment && <span className="compact-dept"><DeptTag dept={p.department} /></span>}
            </div>
            <Link to={p.where.kind === 'article' ? `/articles/${p.where.number}` : '/'} className="table-title">{pick(p.title)}</Link>
            <div className="compact-amount"><Amount provision={p} /></div>
          </li>
        ))}
      </ul>
    );
  }
  const columns: ColumnsType<ProvisionView> = [
    { title: t('provision.catalogue'), dataIndex: 'catalogue', key: 'catalogue', width: 72, sorter: (a, b) => a.catalogue.localeCompare(b.catalogue), render: (c: string) => <Tag color="gold">{c}</Tag> },
    { title: t('common.article'), key: 'where', width: 96, render: (_, p) => <WhereLink where={p.where} short /> },
    {
      title: t('provision.title'), key: 'title', render: (_, p) => (
        <div>
          <Link to={p.where.kind === 'article' ? `/articles/${p.where.number}` : '/'} className="table-title">{pick(p.title)}</Link>
          {isEn && <div className="muted" lang="zh-CN">{p.title.zh}</div>}
        </div>
      ),
    },
    { title: t('provision.amount'), key: 'amount', width: 220, render: (_, p) => <Amount provision={p} /> },
    {
      title: t('provision.status'), dataIndex: 'status', key: 'status', width: 120,
      render: (s: ProvisionView['status']) => <Tag color={s === 'stated' ? 'green' : 'orange'}>{t(`status.${s}`)}</Tag>,
    },
  ];
  if (showDepartment) columns.push({ title: t('provision.department'), key: 'department', width: 130, render: (_, p) => <DeptTag dept={p.department} /> });
  return (
    <Table<ProvisionView>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...provisions]}
      pagination={provisions.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
      onRow={() => ({ 'data-testid': 'provision-row' }) as HTMLAttributes<HTMLElement>}
      data-testid="provision-table"
    />
  );
}
