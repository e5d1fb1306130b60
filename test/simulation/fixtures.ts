// A hand-made population of eight profiles whose results are worked out from the clauses of article 1
// (杭高新〔2025〕3号 （一）: 对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励; 对新认定的省科技型中小企业
// 给予1万元奖励) and article 7 (算力补贴: no amount stated, so pending).
import { creditCodeCheckChar } from '../../src/core/identity.ts';
import type { Profile } from '../../src/core/profile.ts';

const code = (n: number): string => {
  const body = `91330108MA2H0000${n}`;
  return body + creditCodeCheckChar(body)!;
};

const hte = (n: number, event: 'new' | 'reexam'): Profile => ({
  id: code(n), name: `企业${n}`, kind: 'enterprise',
  recognitions: [{ type: 'high-tech-enterprise', level: 'national', event, date: '2025-04-01', certificate: `GR20253300000${n}`, valid_until: '2028-03-31' }],
});

/**
 * 1–3: 新认定国家高新技术企业 (hte-new, 300,000 each); 4–5: 通过复审 (hte-reexam, 100,000 each);
 * 6: 新认定省科技型中小企业 (sme-province-new, 10,000); 7: compute spending in 2025 (compute-subsidy,
 * pending: the amount is unset); 8: nothing.
 */
export const TINY: Profile[] = [
  hte(1, 'new'), hte(2, 'new'), hte(3, 'new'), hte(4, 'reexam'), hte(5, 'reexam'),
  { id: code(6), name: '企业6', kind: 'enterprise', recognitions: [{ type: 'sci-tech-sme', level: 'provincial', event: 'new', date: '2025-03-15' }] },
  { id: code(7), name: '企业7', kind: 'enterprise', recognitions: [], compute_spend: [{ year: 2025, amount: 800000 }] },
  { id: code(8), name: '企业8', kind: 'enterprise', recognitions: [] },
];

export const tinyJsonLines = (): string => TINY.map((p) => JSON.stringify(p)).join('\n') + '\n';
