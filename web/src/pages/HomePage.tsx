// The library's home: the document, its counts, the seven domains and a search box.
import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import type { DomainSummary, PolicyInfo } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { DomainCards } from '../components/DomainCards.tsx';
import { Facts } from '../components/ItemFrame.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';

function Metadata({ info }: { info: PolicyInfo }) {
  const { t, isEn } = useI18n();
  return (
    <Card className="hero" data-testid="document-meta">
      <div className="hero-number">{info.document_number}</div>
      <h1 className="hero-title" data-testid="document-title">{isEn ? info.title_en : info.title}</h1>
      {isEn && <div className="hero-sub" lang="zh-CN">{info.title}</div>}
      <Facts rows={[
        [t('home.docNumber'), info.document_number],
        [t('home.issuers'), info.issuers.join('　')],
        [t('home.signed'), info.signed_on],
        [t('home.validity'), `${info.validity.from} — ${info.validity.to}`],
        info.upstream.length > 0 && [t('home.upstream'), <span key="u">{info.upstream.map((u) => <div key={u.number}>{u.title}（{u.number}）</div>)}</span>],
      ]} />
      <details className="preamble">
        <summary>{t('home.preamble')}</summary>
        <p lang="zh-CN">{info.preamble}</p>
      </details>
      <div className="hero-search"><SearchBox /></div>
    </Card>
  );
}

function Stats({ info }: { info: PolicyInfo }) {
  const { t } = useI18n();
  const s = info.stats;
  const stats: { label: string; value: number; to: string; suffix?: string }[] = [
    { label: t('stats.domains'), value: s.domains, to: '/domains' },
    { label: t('stats.articles'), value: s.articles, to: '/domains' },
    { label: t('stats.provisions'), value: s.provisions.total, to: '/provisions' },
    { label: t('stats.stated'), value: s.provisions.stated, to: '/provisions?status=stated' },
    { label: t('stats.unset'), value: s.provisions.unset, to: '/provisions?status=unset' },
    { label: t('stats.targets'), value: s.targets, to: '/targets' },
    { label: t('stats.budgets'), value: s.budgets.total, to: '/budgets' },
    { label: t('stats.departments'), value: s.departments, to: '/departments' },
  ];
  return (
    <Row gutter={[12, 12]} className="stats" data-testid="stats">
      {stats.map((x) => (
        <Col xs={12} sm={6} key={x.label}>
          <Link to={x.to}>
            <Card size="small" hoverable className="stat-card">
              <Statistic title={x.label} value={x.value} />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const info = useApi<PolicyInfo>('/');
  const domains = useApi<DomainSummary[]>('/domains');
  useDocumentTitle(undefined);
  return (
    <div data-testid="home">
      <Loaded state={info}>{(data) => (
        <>
          <Metadata info={data} />
          <h2 className="section-title">{t('home.stats')}</h2>
          <Stats info={data} />
        </>
      )}</Loaded>
      <h2 className="section-title">{t('home.domains')}</h2>
      <Loaded state={domains}>{(data) => <DomainCards domains={data} />}</Loaded>
    </div>
  );
}
