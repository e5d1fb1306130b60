// （十二）支持推动工业领域设备更新和技术改造 — M27. The rate is a parameter of a12.yaml.
import { all, eq, exists, field, lit, param, pct, policyYear, sumOf, type Expr, type ProvisionRule } from '../../../src/core/engine/dsl.ts';

/** An equipment-renewal or technical-upgrade project of the policy year in a key industrial sector. */
const keySectorUpgrade: Expr = all([
  eq(field('p', 'kind'), lit('equipment-upgrade'), { quote: '设备更新和技术改造项目' }),
  eq(field('p', 'year'), policyYear(), { label: { zh: '项目属于政策年度', en: 'project of the policy year' } }),
  eq(field('p', 'key_sector'), lit(true), { quote: '工业重点行业' }),
]);

export const rules: ProvisionRule[] = [
  {
    // 「最高按…20%」 is a ceiling (reading 2, E12): per project, 20% of its actual investment (floored to the
    // yuan), summed over the enterprise's qualifying projects of the year. No absolute 元 cap is stated.
    provision: 'equipment-renewal',
    who: ['enterprise'],
    when: exists('p', 'projects', keySectorUpgrade, {
      quote: '更加聚焦支持工业重点行业设备更新和技术改造项目',
      label: { zh: '政策年度内有工业重点行业设备更新和技术改造项目', en: 'has an equipment-renewal or technical-upgrade project in a key industrial sector in the policy year' },
    }),
    amount: sumOf('p', 'projects', keySectorUpgrade, pct(field('p', 'actual_investment'), param('equipment-renewal.rate'), {
      quote: '最高按项目实际投资额的 20% 给予补助',
      label: { zh: '项目实际投资额 × 20%', en: "project's actual investment × 20%" },
    }), { label: { zh: '各项目补助上限之和', en: 'sum of the per-project ceilings' } }),
  },
];
