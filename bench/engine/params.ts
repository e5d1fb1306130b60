// The workload's numbers, stated once. Every engine reads them from here: Zhida as a parameter map
// (rules never hold an amount), the peers as constants written into their rule definitions when the rules
// are built (json-rules-engine values, JDM expressions, Publicodes rules under `paramètres`).
import type { ParameterUnit } from '../../src/core/pack-schema.ts';

/** Policy year Y. */
export const Y = 2025;

export interface WorkloadParam {
  id: string;
  value: number;
  unit: ParameterUnit;
  zh: string;
  en: string;
}

export const PARAM_LIST: readonly WorkloadParam[] = [
  { id: 'r1.amount', value: 300_000, unit: 'yuan', zh: '新认定高新技术企业奖励', en: 'newly granted high-tech certificate award' },
  { id: 'r2.amount', value: 100_000, unit: 'yuan', zh: '复审通过高新技术企业奖励', en: 're-examined high-tech certificate award' },
  { id: 'r3.amount', value: 10_000, unit: 'yuan', zh: '新认定省科技型中小企业奖励', en: 'new provincial S&T SME award' },
  { id: 'r4.amount', value: 1_000_000, unit: 'yuan', zh: '市级新雏鹰企业奖励', en: 'municipal eaglet enterprise award' },
  { id: 'r5.growth', value: 20, unit: 'percent', zh: '研发投入增速门槛', en: 'R&D growth threshold' },
  { id: 'r5.intensity', value: 10, unit: 'percent', zh: '研发强度门槛', en: 'R&D intensity threshold' },
  { id: 'r5.increase', value: 1_000_000, unit: 'yuan', zh: '研发投入增量门槛', en: 'R&D increase threshold' },
  { id: 'r5.rate', value: 10, unit: 'percent', zh: '新增研发费补助比例', en: 'share of the R&D increase' },
  { id: 'r5.cap', value: 1_000_000, unit: 'yuan', zh: '高研值补助上限', en: 'high-R&D grant cap' },
  { id: 'r6.threshold', value: 2_000_000, unit: 'yuan', zh: '研发费用首次达到门槛', en: 'first-time R&D threshold' },
  { id: 'r6.amount', value: 100_000, unit: 'yuan', zh: '研发费用首次达到奖励', en: 'first-time R&D award' },
  { id: 'r7.rate', value: 30, unit: 'percent', zh: '技术合同补助比例', en: 'technology-contract share' },
  { id: 'r7.cap', value: 500_000, unit: 'yuan', zh: '技术合同补助上限', en: 'technology-contract cap' },
  { id: 'r8.rate', value: 20, unit: 'percent', zh: '设备更新补助比例', en: 'equipment-upgrade share' },
  { id: 'r9.rate', value: 60, unit: 'percent', zh: '出口信用保险保费补助比例', en: 'export-credit premium share' },
  { id: 'r9.key-rate', value: 80, unit: 'percent', zh: '重点国别保费补助比例', en: 'export-credit premium share, key country' },
  { id: 'r10.entry', value: 200_000, unit: 'yuan', zh: '首次上规奖励', en: 'above-scale entry award' },
  { id: 'r10.retention', value: 300_000, unit: 'yuan', zh: '保持在规奖励', en: 'above-scale retention award' },
  { id: 'r10.years', value: 3, unit: 'years', zh: '上规后连续年数', en: 'years above scale after entry' },
];

const byId = new Map(PARAM_LIST.map((p) => [p.id, p.value]));
const get = (id: string): number => {
  const v = byId.get(id);
  if (v === undefined) throw new Error(`no workload parameter ${id}`);
  return v;
};

/** The same numbers as plain constants, for the hand-written functions and the peers' rule builders. */
export const P = {
  r1: get('r1.amount'),
  r2: get('r2.amount'),
  r3: get('r3.amount'),
  r4: get('r4.amount'),
  r5Growth: get('r5.growth'),
  r5Intensity: get('r5.intensity'),
  r5Increase: get('r5.increase'),
  r5Rate: get('r5.rate'),
  r5Cap: get('r5.cap'),
  r6Threshold: get('r6.threshold'),
  r6: get('r6.amount'),
  r7Rate: get('r7.rate'),
  r7Cap: get('r7.cap'),
  r8Rate: get('r8.rate'),
  r9Rate: get('r9.rate'),
  r9KeyRate: get('r9.key-rate'),
  r10Entry: get('r10.entry'),
  r10Retention: get('r10.retention'),
  r10Years: get('r10.years'),
} as const;

export const RULE_IDS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10'] as const;
export const RULES = RULE_IDS.length;
