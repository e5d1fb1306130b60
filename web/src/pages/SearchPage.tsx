// Full-text search of the articles: ranked results with the matches marked in their snippets;
// a result opens the article with the query terms marked in its text.
import { Card, Empty, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import type { DomainSummary, SearchHit, SearchResult } from '../../../src/services/policy-views.ts';
import { query, useApi } from '../api.ts';
import { articleLabel } from '../components/ArticleList.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';
import { segment } from '../segments.ts';
import { KIND_TAG_COLOR } from '../theme.ts';

const MAX_RESULTS = 46;

export function Marked({ text, ranges }: { text: string; ranges: readonly [number, number][] }) {
  return (
    <>
      {segment(text, [], ranges).map((s) => (s.marked ? <mark key={s.start}>{s.text}</mark> : <span key={s.start}>{s.text}</span>))}
    </>
  );
}

function Hit({ hit, q, domains }: { hit: SearchHit; q: string; domains: readonly DomainSummary[] }) {
  const { t, isEn } = useI18n();
  const domain = domains.find((d) => d.number === hit.domain);
  const to = `/articles/${hit.number}?q=${encodeURIComponent(q)}`;
  return (
    <Card size="small" className="search-hit" data-testid="search-result">
      <div className="search-hit-head">
        <Link to={to} className="search-hit-title" data-testid="search-result-title">{articleLabel(hit, isEn)}</Link>
        <span className="search-hit-score" title={t('search.score')}>{t('search.score')} {hit.score}</span>
      </div>
      {isEn && <div className="muted" lang="zh-CN">（{hit.numeral}）{hit.title}</div>}
      {domain && (
        <Link to={`/domains/${domain.number}`}>
          <Tag color="red" variant="outlined" className="search-hit-domain">{isEn ? `${domain.number}. ${domain.title_en}` : `${domain.numeral}、${domain.title}`}</Tag>
        </Link>
      )}
      <div className="search-snippets" lang="zh-CN">
        {hit.snippets.map((s, i) => (
          <p className="search-snippet" data-testid="search-snippet" key={i}><Marked text={s.text} ranges={s.highlights} /></p>
        ))}
      </div>
      {hit.items.length > 0 && (
        <div className="search-items">
          <span className="muted">{t('search.items')}{t('common.colon')}</span>
          {hit.items.map((item) => (
            <Link to={to} key={`${item.kind}:${item.id}`}>
              <Tag color={KIND_TAG_COLOR[item.kind]} data-testid="search-item">{item.title}</Tag>
            </Link>
          ))}
        </div>
      )}
    </Card>
  );
}

function Results({ q }: { q: string }) {
  const { t } = useI18n();
  const result = useApi<SearchResult>(`/search${query({ q, limit: MAX_RESULTS })}`);
  const domains = useApi<DomainSummary[]>('/domains');
  return (
    <Loaded state={result}>{(data) => (data.hits.length === 0 ? (
      <Empty className="search-empty" data-testid="search-empty" description={t('search.noResults', { q })} />
    ) : (
      <div className="search-results">
        <div className="result-count" data-testid="search-total">{t('search.total', { n: data.total })}</div>
        {data.hits.map((hit) => <Hit key={hit.number} hit={hit} q={q} domains={domains.data ?? []} />)}
      </div>
    ))}</Loaded>
  );
}

export function SearchPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  useDocumentTitle(q ? `${t('nav.search')}${t('common.colon')}${q}` : t('search.title'));
  return (
    <div data-testid="search-page">
      <h1 className="page-title">{t('search.title')}</h1>
      <div className="search-page-box"><SearchBox key={q} initial={q} autoFocus={!q} /></div>
      {q ? <Results q={q} /> : <Empty className="search-empty" data-testid="search-empty" description={t('search.empty')} />}
    </div>
  );
}
