// （八）强化科技金融支撑保障 — M25. The matching ratio is an unset parameter of a08.yaml (reading 5).
import {
  all, any, eq, exists, field, lit, lte, param, policyYear, scale, sumOf, yearEnd, type Expr, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';

/** Recognised as this kind of body by the end of the policy year. */
const holds = (type: string, zh: string, en: string): Expr =>
  exists('r', 'recognitions', all([eq(field('r', 'type'), lit(type)), lte(field('r', 'date'), yearEnd())]), { label: { zh: `是${zh}`, en: `is ${en}` } });

/** The higher-level grant for R&D or commercialisation S&T insurance, received in the policy year. */
const insuranceGrant: Expr = all([eq(field('g', 'kind'), lit('superior-tech-insurance-grant')), eq(field('g', 'year'), policyYear())]);

export const rules: ProvisionRule[] = [
  {
    // 配套 (reading 5, E08): the higher-level grant is the input, the district's ratio is unset.
    provision: 'tech-insurance-matching',
    who: ['enterprise', 'institution'],
    when: all([
      any([
        holds('sci-tech-platform', '科创平台', 'a sci-tech innovation platform'),
        holds('sci-tech-sme', '科技型中小企业', 'a science and technology SME'),
        holds('high-tech-enterprise', '高新技术企业', 'a high-tech enterprise'),
      ], { quote: '对科创平台、科技型中小企业、高新技术企业' }),
      exists('g', 'grants_received', insuranceGrant, {
        quote: '购买的研发类科技保险、科技成果转化保险',
        label: { zh: '政策年度内获得研发类或成果转化科技保险的上级资助', en: 'a higher-level grant for R&D or commercialisation insurance within the policy year' },
      }),
    ]),
    amount: scale(
      sumOf('g', 'grants_received', insuranceGrant, field('g', 'amount'), { label: { zh: '政策年度内科技保险上级资助合计', en: 'higher-level insurance grants in the policy year' } }),
      param('tech-insurance-matching.ratio'),
      { quote: '按上级资助给予配套资助' },
    ),
  },
];
