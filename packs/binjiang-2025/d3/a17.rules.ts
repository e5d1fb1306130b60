// （十七）加力扩围消费品以旧换新 — M33. The subsidy standard is an unset parameter of a17.yaml.
import { eq, fact, lit, param, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

export const rules: ProvisionRule[] = [
  {
    // 「按国家政策」 (E20): no amount or tier in the text; pending until the implementing rules set it.
    provision: 'trade-in-digital',
    who: ['individual'],
    when: eq(fact('welfare.trade_in_digital_purchase'), lit(true), {
      quote: '按国家政策扩围支持手机、平板等数码产品购新补贴',
      label: { zh: '按国家政策购新手机、平板等数码产品', en: 'bought a new phone, tablet or other digital product under the national policy' },
    }),
    amount: param('trade-in-digital.amount'),
  },
];
