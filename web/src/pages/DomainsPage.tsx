// The seven domains.
import type { DomainSummary } from '../../../src/services/policy-views.ts';
import { useApi } from '../api.ts';
import { DomainCards } from '../components/DomainCards.tsx';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { useI18n } from '../i18n.ts';

export function DomainsPage() {
  const { t } = useI18n();
  const domains = useApi<DomainSummary[]>('/domains');
  useDocumentTitle(t('home.domains'));
  return (
    <div data-testid="domains-page">
      <h1 className="page-title">{t('home.domains')}</h1>
      <Loaded state={domains}>{(data) => <DomainCards domains={data} />}</Loaded>
    </div>
  );
}
