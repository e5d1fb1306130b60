// The list of a public notice: who gets how much under which clause (identifiers masked by the server).
import { Table, Tag } from 'antd';
import { useI18n } from '../../i18n.ts';
import { useMoney } from '../common.tsx';
import { useDt } from '../messages.ts';
import { titleText, type Notice } from '../types.ts';

export function NoticeItems({ notice }: { notice: Notice }) {
  const dt = useDt();
  const { isEn } = useI18n();
  const money = useMoney();
  return (
    <Table
      size="small"
      rowKey="application_id"
      dataSource={notice.items}
      pagination={false}
      scroll={{ x: true }}
      data-testid="notice-items"
      columns={[
        { title: '#', width: 50, render: (_, __, i) => i + 1 },
        { title: dt('common.beneficiary'), render: (_, item) => <>{item.beneficiary_name}<div className="mono muted">{item.credit_code_masked}</div></> },
        { title: dt('common.provision'), render: (_, item) => <><Tag>{item.catalogue}</Tag>{titleText(item.provision_title, isEn)}</> },
        { title: dt('common.amount'), align: 'right', render: (_, item) => <span data-testid="notice-item-amount">{money(item.amount_yuan)}</span> },
      ]}
    />
  );
}
