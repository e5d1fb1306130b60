// （十五）支持企业高质量发展 — M31, M32. Caps and the years are parameters of a15.yaml.
import {
  add, all, countOf, eq, fact, field, gte, lit, lte, param, policyYear, sub, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';

const industrial = eq(fact('industrial'), lit(true), { quote: '工业企业' });

export const rules: ProvisionRule[] = [
  {
    // 首次上规纳统 in the policy year; 「最高20万元」 is a ceiling (reading 2).
    provision: 'above-scale-entry',
    who: ['enterprise'],
    when: all([
      industrial,
      eq(fact('above_scale_entry_year'), policyYear(), {
        quote: '首次上规纳统',
        label: { zh: '首次上规纳统年份为政策年度', en: 'first entered the above-scale statistics in the policy year' },
      }),
    ]),
    amount: param('above-scale-entry.cap', { quote: '给予最高20万元的一次性奖励' }),
  },
  {
    // Reading (the peer benchmark's R10): entered in Y−3 or earlier (entry year + 3 ≤ Y) and above scale in
    // every financial year from the entry year to Y−1. Financial years are unique in a profile, so "every
    // year, none missing" is: the number of records in [entry year, Y−1] marked above scale equals Y − entry
    // year. A year with no record counts as not above scale; a record without above_scale is unknown.
    // 「再给予」: on top of above-scale-entry (reading 9, E11); 「不超过30万元」 is a ceiling.
    provision: 'above-scale-retention',
    who: ['enterprise'],
    when: all([
      industrial,
      lte(add(fact('above_scale_entry_year'), param('above-scale-retention.years')), policyYear(), {
        quote: '上规后连续3年',
        label: { zh: '首次上规纳统年份 + 3年 ≤ 政策年度（已满3个在规年度）', en: 'entry year + 3 years ≤ policy year (three years above scale completed)' },
      }),
      eq(
        countOf('y', 'financial_years', all([
          gte(field('y', 'year'), fact('above_scale_entry_year')),
          lte(field('y', 'year'), policyYear(-1)),
          eq(field('y', 'above_scale', { label: { zh: '是否规上', en: 'above scale' } }), lit(true), { label: { zh: '该年度在规', en: 'above scale that year' } }),
        ]), { label: { zh: '自上规年度至上年在规的年度数', en: 'years above scale from the entry year to last year' } }),
        sub(policyYear(), fact('above_scale_entry_year')),
        {
          quote: '保持在规',
          label: { zh: '自上规年度至上年每一年均在规（无缺年）', en: 'above scale in every year from the entry year to last year (no year missing)' },
        },
      ),
    ]),
    amount: param('above-scale-retention.cap', { quote: '再给予不超过30万元的一次性奖励' }),
  },
];
