// 公示 (public): the notices of grants about to be paid, open to anyone without signing in.
import { Card, Empty } from 'antd';
import { Link } from 'react-router-dom';
import { Loaded, useDocumentTitle } from '../../components/Status.tsx';
import { useMoney } from '../common.tsx';
import { useDt } from '../messages.ts';
import { useDeliveryApi } from '../session.tsx';
import type { Notice } from '../types.ts';

export function NoticesPage() {
  const dt = useDt();
  const money = useMoney();
  const notices = useDeliveryApi<{ notices: Notice[] }>('/notices');
  useDocumentTitle(dt('notices.title'));
  return (
    <div data-testid="notices-page">
      <h1 className="page-title">{dt('notices.title')}</h1>
      <p className="page-intro">{dt('notices.intro')}</p>
      <Loaded state={notices}>{({ notices: list }) => (list.length === 0 ? <Empty description={dt('notices.none')} /> : (
        <div className="stack">
          {list.map((n) => (
            <Card key={n.id} size="small" className="item-card" data-testid="notice-card" data-id={n.id}>
              <Link to={`/notices/${n.id}`} className="item-title">{n.title}</Link>
              <div className="muted">
                {n.department} · {dt('notices.period')} {n.starts_on} — {n.ends_on} · {n.items.length} · {dt('pay.total')} {money(n.items.reduce((s, i) => s + i.amount_yuan, 0))}
              </div>
            </Card>
          ))}
        </div>
      ))}</Loaded>
    </div>
  );
}
