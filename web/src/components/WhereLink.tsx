// Where an item stands: a link to its article or domain, or the whole document.
import { Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { Where } from '../../../src/services/policy-views.ts';
import { useI18n } from '../i18n.ts';

export function WhereLink({ where, short = false }: { where: Where; short?: boolean }) {
  const { t } = useI18n();
  if (where.kind === 'document' || where.number === undefined) return <span className="muted">{t('common.documentLevel')}</span>;
  const to = where.kind === 'article' ? `/articles/${where.number}` : `/domains/${where.number}`;
  const shortLabel = where.kind === 'article' ? (where.label.match(/^（[^）]+）/)?.[0] ?? where.label) : (where.label.match(/^[^、]+、/)?.[0]?.replace('、', '') ?? where.label);
  const text = short ? shortLabel : where.label;
  return (
    <Tooltip title={short ? where.label : undefined}>
      <Link to={to} className="where-link" data-testid="where-link" lang="zh-CN">
        {where.kind === 'domain' && short ? `${t('common.domain')} ${text}` : text}
      </Link>
    </Tooltip>
  );
}
