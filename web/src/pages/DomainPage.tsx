// One domain: its heading text with the domain-level targets and budgets, and its articles.
import { Breadcrumb, Card, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import type { DomainDetail, DomainSummary } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { AnnotatedSection } from '../components/AnnotatedSection.tsx';
import { ArticleList } from '../components/ArticleList.tsx';
import { DeptTag } from '../components/DeptTags.tsx';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';

export function DomainPage() {
  const { number = '' } = useParams();
  const { t, isEn } = useI18n();
  const domain = useApi<DomainDetail>(`/domains/${encodeURIComponent(number)}`);
  const all = useApi<DomainSummary[]>('/domains');
  const last = all.data?.at(-1)?.number ?? 7;
  const d = domain.data;
  useDocumentTitle(d ? (isEn ? d.title_en : `${d.numeral}、${d.title}`) : undefined);
  return (
    <div data-testid="domain-page">
      <Breadcrumb
        className="breadcrumb"
        items={[{ title: <Link to="/">{t('nav.home')}</Link> }, { title: <Link to="/domains">{t('nav.domains')}</Link> }, { title: d ? `${d.numeral}、${isEn ? d.title_en : d.title}` : number }]}
      />
      <Loaded state={domain}>{(data) => (
        <>
          <h1 className="page-title" data-testid="domain-heading">
            {isEn ? `${data.number}. ${data.title_en}` : `${data.numeral}、${data.title}`}
          </h1>
          {isEn && <div className="page-subtitle" lang="zh-CN">{data.numeral}、{data.title}</div>}
          <div className="page-meta">
            <span>{t('common.lead')}{t('common.colon')}</span><DeptTag dept={data.lead} />
            <Tag>{t('common.articleCount', { n: data.articles.length })}</Tag>
          </div>
          <AnnotatedSection section={data} textTitle={t('domain.text')} />
          <Card size="small" title={t('domain.articles')} className="section-card">
            <ArticleList articles={data.article_summaries} />
          </Card>
          <div className="prev-next">
            {data.number > 1 ? <Link to={`/domains/${data.number - 1}`}>← {t('common.previous')}</Link> : <span />}
            {data.number < last ? <Link to={`/domains/${data.number + 1}`}>{t('common.next')} →</Link> : <span />}
          </div>
        </>
      )}</Loaded>
    </div>
  );
}
