// One edition (/editions/:id): what it changes (the structured diff against the edition in force), the
// what-if on a stored population, and — for the policy office, while it is a draft — publishing it.
import { App as AntApp, Alert, Button, Card, Descriptions, Flex } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../components/Status.tsx';
import { PageTitle, RequireRole, formatTime } from '../delivery/common.tsx';
import type { Me } from '../delivery/types.ts';
import { apiFetch, useAction, useDeliveryApi } from '../delivery/session.tsx';
import { DiffView } from './DiffView.tsx';
import { StatusTag } from './EditionsPage.tsx';
import { useEt } from './messages.ts';
import type { Edition, EditionDiff } from './types.ts';
import { WhatIf } from './WhatIf.tsx';
import './editions.css';

function Publish({ edition, onDone }: { edition: Edition; onDone: () => void }) {
  const et = useEt();
  const { modal } = AntApp.useApp();
  const { run, pending } = useAction();
  const publish = () => modal.confirm({
    title: et('ed.publish'), content: et('ed.publishConfirm'),
    onOk: async () => {
      const done = await run(() => apiFetch(`/editions/${encodeURIComponent(edition.id)}/publish`, { body: {} }), et('ed.publishedOk'));
      if (done !== undefined) onDone();
    },
  });
  return <Button type="primary" danger loading={pending} onClick={publish} data-testid="edition-publish">{et('ed.publish')}</Button>;
}

function Detail({ id, me }: { id: string; me: Me }) {
  const et = useEt();
  const state = useDeliveryApi<{ edition: Edition; diff: EditionDiff }>(`/editions/${encodeURIComponent(id)}/diff`);
  return (
    <Loaded state={state}>{({ edition, diff }) => (
      <Flex vertical gap={16}>
        <Card title={<>{edition.title} <StatusTag status={edition.status} /></>} data-testid="edition-detail" data-id={edition.id}
          extra={me.role === 'policy' && edition.status === 'draft' ? <Publish edition={edition} onDone={state.reload} /> : undefined}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
            { key: 'id', label: et('ed.id'), children: <span className="mono">{edition.id}</span> },
            { key: 'base', label: et('ed.base'), children: edition.base_edition },
            { key: 'period', label: et('ed.period'), children: `${edition.period.from} – ${edition.period.to}` },
            { key: 'status', label: et('ed.status'), children: edition.published_at ? `${et('ed.published')} ${formatTime(edition.published_at)} · ${edition.published_by ?? ''}` : et('ed.draft') },
          ]} />
          {edition.status === 'published' && <Alert type="info" showIcon title={et('ed.readOnly')} />}
        </Card>
        <Card title={et('ed.diff')}><DiffView diff={diff} /></Card>
        {(me.role === 'policy' || me.role === 'finance') && <WhatIf id={edition.id} />}
      </Flex>
    )}</Loaded>
  );
}

export function EditionPage() {
  const et = useEt();
  const { id = '' } = useParams();
  useDocumentTitle(`${et('ed.title')} ${id}`);
  return (
    <RequireRole roles={['policy', 'finance', 'leader', 'auditor']}>{(me) => (
      <div data-testid="edition-page">
        <PageTitle testId="edition-title">{et('ed.title')}</PageTitle>
        <p><Link to="/editions">← {et('ed.back')}</Link></p>
        <Detail id={id} me={me} />
      </div>
    )}</RequireRole>
  );
}
