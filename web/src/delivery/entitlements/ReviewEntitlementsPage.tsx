// /review/entitlements (?import=<id>): the awards offered without application (免申即享) in the reviewer's
// department — by list import, with their state and the application a confirmation created. The import
// wizard links here with ?import=<id>.
import { Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { formatTime, PageTitle, RequireRole, StatusTag, useMoney } from '../common.tsx';
import { useDeliveryApi } from '../session.tsx';
import type { ApplicationStatus } from '../types.ts';
import { useEt } from './messages.ts';
import type { Entitlement } from './types.ts';

const STATUS_COLOR = { offered: 'blue', confirmed: 'green', declined: 'default', lapsed: 'orange' } as const;

/** The answered ones first (newest answer first), then the offers still open: what moved is what the reviewer looks for. */
const answeredFirst = (list: Entitlement[]): Entitlement[] => [...list].sort((a, b) => (b.decided_at ?? '').localeCompare(a.decided_at ?? ''));

function Offers() {
  const et = useEt();
  const { pick } = useI18n();
  const money = useMoney();
  const [params] = useSearchParams();
  const importId = params.get('import');
  const list = useDeliveryApi<{ entitlements: Entitlement[] }>(`/entitlements${importId ? `?import=${encodeURIComponent(importId)}` : ''}`);
  return (
    <Loaded state={list}>{(data) => (
      <>
        <p className="muted" data-testid="review-entitlements-count">{importId ? `${et('rev.import')} ${importId} · ` : ''}{et('rev.count', { n: data.entitlements.length })}</p>
        <Table<Entitlement> size="small" rowKey="id" dataSource={answeredFirst(data.entitlements)} pagination={{ pageSize: 100 }} data-testid="review-entitlements"
          onRow={(e) => ({ 'data-testid': 'review-entitlement', 'data-status': e.status, 'data-code': e.credit_code } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: et('rev.enterprise'), render: (_v, e) => <>{e.beneficiary_name}<div className="muted mono">{e.credit_code}</div></> },
            { title: et('ent.amount'), render: (_v, e) => `${pick(e.provision_title)} · ${money(e.amount_yuan, e.amount_kind)}` },
            { title: et('rev.import'), render: (_v, e) => <Link to={`/review/entitlements?import=${e.import.id}`}>{e.import.file_name}</Link> },
            { title: et('ent.status.offered'), render: (_v, e) => <><Tag color={STATUS_COLOR[e.status]}>{et(`ent.status.${e.status}`)}</Tag>{e.reason && <div className="muted">{e.reason}</div>}</> },
            { title: et('rev.case'), render: (_v, e) => (e.application_id ? <Link to={`/review/${e.application_id}`}><StatusTag status={e.application_status as ApplicationStatus} /></Link> : '—') },
            { title: 'time', render: (_v, e) => formatTime(e.decided_at ?? e.created_at) },
          ]} />
      </>
    )}</Loaded>
  );
}

export function ReviewEntitlementsPage() {
  const et = useEt();
  useDocumentTitle(et('rev.title'));
  return (
    <RequireRole roles={['reviewer']}>{() => (
      <div data-testid="review-entitlements-page">
        <PageTitle testId="review-entitlements-title">{et('rev.title')}</PageTitle>
        <div className="page-subtitle">{et('rev.intro')} <Link to="/review/entitlements">{et('rev.all')}</Link></div>
        <Offers />
      </div>
    )}</RequireRole>
  );
}
