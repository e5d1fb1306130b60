// （二）完善全链条科技企业孵化体系 — M05–M12. Amounts, rates and periods are parameters of a02.yaml; the
// recognition, assessment and operating amounts are unset (E19), so those provisions answer "pending".
import {
  all, any, eq, exists, field, gt, gte, ifThen, inPolicyYear, itemList, known, lit, lt, lte, monthOf, not, oneOf, param, pct,
  policyYear, scale, sumOf, addYears, yearEnd, yearStart, type Expr, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';

/** A new recognition (新认定) of this type at one of these levels, dated within the policy year (item bound as `r`). */
function newRecognition(type: string, levels: string[]): Expr {
  return all([
    eq(field('r', 'type'), lit(type)),
    oneOf(field('r', 'level'), levels),
    eq(field('r', 'event'), lit('new')),
    inPolicyYear(field('r', 'date')),
  ]);
}

/** The incubator recognition standard of the recognition's level (item bound as `r`): 国家级 / 省级 / 市级, 「分别」. */
const incubatorStandardOfLevel: Expr = ifThen(
  eq(field('r', 'level'), lit('national')),
  param('incubator-recognition.national'),
  ifThen(eq(field('r', 'level'), lit('provincial')), param('incubator-recognition.provincial'), param('incubator-recognition.city')),
  { label: { zh: '按认定级别（国家级、省级、市级）取认定奖励标准', en: 'recognition standard of the level (national, provincial, city)' } },
);

/** An 优秀 result in a national or provincial assessment of this carrier, for the policy year (item bound as `a`). */
function excellence(carrier: 'incubator' | 'maker-space'): Expr {
  return all([
    eq(field('a', 'kind'), lit('excellence')),
    eq(field('a', 'carrier'), lit(carrier)),
    oneOf(field('a', 'level'), ['national', 'provincial']),
    eq(field('a', 'grade'), lit('excellent')),
    eq(field('a', 'year'), policyYear()),
  ]);
}

/** The incubator excellence standard of the assessment's level (item bound as `a`). */
const excellenceStandardOfLevel: Expr = ifThen(
  eq(field('a', 'level'), lit('national')),
  param('incubator-excellence.national'),
  param('incubator-excellence.provincial'),
  { label: { zh: '按考核级别（国家级、省级）取奖励标准', en: 'excellence reward standard of the level (national, provincial)' } },
);

/** The five-star or four-star grade of the city's annual performance evaluation for the policy year (item bound as `a`). */
const starRated: Expr = all([
  eq(field('a', 'kind'), lit('performance')),
  eq(field('a', 'level'), lit('city')),
  oneOf(field('a', 'grade'), ['five-star', 'four-star']),
  eq(field('a', 'year'), policyYear()),
]);

/** A rent month (item `m`) of the policy year. */
const rentMonthInYear: Expr = all([
  gte(field('m', 'month'), monthOf(yearStart())),
  lte(field('m', 'month'), monthOf(yearEnd())),
], { label: { zh: '租金月份在政策年度内', en: 'rent month within the policy year' } });

/** M11: a rent month of the policy year within the first three years after entry (entry month = month 1). */
const incubateeRentMonth: Expr = all([
  rentMonthInYear,
  gte(field('m', 'month'), monthOf(field('i', 'entered')), { label: { zh: '租金月份不早于入驻当月', en: 'rent month not before the month of entry' } }),
  lt(field('m', 'month'), monthOf(addYears(field('i', 'entered'), param('incubatee-rent.years'))), {
    quote: '前三年',
    label: { zh: '租金月份在入驻后前三年内（入驻当月起36个月）', en: 'rent month within the first three years after entry (36 months from the month of entry)' },
  }),
  // 在孵: months up to and including the graduation month; no graduation date means still incubated.
  any([not(known(field('i', 'graduated'))), lte(field('m', 'month'), monthOf(field('i', 'graduated')))], {
    quote: '在孵、创客企业',
    label: { zh: '租金月份尚在孵化期内（未毕业或不晚于毕业当月）', en: 'rent month while still incubated (no graduation, or not after the graduation month)' },
  }),
]);

/** Carrier recognised at city level or higher (item `i`). */
const cityOrHigherCarrier: Expr = oneOf(field('i', 'carrier_level'), ['national', 'provincial', 'city'], {
  quote: '入驻市级及以上科技企业孵化器、众创空间',
  label: { zh: '入驻市级及以上孵化器、众创空间', en: 'carrier recognised at city level or higher' },
});

/** M12: a rent month of the policy year in the two years after graduation (the 24 months after the graduation month). */
const graduateRentMonth: Expr = all([
  known(field('i', 'graduated'), { label: { zh: '已毕业出孵', en: 'has graduated' } }),
  rentMonthInYear,
  gt(field('m', 'month'), monthOf(field('i', 'graduated')), { label: { zh: '租金月份在毕业出孵当月之后', en: 'rent month after the month of graduation' } }),
  lte(field('m', 'month'), monthOf(addYears(field('i', 'graduated'), param('graduate-rent.years'))), {
    quote: '毕业出孵两年内',
    label: { zh: '租金月份在毕业出孵两年内', en: 'rent month within two years of graduation' },
  }),
]);

export const rules: ProvisionRule[] = [
  {
    // 「分别」 tiers by level (E04); each new recognition in the policy year pays its level's standard (unset).
    provision: 'incubator-recognition',
    who: ['incubator'],
    when: exists('r', 'recognitions', newRecognition('incubator', ['national', 'provincial', 'city']), { quote: '对新认定的国家级、省级、市级科技企业孵化器' }),
    amount: sumOf('r', 'recognitions', newRecognition('incubator', ['national', 'provincial', 'city']), incubatorStandardOfLevel, { quote: '分别给予认定奖励' }),
  },
  {
    // 减半 (reading 4): half of the incubator standard of the same level; pending while that standard is unset.
    provision: 'maker-space-recognition',
    who: ['maker-space'],
    when: exists('r', 'recognitions', newRecognition('maker-space', ['national', 'provincial', 'city']), {
      quote: '众创空间按照孵化器认定奖励标准减半奖励',
      label: { zh: '政策年度内新认定的国家级、省级或市级众创空间', en: 'maker space newly recognised at national, provincial or city level in the policy year' },
    }),
    amount: scale(
      sumOf('r', 'recognitions', newRecognition('maker-space', ['national', 'provincial', 'city']), incubatorStandardOfLevel, { quote: '按照孵化器认定奖励标准' }),
      param('maker-space-recognition.ratio'),
      { quote: '减半奖励' },
    ),
  },
  {
    // Two kinds, each at its own level, 「分别」: a provincial 海外创新孵化中心 and a city-level 海外科技创新中心.
    provision: 'overseas-innovation-centre',
    who: ['incubator', 'maker-space', 'enterprise', 'institution'],
    when: any([
      exists('r', 'recognitions', newRecognition('overseas-innovation-incubation-centre', ['provincial']), { quote: '新认定的省级海外创新孵化中心' }),
      exists('r', 'recognitions', newRecognition('overseas-sci-tech-innovation-centre', ['city']), { quote: '市级海外科技创新中心' }),
    ]),
    amount: sumOf('r', 'recognitions', any([
      newRecognition('overseas-innovation-incubation-centre', ['provincial']),
      newRecognition('overseas-sci-tech-innovation-centre', ['city']),
    ]), ifThen(
      eq(field('r', 'type'), lit('overseas-innovation-incubation-centre')),
      param('overseas-innovation-centre.provincial'),
      param('overseas-innovation-centre.city'),
    ), { quote: '分别给予奖励支持' }),
  },
  {
    provision: 'incubator-excellence',
    who: ['incubator'],
    when: exists('a', 'assessments', excellence('incubator'), { quote: '对获国家级、省级考核优秀的科技企业孵化器' }),
    amount: sumOf('a', 'assessments', excellence('incubator'), excellenceStandardOfLevel, { quote: '分别给予奖励' }),
  },
  {
    provision: 'maker-space-excellence',
    who: ['maker-space'],
    when: exists('a', 'assessments', excellence('maker-space'), {
      quote: '众创空间按科技企业孵化器奖励标准减半执行',
      label: { zh: '政策年度获国家级或省级考核优秀的众创空间', en: 'maker space rated excellent in a national or provincial assessment for the policy year' },
    }),
    amount: scale(
      sumOf('a', 'assessments', excellence('maker-space'), excellenceStandardOfLevel, { quote: '按科技企业孵化器奖励标准' }),
      param('maker-space-excellence.ratio'),
      { quote: '减半执行' },
    ),
  },
  {
    // The city's annual performance evaluation (kind performance, level city) graded for the policy year.
    provision: 'incubator-operating',
    who: ['incubator', 'maker-space'],
    when: exists('a', 'assessments', starRated, { quote: '对年度绩效评价为五星（优秀）、四星（良好）等次的市级科技企业孵化器（众创空间）' }),
    amount: sumOf('a', 'assessments', starRated, ifThen(
      eq(field('a', 'grade'), lit('five-star')),
      param('incubator-operating.five-star'),
      param('incubator-operating.four-star'),
      { label: { zh: '按等次（五星、四星）取运营资助', en: 'operating grant of the grade (five or four stars)' } },
    ), { quote: '分别给予运营资助' }),
  },
  {
    // A rate ceiling (reading 2) on the actual rent of the months of the policy year that fall in the first 36
    // months from the month of entry, in carriers of city level or higher.
    provision: 'incubatee-rent',
    who: ['enterprise'],
    when: exists('i', 'incubation', all([
      cityOrHigherCarrier,
      exists('m', itemList('i', 'rent'), incubateeRentMonth, { label: { zh: '有入驻后前三年内、政策年度内的房租', en: 'rent paid in the policy year within the first three years after entry' } }),
    ]), { quote: '对入驻市级及以上科技企业孵化器、众创空间的在孵、创客企业' }),
    amount: pct(
      sumOf('i', 'incubation', cityOrHigherCarrier, sumOf('m', itemList('i', 'rent'), incubateeRentMonth, field('m', 'amount'), { label: { zh: '该载体入驻后前三年内、政策年度内的月房租合计', en: 'rent of the policy-year months within three years of entry' } }), {
        quote: '实际租房价格',
        label: { zh: '符合条件月份的实际房租合计', en: 'actual rent of the qualifying months' },
      }),
      param('incubatee-rent.rate'),
      { quote: '最高不超过实际租房价格 50%', label: { zh: '实际房租 × 50%（上限）', en: 'actual rent × 50% (ceiling)' } },
    ),
  },
  {
    // A plain rate on the rent of the months of the policy year in the 24 months after the graduation month.
    provision: 'graduate-rent',
    who: ['enterprise'],
    when: exists('i', 'incubation', exists('m', itemList('i', 'rent'), graduateRentMonth), {
      quote: '毕业出孵两年内',
      label: { zh: '有毕业出孵两年内、政策年度内的房租', en: 'rent paid in the policy year within two years of graduation' },
    }),
    amount: pct(
      sumOf('i', 'incubation', undefined, sumOf('m', itemList('i', 'rent'), graduateRentMonth, field('m', 'amount'), { label: { zh: '毕业出孵两年内、政策年度内的月房租合计', en: 'rent of the policy-year months within two years of graduation' } }), {
        label: { zh: '毕业出孵两年内月份的房租合计', en: 'rent of the months within two years of graduation' },
      }),
      param('graduate-rent.rate'),
      { quote: '给予 50% 的房租补贴', label: { zh: '房租 × 50%', en: 'rent × 50%' } },
    ),
  },
];
