// The department registry, grouped by kind, with the number of articles naming each.
import { Badge, Card, Col, Row, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { DepartmentView } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { MESSAGES, useI18n, type MessageKey } from '../i18n.ts';

const KIND_ORDER = ['government', 'party', 'platform', 'state-company', 'sub-district', 'utility', 'mass-organisation'];

function Groups({ departments }: { departments: readonly DepartmentView[] }) {
  const { t, isEn } = useI18n();
  const kinds = [...new Set(departments.map((d) => d.kind))].sort((a, b) => {
    const ia = KIND_ORDER.indexOf(a);
    const ib = KIND_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
  });
  const kindLabel = (kind: string) => (`deptKind.${kind}` in MESSAGES['zh-CN'] ? t(`deptKind.${kind}` as MessageKey) : kind);
  return (
    <Row gutter={[16, 16]}>
      {kinds.map((kind) => {
        const members = departments.filter((d) => d.kind === kind).sort((a, b) => b.articles.length - a.articles.length);
        return (
          <Col xs={24} md={12} key={kind}>
            <Card size="small" title={<span>{kindLabel(kind)} <Tag>{members.length}</Tag></span>} data-testid="department-group" className="section-card">
              <ul className="department-list">
                {members.map((d) => (
                  <li key={d.id} data-testid="department-row">
                    <Link to={`/departments/${encodeURIComponent(d.id)}`} className="department-name">{isEn ? d.name_en : d.name}</Link>
                    {isEn && <span className="muted" lang="zh-CN"> {d.name}</span>}
                    <span className="department-badges">
                      {d.leads.length > 0 && <Tag color="red">{t('common.lead')}</Tag>}
                      <Badge count={d.articles.length} showZero color={d.articles.length > 0 ? '#b0131d' : '#bfbfbf'} title={t('common.articleCount', { n: d.articles.length })} />
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

export function DepartmentsPage() {
  const { t } = useI18n();
  const departments = useApi<DepartmentView[]>('/departments');
  useDocumentTitle(t('departments.title'));
  return (
    <div data-testid="departments-page">
      <h1 className="page-title">{t('departments.title')}</h1>
      <p className="page-intro">{t('departments.intro')}</p>
      <Loaded state={departments}>{(data) => <Groups departments={data} />}</Loaded>
    </div>
  );
}
