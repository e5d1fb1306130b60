// A list of articles: numeral and title linking to the article, with the counts of its items.
import { Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { ArticleSummary } from '../../../src/services/policy-views.ts';
import { useI18n } from '../i18n.ts';
import { KIND_TAG_COLOR } from '../theme.ts';
import { DeptTags } from './DeptTags.tsx';

export function articleLabel(a: Pick<ArticleSummary, 'numeral' | 'title' | 'title_en'>, isEn: boolean): string {
  return isEn ? a.title_en : `（${a.numeral}）${a.title}`;
}

export function CountBadges({ counts }: { counts: ArticleSummary['counts'] }) {
  const { t } = useI18n();
  const entries = [
    ['provision', counts.provisions],
    ['tax_preference', counts.tax_preferences],
    ['target', counts.targets],
    ['budget', counts.budgets],
  ] as const;
  return (
    <span className="count-badges">
      {entries.filter(([, n]) => n > 0).map(([kind, n]) => (
        <Tooltip title={t(`kind.${kind}`)} key={kind}>
          <Tag color={KIND_TAG_COLOR[kind]} data-testid={`count-${kind}`}>{t(`kind.${kind}`)} {n}</Tag>
        </Tooltip>
      ))}
    </span>
  );
}

export function ArticleList({ articles, showResponsible = true }: { articles: readonly ArticleSummary[]; showResponsible?: boolean }) {
  const { isEn } = useI18n();
  return (
    <ol className="article-list" data-testid="article-list">
      {articles.map((a) => (
        <li key={a.number} className="article-row" data-testid="article-row">
          <Link to={`/articles/${a.number}`} className="article-row-title">
            {isEn && <span className="article-row-numeral">({a.number}) </span>}
            {articleLabel(a, isEn)}
          </Link>
          {isEn && <div className="article-row-sub" lang="zh-CN">（{a.numeral}）{a.title}</div>}
          <div className="article-row-meta">
            <CountBadges counts={a.counts} />
            {showResponsible && <DeptTags depts={a.responsible} color="default" />}
          </div>
        </li>
      ))}
    </ol>
  );
}
