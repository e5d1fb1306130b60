// /me/inbox: what Zhida told the enterprise — awards offered without application (免申即享) and awards newly
// open to apply for (新可申报) after a list import; opening or marking one reads it.
import { Button, Empty, List, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { formatTime, PageTitle, RequireRole } from '../common.tsx';
import { apiFetch, useAction, useDeliveryApi } from '../session.tsx';
import { useEt } from './messages.ts';
import type { InboxMessage } from './types.ts';

function Messages() {
  const et = useEt();
  const { run } = useAction();
  const inbox = useDeliveryApi<{ messages: InboxMessage[]; unread: number }>('/me/inbox');
  const read = async (id: number) => {
    if ((await run(() => apiFetch(`/me/inbox/${id}/read`, { method: 'POST' }))) !== undefined) inbox.reload();
  };
  return (
    <Loaded state={inbox}>{(data) => (data.messages.length === 0 ? <Empty description={et('inbox.none')} /> : (
      <List data-testid="inbox-list" dataSource={data.messages} renderItem={(m) => (
        <List.Item data-testid="inbox-message" data-kind={m.kind} data-read={m.read_at ? 'yes' : 'no'}
          actions={[
            <Link key="open" to={m.link} onClick={() => { if (!m.read_at) void apiFetch(`/me/inbox/${m.id}/read`, { method: 'POST' }); }} data-testid="inbox-open">{et('inbox.open')}</Link>,
            ...(m.read_at ? [] : [<Button key="read" size="small" type="link" onClick={() => void read(m.id)} data-testid="inbox-read">{et('inbox.read')}</Button>]),
          ]}>
          <List.Item.Meta
            title={<Space>{!m.read_at && <Tag color="red">NEW</Tag>}<Tag>{et(`inbox.kind.${m.kind}`)}</Tag><span>{m.title}</span></Space>}
            description={<>{m.body} <span className="muted">{formatTime(m.created_at)}</span></>} />
        </List.Item>
      )} />
    ))}</Loaded>
  );
}

export function MessagesPage() {
  const et = useEt();
  useDocumentTitle(et('inbox.title'));
  return (
    <RequireRole roles={['enterprise']}>{() => (
      <div data-testid="inbox-page">
        <PageTitle testId="inbox-title">{et('inbox.title')}</PageTitle>
        <Messages />
      </div>
    )}</RequireRole>
  );
}
