// （四十四）支持推进“老有康养” — M38. The three subsidy standards are unset parameters of a44.yaml.
import { add, eq, fact, lit, param, type Expr, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

/** The three subsidies named by the clause, each with its own standard (all unset in 2025: E19). */
const threeSubsidies: Expr = {
  ...add(
    param('elderly-care-subsidies.service', { quote: '困难老年人服务补贴' }),
    param('elderly-care-subsidies.nursing-care', { quote: '养老护理补贴' }),
    param('elderly-care-subsidies.basic-living', { quote: '基本生活补贴' }),
  ),
  label: { zh: '服务补贴、养老护理补贴和基本生活补贴（标准待配套政策明确）', en: 'service, nursing-care and basic-living subsidies (standards left to the implementing rules)' },
};

export const rules: ProvisionRule[] = [
  {
    // No amount, rate, cap or period in the text: pending on all three standards. The profile holds one fact
    // (elderly person in hardship), not which of the three subsidies the person qualifies for; the three are
    // added as placeholders and the rule must be split by subsidy type once the implementing rules set them.
    provision: 'elderly-care-subsidies',
    who: ['individual', 'household'],
    when: eq(fact('welfare.elderly_in_hardship'), lit(true), {
      quote: '困难老年人',
      label: { zh: '困难老年人', en: 'an elderly person in hardship' },
    }),
    amount: threeSubsidies,
  },
];
