// All provisions, filtered by status (stated / unset) and reviewing department through the API.
import { Segmented, Select, Space } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { DepartmentView, ProvisionView } from '../../../src/services/policy-views.ts';
import { query, useApi } from '../api.ts';
import { ProvisionTable } from '../components/ProvisionTable.tsx';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';

type StatusFilter = 'all' | 'stated' | 'unset';

export function ProvisionsPage() {
  const { t, isEn } = useI18n();
  const [params, setParams] = useSearchParams();
  const rawStatus = params.get('status');
  const status: StatusFilter = rawStatus === 'stated' || rawStatus === 'unset' ? rawStatus : 'all';
  const department = params.get('department') ?? undefined;
  const provisions = useApi<ProvisionView[]>(`/provisions${query({ status: status === 'all' ? undefined : status, department })}`);
  const departments = useApi<DepartmentView[]>('/departments');
  useDocumentTitle(t('provisions.title'));

  const update = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === 'all') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <div data-testid="provisions-page">
      <h1 className="page-title">{t('provisions.title')}</h1>
      <p className="page-intro">{t('provisions.intro')}</p>
      <Space wrap className="filters" size={[12, 8]}>
        <Segmented<StatusFilter>
          data-testid="status-filter"
          value={status}
          onChange={(v) => update('status', v)}
          options={[
            { label: t('common.all'), value: 'all' },
            { label: t('status.stated'), value: 'stated' },
            { label: t('status.unset'), value: 'unset' },
          ]}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ minWidth: 200 }}
          placeholder={t('provision.department')}
          value={department}
          onChange={(v?: string) => update('department', v)}
          options={(departments.data ?? []).filter((d) => d.provisions.length > 0).map((d) => ({ value: d.id, label: `${isEn ? d.name_en : d.name} (${d.provisions.length})` }))}
          data-testid="department-filter"
        />
      </Space>
      <Loaded state={provisions}>{(data) => (
        <>
          <div className="result-count" data-testid="result-count">{t('common.count', { n: data.length })}</div>
          <ProvisionTable provisions={data} />
        </>
      )}</Loaded>
    </div>
  );
}
