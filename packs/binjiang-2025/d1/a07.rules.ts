// （七）推进科技领域重大项目建设 — M24. The subsidy standard is an unset parameter of a07.yaml (E19).
import { all, eq, exists, field, gt, lit, param, policyYear, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

export const rules: ProvisionRule[] = [
  {
    // No amount, rate or cap is stated: any compute-power spending in the policy year is a candidate and
    // the result is pending until the implementing rules set the standard.
    provision: 'compute-subsidy',
    who: ['enterprise', 'institution'],
    when: exists('s', 'compute_spend', all([eq(field('s', 'year'), policyYear()), gt(field('s', 'amount'), lit(0))]), {
      quote: '通过给予算力补贴降低算力服务成本',
      label: { zh: '政策年度内有算力服务支出', en: 'compute-power spending within the policy year' },
    }),
    amount: param('compute-subsidy.amount'),
  },
];
