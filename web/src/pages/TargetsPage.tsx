// All quantified targets (K01…K71), optionally of one domain.
import { Select, Space } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { DomainSummary, TargetView } from '../../../src/services/policy-views.ts';
import { query, useApi } from '../api.ts';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { TargetTable } from '../components/TargetTable.tsx';
import { useI18n } from '../i18n.ts';

export function TargetsPage() {
  const { t, isEn } = useI18n();
  const [params, setParams] = useSearchParams();
  const domain = params.get('domain') ?? undefined;
  const targets = useApi<TargetView[]>(`/targets${query({ domain })}`);
  const domains = useApi<DomainSummary[]>('/domains');
  useDocumentTitle(t('targets.title'));
  return (
    <div data-testid="targets-page">
      <h1 className="page-title">{t('targets.title')}</h1>
      <p className="page-intro">{t('targets.intro')}</p>
      <Space wrap className="filters">
        <Select
          allowClear
          style={{ minWidth: 240 }}
          placeholder={t('common.domain')}
          value={domain}
          onChange={(v?: string) => {
            const next = new URLSearchParams(params);
            if (v) next.set('domain', v);
            else next.delete('domain');
            setParams(next, { replace: true });
          }}
          options={(domains.data ?? []).map((d) => ({ value: String(d.number), label: isEn ? `${d.number}. ${d.title_en}` : `${d.numeral}、${d.title}` }))}
          data-testid="domain-filter"
        />
      </Space>
      <Loaded state={targets}>{(data) => (
        <>
          <div className="result-count" data-testid="result-count">{t('common.count', { n: data.length })}</div>
          <TargetTable targets={data} pageSize={25} />
        </>
      )}</Loaded>
    </div>
  );
}
