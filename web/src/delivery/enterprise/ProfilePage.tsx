// 企业信息: the facts registered for the company (what every calculation reads) and who changed what, when.
import { Card, Descriptions, Table } from 'antd';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { formatTime, PageTitle, RequireRole } from '../common.tsx';
import { useDt } from '../messages.ts';
import { useDeliveryApi } from '../session.tsx';
import type { Beneficiary, Me, ProfileChange } from '../types.ts';
import { FactValue, useFactTitle } from './facts.tsx';

function Profile({ me }: { me: Me }) {
  const dt = useDt();
  const factTitle = useFactTitle();
  const code = encodeURIComponent(me.credit_code ?? '');
  const beneficiary = useDeliveryApi<{ beneficiary: Beneficiary }>(me.credit_code ? `/beneficiaries/${code}` : null);
  const history = useDeliveryApi<{ changes: ProfileChange[] }>(me.credit_code ? `/beneficiaries/${code}/history` : null);
  return (
    <>
      <Loaded state={beneficiary}>{({ beneficiary: b }) => (
        <Card title={`${b.name} · ${b.credit_code}`} extra={<span className="muted">{dt('profile.version')} {b.version}</span>} data-testid="profile-facts">
          <Descriptions column={1} size="small" bordered>
            {Object.entries(b.profile).filter(([k]) => k !== 'id' && k !== 'name').map(([k, v]) => (
              <Descriptions.Item key={k} label={factTitle(k)}><FactValue name={k} value={v} /></Descriptions.Item>
            ))}
            <Descriptions.Item label={dt('profile.bank')}>{b.bank_name ?? '—'} {b.bank_account_masked ?? ''}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}</Loaded>
      <h2 className="section-title">{dt('profile.history')}</h2>
      <Loaded state={history}>{({ changes }) => (
        <Table
          size="small"
          rowKey={(c) => `${c.version}-${c.fact}`}
          dataSource={changes}
          scroll={{ x: true }}
          data-testid="profile-history"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: dt('profile.version'), dataIndex: 'version', width: 70 },
            { title: dt('common.at'), dataIndex: 'at', render: formatTime },
            { title: dt('profile.fact'), dataIndex: 'fact', render: (f: string) => factTitle(f) },
            { title: dt('profile.before'), render: (_, c) => <FactValue name={c.fact} value={c.before} /> },
            { title: dt('profile.after'), render: (_, c) => <FactValue name={c.fact} value={c.after} /> },
            { title: dt('common.actor'), dataIndex: 'actor' },
            { title: dt('common.note'), dataIndex: 'note', render: (n: string | null) => n ?? '' },
          ]}
        />
      )}</Loaded>
    </>
  );
}

export function ProfilePage() {
  const dt = useDt();
  useDocumentTitle(dt('profile.title'));
  return (
    <RequireRole roles={['enterprise']}>{(me) => (
      <div data-testid="profile-page">
        <PageTitle testId="profile-title">{dt('profile.title')}</PageTitle>
        <Profile me={me} />
      </div>
    )}</RequireRole>
  );
}
