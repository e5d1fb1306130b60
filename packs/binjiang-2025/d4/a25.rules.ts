// （二十五）积极培育外贸新模式 — M36. The floor rate and the raised key-country rate are parameters of a25.yaml.
import { all, eq, exists, field, ifThen, lit, param, pct, policyYear, sumOf, type Expr, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

/** A short-term export credit insurance premium paid in the policy year (one policy period each). */
const premiumInYear: Expr = all([
  eq(field('p', 'kind'), lit('short-term-export-credit'), { quote: '短期出口信用保险保费' }),
  eq(field('p', 'year'), policyYear(), { label: { zh: '保费发生在政策年度内', en: 'premium paid in the policy year' } }),
]);

export const rules: ProvisionRule[] = [
  {
    // 「不低于 60%」 is a floor (reading 3, E13): the engine computes 60% of each premium. 「可根据重点国别需要
    // 继续提高补助标准至 80%」 is a discretionary raise: 80% only where the premium is established as a key-country
    // one (key_country true). Each premium is floored to whole yuan on its own, then the premiums are added.
    provision: 'export-credit-insurance',
    who: ['enterprise'],
    when: exists('p', 'premiums', premiumInYear, {
      quote: '对短期出口信用保险保费给予不低于 60% 补助',
      label: { zh: '政策年度内缴纳短期出口信用保险保费', en: 'paid short-term export credit insurance premiums in the policy year' },
    }),
    amount: sumOf('p', 'premiums', premiumInYear, ifThen(
      eq(field('p', 'key_country'), lit(true), {
        quote: '可根据重点国别需要继续提高补助标准至 80%',
        label: { zh: '属重点国别需要（按提高后的比例）', en: 'needed for a key country (raised rate)' },
      }),
      pct(field('p', 'amount'), param('export-credit-insurance.key-country-rate'), {
        quote: '继续提高补助标准至 80%',
        label: { zh: '保费 × 重点国别提高后比例', en: 'premium × raised key-country rate' },
      }),
      pct(field('p', 'amount'), param('export-credit-insurance.floor-rate'), {
        quote: '给予不低于 60% 补助',
        label: { zh: '保费 × 最低补助比例', en: 'premium × minimum rate' },
      }),
      { label: { zh: '该笔保费补助（重点国别按提高后比例，否则按最低比例）', en: 'subsidy on this premium (raised rate for a key country, else the minimum rate)' } },
    ), { label: { zh: '各笔保费补助之和（不低于）', en: 'sum of the subsidies per premium (a floor)' } }),
  },
];
