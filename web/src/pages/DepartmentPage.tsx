// One department: the domains it leads, the articles naming it, the provisions it reviews and
// the targets it answers for.
import { Breadcrumb, Card, Empty, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { ArticleSummary, DepartmentView, DomainSummary, ProvisionView, TargetView } from '../../../src/services/policy-views.ts';
import { query, useApi } from '../api.ts';
import { ArticleList } from '../components/ArticleList.tsx';
import { ProvisionTable } from '../components/ProvisionTable.tsx';
import { TargetTable } from '../components/TargetTable.tsx';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { MESSAGES, useI18n, type MessageKey } from '../i18n.ts';

function DepartmentDetails({ dept }: { dept: DepartmentView }) {
  const { t, isEn } = useI18n();
  const domains = useApi<DomainSummary[]>('/domains');
  const articles = useApi<ArticleSummary[]>(`/articles${query({ department: dept.id })}`);
  const provisions = useApi<ProvisionView[]>(`/provisions${query({ department: dept.id })}`);
  const targets = useApi<TargetView[]>(`/targets${query({ department: dept.id })}`);
  const kindKey = `deptKind.${dept.kind}`;
  const led = (domains.data ?? []).filter((d) => dept.leads.includes(d.number));
  return (
    <>
      <h1 className="page-title" data-testid="department-name">{isEn ? dept.name_en : dept.name}</h1>
      <div className="page-subtitle" lang={isEn ? 'zh-CN' : 'en'}>{isEn ? dept.name : dept.name_en}</div>
      <div className="page-meta">
        <Tag>{kindKey in MESSAGES['zh-CN'] ? t(kindKey as MessageKey) : dept.kind}</Tag>
        {dept.aliases.length > 0 && <span className="muted">{t('dept.aliases')}{t('common.colon')}{dept.aliases.join('、')}</span>}
      </div>
      {dept.leads.length > 0 && (
        <Card size="small" title={t('dept.leads')} className="section-card" data-testid="department-leads">
          {led.map((d) => (
            <div key={d.number} className="led-domain">
              <Link to={`/domains/${d.number}`}>{isEn ? `${d.number}. ${d.title_en}` : `${d.numeral}、${d.title}`}</Link>
              <Tag style={{ marginInlineStart: 8 }}>{t('common.articleCount', { n: d.articles.length })}</Tag>
            </div>
          ))}
        </Card>
      )}
      <Card size="small" title={`${t('dept.articles')}（${dept.articles.length}）`} className="section-card" data-testid="department-articles">
        <Loaded state={articles}>{(data) => (data.length > 0 ? <ArticleList articles={data} showResponsible={false} /> : <Empty description={t('dept.none')} />)}</Loaded>
      </Card>
      <Card size="small" title={`${t('dept.provisions')}（${dept.provisions.length}）`} className="section-card" data-testid="department-provisions">
        <Loaded state={provisions}>{(data) => (data.length > 0 ? <ProvisionTable provisions={data} showDepartment={false} /> : <Empty description={t('dept.none')} />)}</Loaded>
      </Card>
      <Card size="small" title={t('dept.targets')} className="section-card" data-testid="department-targets">
        <Loaded state={targets}>{(data) => (data.length > 0 ? <TargetTable targets={data} /> : <Empty description={t('dept.none')} />)}</Loaded>
      </Card>
    </>
  );
}

export function DepartmentPage() {
  const { id = '' } = useParams();
  const { t, isEn } = useI18n();
  const dept = useApi<DepartmentView>(`/departments/${encodeURIComponent(id)}`);
  useDocumentTitle(dept.data ? (isEn ? dept.data.name_en : dept.data.name) : undefined);
  return (
    <div data-testid="department-page">
      <Breadcrumb
        className="breadcrumb"
        items={[{ title: <Link to="/">{t('nav.home')}</Link> }, { title: <Link to="/departments">{t('nav.departments')}</Link> }, { title: dept.data ? (isEn ? dept.data.name_en : dept.data.name) : id }]}
      />
      <Loaded state={dept}>{(data) => <DepartmentDetails dept={data} />}</Loaded>
    </div>
  );
}
