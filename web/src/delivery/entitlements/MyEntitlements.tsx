// The /me section 待确认（免申即享）: the awards an official list's import offered to the enterprise, waiting
// for its confirmation, and the unread count of its inbox.
import { Badge, Button, Card, Col, Empty, Row, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { Loaded } from '../../components/Status.tsx';
import { useI18n } from '../../i18n.ts';
import { useMoney } from '../common.tsx';
import { useDeliveryApi } from '../session.tsx';
import { useEt } from './messages.ts';
import type { Entitlement, InboxMessage } from './types.ts';

export function MyEntitlements() {
  const et = useEt();
  const { pick } = useI18n();
  const money = useMoney();
  const offers = useDeliveryApi<{ entitlements: Entitlement[] }>('/me/entitlements?status=offered');
  const inbox = useDeliveryApi<{ messages: InboxMessage[]; unread: number }>('/me/inbox');
  return (
    <section data-testid="me-entitlements">
      <Space align="baseline" wrap>
        <h2 className="section-title">{et('ent.section')}</h2>
        <Link to="/me/inbox" data-testid="me-inbox-link">
          {et('ent.inbox')} <Badge count={inbox.data?.unread ?? 0} showZero={false} data-testid="me-inbox-unread" data-unread={inbox.data?.unread ?? 0} />
        </Link>
      </Space>
      <p className="muted">{et('ent.sectionHint')}</p>
      <Loaded state={offers}>{(data) => (data.entitlements.length === 0 ? <Empty description={et('ent.none')} /> : (
        <Row gutter={[12, 12]}>
          {data.entitlements.map((e) => (
            <Col xs={24} md={12} key={e.id}>
              <Card size="small" className="item-card" data-testid="entitlement-card" data-id={e.id} data-provision={e.provision}>
                <div className="item-header"><Tag color="green">{et('ent.status.offered')}</Tag><span className="item-title">{pick(e.provision_title)}</span></div>
                <div className="item-amount"><span className="amount" data-testid="entitlement-amount">{money(e.amount_yuan, e.amount_kind)}</span></div>
                <div className="muted">{et('ent.origin', { file: e.import.file_name, date: e.import.imported_at.slice(0, 10) })}</div>
                <Link to={`/me/entitlements/${e.id}`}><Button type="primary" size="small" data-testid="entitlement-open">{et('ent.open')}</Button></Link>
              </Card>
            </Col>
          ))}
        </Row>
      ))}</Loaded>
    </section>
  );
}
