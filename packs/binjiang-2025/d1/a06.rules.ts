// （六）支持开展关键核心技术攻关 — M23. The ceiling is a parameter of a06.yaml.
import {
  all, countOf, eq, exists, field, lit, lte, mul, param, policyYear, yearEnd, type Expr, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';

/** A major S&T project of the consortium, carried out in the policy year, that can produce landmark results. */
const landmarkProject: Expr = all([
  eq(field('j', 'kind'), lit('consortium-major-project')),
  eq(field('j', 'year'), policyYear()),
  eq(field('j', 'landmark'), lit(true), { quote: '能形成标志性成果' }),
]);

export const rules: ProvisionRule[] = [
  {
    // A ceiling (reading 2), discretionary (「可」), for the three levels together (E07). The profile is the
    // consortium's applicant (its lead unit); the consortium must be a provincial one by the end of the year.
    // Each qualifying project is one event: the ceiling applies per project.
    provision: 'consortium-major-project',
    who: ['enterprise', 'institution'],
    when: all([
      exists('c', 'recognitions', all([
        eq(field('c', 'type'), lit('innovation-consortium')),
        eq(field('c', 'level'), lit('provincial')),
        lte(field('c', 'date'), yearEnd()),
      ]), { quote: '省级创新联合体实施的', label: { zh: '是省级创新联合体', en: 'is a provincial innovation consortium' } }),
      exists('j', 'projects', landmarkProject, {
        quote: '能形成标志性成果的重大科技项目',
        label: { zh: '政策年度内实施能形成标志性成果的重大科技项目', en: 'a major S&T project in the policy year that can produce landmark results' },
      }),
    ]),
    amount: mul(
      countOf('j', 'projects', landmarkProject, { label: { zh: '符合条件的重大科技项目数', en: 'qualifying major projects' } }),
      param('consortium-major-project.ceiling'),
      { quote: '省市区三级联动可给予最高3000万元补助', label: { zh: '每个项目不超过三级联动最高额度', en: 'at most the combined ceiling per project' } },
    ),
  },
];
