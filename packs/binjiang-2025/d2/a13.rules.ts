// （十三）鼓励企业加大研发投入 — M28, M29, M30. Thresholds, rates and caps are parameters of a13.yaml.
import {
  all, any, every, exists, field, fy, gte, growthAtLeast, lit, lt, min, param, pct, policyYear, ratioAtLeast, scale,
  sub, sumOf, eq, lte, yearEnd, yearStart, type Expr, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';

/** Conditions of 高研值 for the financial year Y+offset (reading 7b: the two latest completed years). */
function highRdYear(offset: number): Expr {
  return all([
    growthAtLeast(fy(offset, 'rd_expense'), fy(offset - 1, 'rd_expense'), param('high-rd-value.growth-threshold'), { quote: '研发投入增速达 20%' }),
    ratioAtLeast(fy(offset, 'rd_expense'), fy(offset, 'revenue'), param('high-rd-value.intensity-threshold'), { quote: '强度达 10%' }),
    gte(sub(fy(offset, 'rd_expense'), fy(offset - 1, 'rd_expense')), param('high-rd-value.increase-threshold'), {
      quote: '增量在 100 万元以上',
      label: { zh: `研发投入增量 ≥ 增量门槛（${offset === -1 ? '上年' : '前年'}）`, en: `R&D increase ≥ threshold (year ${offset})` },
    }),
  ]);
}

/** Holds a national high-tech certificate valid in the policy year (recognised on or before its end, not expired before its start). */
const holdsHighTechCertificate: Expr = exists('c', 'recognitions', all([
  eq(field('c', 'type'), lit('high-tech-enterprise')),
  lte(field('c', 'date'), yearEnd()),
  gte(field('c', 'valid_until'), yearStart()),
]), { quote: '“高研值”高新技术企业', label: { zh: '持有有效的国家高新技术企业证书', en: 'holds a valid national high-tech enterprise certificate' } });

export const rules: ProvisionRule[] = [
  {
    // 配套: the city-level grant is the input; the district's ratio is left to the implementing rules.
    provision: 'rd-grant-matching',
    who: ['enterprise'],
    when: all([
      exists('s', 'recognitions', all([eq(field('s', 'type'), lit('sci-tech-sme')), lte(field('s', 'date'), yearEnd())]), { quote: '对科技型中小企业', label: { zh: '是科技型中小企业', en: 'is a science and technology SME' } }),
      exists('g', 'grants_received', all([eq(field('g', 'kind'), lit('city-rd-grant')), eq(field('g', 'year'), policyYear())]), { quote: '获得的市级研发补助' }),
    ]),
    amount: scale(
      sumOf('g', 'grants_received', all([eq(field('g', 'kind'), lit('city-rd-grant')), eq(field('g', 'year'), policyYear())]), field('g', 'amount')),
      param('rd-grant-matching.ratio'),
      { quote: '区级给予相应配套资助' },
    ),
  },
  {
    provision: 'high-rd-value',
    who: ['enterprise'],
    when: all([holdsHighTechCertificate, highRdYear(-1), highRdYear(-2)], { quote: '对连续两年研发投入增速达 20%、强度达 10%，且增量在 100 万元以上的“高研值”高新技术企业' }),
    amount: min([
      pct(sub(fy(-1, 'rd_expense'), fy(-2, 'rd_expense')), param('high-rd-value.rate'), { quote: '按新增研发费 10% 给予补助', label: { zh: '新增研发费 × 10%', en: 'new R&D spending × 10%' } }),
      param('high-rd-value.cap'),
    ], { quote: '最高不超过 100 万元', label: { zh: '不超过最高额度', en: 'capped' } }),
  },
  {
    // 首次达到: reached in the latest completed year (Y−1), and in no earlier year on record (reading 8).
    provision: 'rd-first-2m',
    who: ['enterprise'],
    when: all([
      eq(fy(-1, 'above_scale'), lit(true), { quote: '规上企业' }),
      gte(fy(-1, 'rd_expense'), param('rd-first-2m.threshold'), { quote: '研发费用首次达到 200 万元' }),
      every('y', 'financial_years', any([gte(field('y', 'year'), policyYear(-1)), lt(field('y', 'rd_expense'), param('rd-first-2m.threshold'))]), {
        label: { zh: '此前各年研发费用均未达到 200 万元', en: 'no earlier year reached 2 million yuan' },
      }),
    ]),
    amount: param('rd-first-2m.amount'),
  },
];
