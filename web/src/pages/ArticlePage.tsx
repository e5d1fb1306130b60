// One article, the heart of the library: the original text with its quoted phrases highlighted,
// and beside it the provisions, targets, budget lines, tax preferences, routes and milestones.
import { useMemo } from 'react';
import { Alert, Breadcrumb, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { ArticleDetail, ArticleSummary } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { AnnotatedSection } from '../components/AnnotatedSection.tsx';
import { articleLabel, CountBadges } from '../components/ArticleList.tsx';
import { DeptTags } from '../components/DeptTags.tsx';
import { useDomainLabel } from '../components/DomainCards.tsx';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';
import { findTermRanges, queryTerms } from '../segments.ts';

function PrevNext({ article, q }: { article: ArticleDetail; q: string | null }) {
  const { t, isEn } = useI18n();
  const all = useApi<ArticleSummary[]>('/articles');
  const find = (n: number | null) => (n === null ? undefined : all.data?.find((a) => a.number === n));
  const suffix = q ? `?q=${encodeURIComponent(q)}` : '';
  const link = (n: number | null, dir: 'previous' | 'next') => {
    if (n === null) return <span />;
    const a = find(n);
    return (
      <Link to={`/articles/${n}${suffix}`} className={`prev-next-link ${dir}`} data-testid={`article-${dir}`}>
        <span className="prev-next-dir">{dir === 'previous' ? `← ${t('common.previous')}` : `${t('common.next')} →`}</span>
        <span className="prev-next-title">{a ? articleLabel(a, isEn) : `（${n}）`}</span>
      </Link>
    );
  };
  return <nav className="prev-next">{link(article.previous, 'previous')}{link(article.next, 'next')}</nav>;
}

function ArticleView({ article, q }: { article: ArticleDetail; q: string | null }) {
  const { t, isEn } = useI18n();
  const terms = useMemo(() => queryTerms(q), [q]);
  const marks = useMemo(() => findTermRanges(article.text, terms), [article.text, terms]);
  const asWritten = article.responsible_as_written.join('、');
  const canonical = article.responsible.map((d) => d.name).join('、');
  const domainTitle = useDomainLabel(article.domain, article.domain_title);
  return (
    <>
      <h1 className="page-title" data-testid="article-title">{articleLabel(article, isEn)}</h1>
      {isEn && <div className="page-subtitle" lang="zh-CN">（{article.numeral}）{article.title}</div>}
      <div className="page-meta">
        <Link to={`/domains/${article.domain}`}><Tag color="red" data-testid="article-domain">{domainTitle}</Tag></Link>
        <CountBadges counts={article.counts} />
      </div>
      {terms.length > 0 && (
        <Alert
          type="info"
          showIcon
          className="query-alert"
          title={<span>{t('search.marked', { q: terms.join(' ') })}{marks.length === 0 ? ' (0)' : ` (${marks.length})`} · <Link to={`/articles/${article.number}`}>✕</Link></span>}
        />
      )}
      <AnnotatedSection
        key={article.number}
        section={article}
        marks={marks}
        textTitle={t('article.text')}
        textExtra={(
          <div className="responsible" data-testid="responsible">
            <span className="responsible-label">{t('common.responsible')}{t('common.colon')}</span>
            <DeptTags depts={article.responsible} />
            {asWritten && asWritten !== canonical && <span className="muted">（{t('common.asWritten')}{t('common.colon')}{asWritten}）</span>}
          </div>
        )}
        textFooter={<PrevNext article={article} q={q} />}
      />
    </>
  );
}

export function ArticlePage() {
  const { number = '' } = useParams();
  const [params] = useSearchParams();
  const q = params.get('q');
  const { t, isEn } = useI18n();
  const article = useApi<ArticleDetail>(`/articles/${encodeURIComponent(number)}`);
  const a = article.data;
  const domainTitle = useDomainLabel(a?.domain, a?.domain_title ?? '');
  useDocumentTitle(a ? articleLabel(a, isEn) : undefined);
  return (
    <div data-testid="article-page">
      <Breadcrumb
        className="breadcrumb"
        items={[
          { title: <Link to="/">{t('nav.home')}</Link> },
          { title: a ? <Link to={`/domains/${a.domain}`}>{domainTitle}</Link> : t('nav.domains') },
          { title: a ? `（${a.numeral}）` : number },
        ]}
      />
      <Loaded state={article} rows={10}>{(data) => <ArticleView article={data} q={q} />}</Loaded>
    </div>
  );
}
