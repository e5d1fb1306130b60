// The seven domains as cards: numeral, title, lead department and number of articles.
import { Card, Col, Row, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { DomainSummary } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { useI18n } from '../i18n.ts';

/** A domain's heading in the current language (二、加快先进制造业发展 or 2. Accelerate …), once the domains are loaded. */
export function useDomainLabel(number: number | undefined, fallback = ''): string {
  const { isEn } = useI18n();
  const domains = useApi<DomainSummary[]>('/domains');
  const d = domains.data?.find((x) => x.number === number);
  if (!d) return fallback;
  return isEn ? `${d.number}. ${d.title_en}` : `${d.numeral}、${d.title}`;
}

export function DomainCards({ domains }: { domains: readonly DomainSummary[] }) {
  const { t, isEn } = useI18n();
  return (
    <Row gutter={[16, 16]}>
      {domains.map((d) => (
        <Col xs={24} sm={12} xl={8} key={d.number}>
          <Link to={`/domains/${d.number}`} className="domain-card-link">
            <Card hoverable className="domain-card" data-testid="domain-card" size="small">
              <div className="domain-card-numeral">{d.numeral}</div>
              <div className="domain-card-body">
                <div className="domain-card-title" data-testid="domain-title">{isEn ? d.title_en : d.title}</div>
                {isEn && <div className="domain-card-sub" lang="zh-CN">{d.title}</div>}
                <div className="domain-card-meta">
                  <span>{t('common.lead')}{t('common.colon')}</span>
                  <Tag color="red" variant="outlined">{isEn ? d.lead.name_en : d.lead.name}</Tag>
                  <Tag>{t('common.articleCount', { n: d.articles.length })}</Tag>
                  <span className="muted">（{d.articles[0] !== undefined ? `${d.articles[0]}–${d.articles.at(-1)}` : ''}）</span>
                </div>
              </div>
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}
