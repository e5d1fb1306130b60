// （二十一）推动生产性服务业高质量发展 — M35 and the stated software income-tax preferences T2, T3.
// The matching ratio, the exemption years, the halving and the reduced rate are parameters of a21.yaml; the
// statutory rate is national law, an input fact of the profile (software_tax.statutory_rate_percent).
import {
  add, all, eq, exists, fact, field, fy, ifThen, lit, lt, lte, not, param, pct, policyYear, recognisedInYear,
  scale, sub, sumOf, yearEnd, yearStart, type Expr, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';

/** The city-level key-software reward received in the policy year (the higher-level grant that is matched). */
const cityReward: Expr = all([eq(field('g', 'kind'), lit('city-key-software-reward')), eq(field('g', 'year'), policyYear())]);

/** Holds a recognition of this type dated on or before the end of the policy year. */
const holds = (type: 'software-enterprise' | 'key-software-enterprise', quote: string, label: { zh: string; en: string }): Expr =>
  exists('r', 'recognitions', all([eq(field('r', 'type'), lit(type)), lte(field('r', 'date'), yearEnd())]), { quote, label });

/** Years since the first profitable year: 0 in the first profitable year itself. */
const yearsSinceFirstProfit: Expr = {
  ...sub(policyYear(), fact('software_tax.first_profit_year')),
  label: { zh: '政策年度距获利年度的年数（获利年度为第0年）', en: 'years since the first profitable year (that year is 0)' },
};

const profitable: Expr = lte(fact('software_tax.first_profit_year'), policyYear(), {
  label: { zh: '获利年度不晚于政策年度', en: 'first profitable year is not after the policy year' },
});

/** The income tax the statutory rate would levy on the policy year's taxable profit. */
const fullTax: Expr = pct(fy(0, 'taxable_profit'), fact('software_tax.statutory_rate_percent'), {
  label: { zh: '应纳税所得额 × 法定税率（全额免征）', en: 'taxable profit × statutory rate (full exemption)' },
});

export const rules: ProvisionRule[] = [
  {
    // 首次入选 (E15): newly selected in the policy year and never selected before. 配套 (reading 5): the city
    // reward of the policy year is the input; the district's ratio is unset → pending.
    provision: 'key-software-first',
    who: ['enterprise'],
    when: all([
      recognisedInYear('key-software-enterprise', { event: 'new', quote: '对首次入选的软件企业' }),
      not(exists('e', 'recognitions', all([eq(field('e', 'type'), lit('key-software-enterprise')), lt(field('e', 'date'), yearStart())])), {
        quote: '首次入选',
        label: { zh: '此前从未入选国家鼓励的重点软件企业', en: 'never selected as a key software enterprise before' },
      }),
      exists('g', 'grants_received', cityReward, { quote: '按市级政策给予配套奖励', label: { zh: '政策年度内获得市级重点软件企业奖励', en: 'received the city key-software reward in the policy year' } }),
    ]),
    amount: scale(
      sumOf('g', 'grants_received', cityReward, field('g', 'amount'), { label: { zh: '市级奖励金额', en: 'city reward' } }),
      param('key-software-first.ratio'),
      { quote: '按市级政策给予配套奖励' },
    ),
  },
  {
    // 两免三减半, counted from the first profitable year: years 0–1 exempt (the full statutory tax is the
    // relief), years 2–4 at half rate (half of it is the relief), later years nothing.
    provision: 'software-income-tax-2-3',
    who: ['enterprise'],
    when: all([
      holds('software-enterprise', '符合条件的软件企业', { zh: '是符合条件的软件企业', en: 'is a qualifying software enterprise' }),
      profitable,
      lt(yearsSinceFirstProfit, add(param('software-income-tax-2-3.exempt-years'), param('software-income-tax-2-3.half-rate-years')), {
        quote: '两免三减半',
        label: { zh: '政策年度在两免三减半的5个年度内', en: 'policy year within the 2 exempt + 3 half-rate years' },
      }),
    ]),
    amount: ifThen(
      lt(yearsSinceFirstProfit, param('software-income-tax-2-3.exempt-years'), { quote: '两免', label: { zh: '处于免征年度', en: 'in an exempt year' } }),
      fullTax,
      scale(fullTax, param('software-income-tax-2-3.ratio'), { quote: '三减半', label: { zh: '应纳税额减半', en: 'half of the tax' } }),
    ),
  },
  {
    // 五免后减按 10%: years 0–4 exempt; from year 5 the relief is the statutory rate minus 10% of the profit.
    // The text states no end to the reduced rate, so none is encoded (a statutory rate ≤ 10% gives no relief).
    provision: 'key-software-income-tax-5-10',
    who: ['enterprise'],
    when: all([
      holds('key-software-enterprise', '重点软件企业', { zh: '是国家鼓励的重点软件企业', en: 'is a nationally encouraged key software enterprise' }),
      profitable,
    ]),
    amount: ifThen(
      lt(yearsSinceFirstProfit, param('key-software-income-tax-5-10.exempt-years'), { quote: '五免', label: { zh: '处于免征年度', en: 'in an exempt year' } }),
      fullTax,
      pct(fy(0, 'taxable_profit'), sub(fact('software_tax.statutory_rate_percent'), param('key-software-income-tax-5-10.reduced-rate')), {
        quote: '减按 10%',
        label: { zh: '应纳税所得额 × (法定税率 − 10%)', en: 'taxable profit × (statutory rate − 10%)' },
      }),
    ),
  },
];
