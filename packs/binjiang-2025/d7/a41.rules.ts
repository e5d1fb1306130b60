// （四十一）支持推进“幼有善育” — M37. The subsidy standard is an unset parameter of a41.yaml.
import { eq, fact, lit, param, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

export const rules: ProvisionRule[] = [
  {
    // No amount, rate or cap in the text (E19): pending until the implementing rules set it. Who has
    // 生育困难 and 确需 the treatment is established by the health department, an input fact here.
    provision: 'assisted-reproduction-subsidy',
    who: ['household'],
    when: eq(fact('welfare.assisted_reproduction_needed'), lit(true), {
      quote: '生育困难确需实施辅助生殖技术的家庭',
      label: { zh: '生育困难、确需实施辅助生殖技术的家庭', en: 'a family with fertility difficulties that genuinely needs assisted reproduction' },
    }),
    amount: param('assisted-reproduction-subsidy.amount', { quote: '落实补助' }),
  },
];
