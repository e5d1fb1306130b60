// （五）加速科技成果向新质生产力的有效转化 — M15–M22. Amounts, the rate and the cap are parameters of a05.yaml.
import {
  all, countOf, eq, exists, field, inPolicyYear, lit, min, mul, oneOf, param, pct, sumOf,
  type Expr, type ProvisionRule,
} from '../../../src/core/engine/dsl.ts';
import type { BeneficiaryKind } from '../../../src/core/profile.ts';

type PrizeKind = 'state-top-sci' | 'state-progress-special' | 'state-first' | 'state-second';
type Level = 'national' | 'provincial' | 'city';

// The text does not say who receives a prize reward (person, team or organisation): any of them may.
const PRIZE_WINNERS: BeneficiaryKind[] = ['individual', 'team', 'enterprise', 'institution'];
// A proof-of-concept centre or pilot-test base is run by an institution or an enterprise (the clause names the carrier only).
const CARRIERS: BeneficiaryKind[] = ['institution', 'enterprise'];

/** A prize of this kind, newly won (dated) within the policy year. */
const prizeWon = (kind: PrizeKind): Expr => all([eq(field('p', 'kind'), lit(kind)), inPolicyYear(field('p', 'date'))]);

const PRIZE_LABEL: Record<PrizeKind, { zh: string; en: string }> = {
  'state-top-sci': { zh: '国家最高科学技术奖', en: 'State Preeminent Science and Technology Award' },
  'state-progress-special': { zh: '国家科学技术进步奖特等奖', en: 'State S&T Progress Award, special class' },
  'state-first': { zh: '国家科学技术奖一等奖', en: 'first-class State S&T Award' },
  'state-second': { zh: '国家科学技术奖二等奖', en: 'second-class State S&T Award' },
};

/** One reward per award newly won in the policy year (each award is one event). */
function prizeRule(provision: string, kind: PrizeKind, quote: string): ProvisionRule {
  const label = PRIZE_LABEL[kind];
  return {
    provision,
    who: PRIZE_WINNERS,
    when: exists('p', 'prizes', prizeWon(kind), { quote, label: { zh: `政策年度内新获得${label.zh}`, en: `won a ${label.en} within the policy year` } }),
    amount: mul(
      countOf('p', 'prizes', prizeWon(kind), { label: { zh: `政策年度内新获得的${label.zh}项数`, en: `${label.en}s won within the policy year` } }),
      param(`${provision}.amount`),
      { label: { zh: `获奖项数 × ${label.zh}奖励金额`, en: `awards × the reward per ${label.en}` } },
    ),
  };
}

const LEVEL_LABEL: Record<Level, { zh: string; en: string }> = {
  national: { zh: '国家级', en: 'national' },
  provincial: { zh: '省级', en: 'provincial' },
  city: { zh: '市级', en: 'city-level' },
};

/** A proof-of-concept centre or a pilot-test base newly listed at this level within the policy year. */
const newlyListed = (level: Level): Expr => all([
  oneOf(field('r', 'type'), ['proof-of-concept-centre', 'pilot-test-base'], { quote: '概念验证中心、中试基地', label: { zh: '是概念验证中心或中试基地', en: 'a proof-of-concept centre or a pilot-test base' } }),
  eq(field('r', 'level'), lit(level), { label: { zh: `级别为${LEVEL_LABEL[level].zh}`, en: `at ${LEVEL_LABEL[level].en} level` } }),
  eq(field('r', 'event'), lit('new'), { quote: '新列入认定名单', label: { zh: '新列入认定名单', en: 'newly listed' } }),
  inPolicyYear(field('r', 'date')),
]);

// The 国家 / 省 / 市 ladder applies to both carriers (E02): each new listing at the level pays the level's
// amount, so a carrier listed as both a centre and a base at one level is paid twice. A listing at one
// level does not reduce the reward of another (the text states no deduction).
function listingRule(provision: string, level: Level): ProvisionRule {
  const label = LEVEL_LABEL[level];
  return {
    provision,
    who: CARRIERS,
    when: exists('r', 'recognitions', newlyListed(level), {
      quote: '对新列入认定名单的国家、省、市级概念验证中心、中试基地',
      label: { zh: `政策年度内新列入${label.zh}概念验证中心或中试基地认定名单`, en: `newly listed as a ${label.en} proof-of-concept centre or pilot-test base within the policy year` },
    }),
    amount: mul(
      countOf('r', 'recognitions', newlyListed(level), { label: { zh: `政策年度内新列入的${label.zh}概念验证中心、中试基地数`, en: `${label.en} listings within the policy year` } }),
      param(`${provision}.amount`),
      { quote: '分别给予200万元、100万元、50万元奖励', label: { zh: `新列入数 × ${label.zh}奖励金额`, en: `listings × the ${label.en} amount` } },
    ),
  };
}

/** A technology contract registered (认定登记) within the policy year. */
const registeredInYear: Expr = inPolicyYear(field('c', 'registered_on'));

export const rules: ProvisionRule[] = [
  prizeRule('state-top-sci-award', 'state-top-sci', '新获得国家最高科学技术奖'),
  prizeRule('state-sci-progress-special', 'state-progress-special', '国家科学技术进步奖特等奖'),
  prizeRule('state-sci-award-first', 'state-first', '新获得国家科学技术奖一、二等奖'),
  prizeRule('state-sci-award-second', 'state-second', '新获得国家科学技术奖一、二等奖'),
  listingRule('poc-pilot-national', 'national'),
  listingRule('poc-pilot-provincial', 'provincial'),
  listingRule('poc-pilot-city', 'city'),
  {
    // A ceiling (reading 2): 30% of all the contracts registered in the year, and at most 50万元 per
    // enterprise per year across them (reading 6, E06).
    provision: 'tech-contract-voucher',
    who: ['enterprise'],
    when: exists('c', 'contracts', registeredInYear, {
      quote: '认定登记的技术合同',
      label: { zh: '政策年度内有认定登记的技术合同', en: 'a technology contract registered within the policy year' },
    }),
    amount: min([
      pct(
        sumOf('c', 'contracts', registeredInYear, field('c', 'amount'), { label: { zh: '政策年度内认定登记的技术合同金额合计', en: 'registered technology contract amounts in the policy year' } }),
        param('tech-contract-voucher.rate'),
        { quote: '不超过认定登记的技术合同金额30%', label: { zh: '技术合同金额 × 30%', en: 'contract amount × 30%' } },
      ),
      param('tech-contract-voucher.annual-cap', { quote: '单个企业年最高额度不超过50万元' }),
    ], { quote: '单个企业年最高额度不超过50万元', label: { zh: '不超过单个企业年最高额度', en: 'capped per enterprise per year' } }),
  },
];
