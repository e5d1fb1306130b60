// （四十六）支持推进“弱有众扶” — M39. The annual 低保 standard is a parameter of a46.yaml.
import { eq, fact, lit, param, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

export const rules: ProvisionRule[] = [
  {
    // A standard, not a computed payment: 「达到 15400 元以上」 sets the floor of the annual 低保 standard (it may
    // be set higher). The amount shown is that standard for a 低保 household; what the household is actually
    // paid against it (per member, net of household income) follows the 低保 rules, not this text (E17).
    provision: 'dibao-standard',
    who: ['household', 'individual'],
    when: eq(fact('welfare.dibao_household'), lit(true), {
      quote: '低保',
      label: { zh: '属低保家庭', en: 'a minimum-living-allowance (低保) household' },
    }),
    amount: param('dibao-standard.annual', {
      quote: '推进低保年标准达到 15400 元以上',
      label: { zh: '低保年标准（不低于该标准，非实际发放额）', en: 'annual 低保 standard (a floor, not the amount paid)' },
    }),
  },
];
