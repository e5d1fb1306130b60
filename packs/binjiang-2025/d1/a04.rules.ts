// （四）推动高能级科创平台提质增效 — M13, M14. Both amounts are unset in a04.yaml (E19, reading 5), so an
// eligible beneficiary is answered "pending" until the implementing rules set them.
import {
  all, eq, exists, field, lit, param, policyYear, recognisedInYear, scale, sumOf, inPolicyYear, type Expr, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';

/** The higher-level (provincial) key-laboratory grant received in the policy year (item bound as `g`). */
const provincialLabGrant: Expr = all([
  eq(field('g', 'kind'), lit('provincial-key-lab-grant')),
  eq(field('g', 'year'), policyYear()),
]);

export const rules: ProvisionRule[] = [
  {
    // 「经认定的」, not 「新认定的」 (E15): any recognition at national or provincial level dated in the policy year.
    // Centres are usually companies, so enterprises as well as institutions may hold the recognition.
    provision: 'mfg-innovation-centre',
    who: ['enterprise', 'institution'],
    when: recognisedInYear('manufacturing-innovation-centre', { levels: ['national', 'provincial'], quote: '对经认定的国家级、省级制造业创新中心' }),
    amount: param('mfg-innovation-centre.amount', { quote: '给予资助' }),
  },
  {
    // 配套 (reading 5): the provincial grant of the policy year is the base; the ratio is unset.
    provision: 'key-lab-province-matching',
    who: ['enterprise'],
    when: all([
      exists('r', 'recognitions', all([
        eq(field('r', 'type'), lit('key-laboratory')),
        eq(field('r', 'level'), lit('provincial')),
        eq(field('r', 'event'), lit('new')),
        eq(field('r', 'enterprise_led'), lit(true), { quote: '企业牵头建设', label: { zh: '由企业牵头建设', en: 'built with an enterprise as lead' } }),
        inPolicyYear(field('r', 'date')),
      ]), { quote: '对企业牵头建设新获批的省重点实验室' }),
      exists('g', 'grants_received', provincialLabGrant, {
        label: { zh: '政策年度获得省重点实验室上级资助', en: 'provincial key-laboratory grant received in the policy year' },
      }),
    ]),
    amount: scale(
      sumOf('g', 'grants_received', provincialLabGrant, field('g', 'amount'), { label: { zh: '上级（省级）资助金额', en: 'higher-level (provincial) grant' } }),
      param('key-lab-province-matching.ratio'),
      { quote: '给予配套资助' },
    ),
  },
];
