// The structured diff between two editions (src/core/edition-diff.ts) on a hand-made changed copy of the
// 2025 pack (changed-pack.ts), and between the pack and a reform applied to it.
import { afterAll, describe, expect, it } from 'vitest';
import { diffEditions, quoteWithValue } from '../../src/core/edition-diff.ts';
import { withParameterSettings } from '../../src/core/pack.ts';
import { diffText } from '../../src/core/text-diff.ts';
import { loadEdition, loadPack } from '../../src/pack/loader.ts';
import { makeChangedPack } from './changed-pack.ts';

describe('diffText', () => {
  it('marks the changed digit of an amount, deletion first', () => {
    expect(diffText('给予一次性 10 万元奖励', '给予一次性 20 万元奖励')).toEqual([
      { op: 'equal', text: '给予一次性 ' }, { op: 'delete', text: '1' }, { op: 'insert', text: '2' }, { op: 'equal', text: '0 万元奖励' },
    ]);
  });
  it('marks an added word and a removed one', () => {
    expect(diffText('深入实施行动', '持续深入实施行动')).toEqual([{ op: 'insert', text: '持续' }, { op: 'equal', text: '深入实施行动' }]);
    expect(diffText('加强企业研发机构、研发总部建设', '加强企业研发总部建设')).toEqual([
      { op: 'equal', text: '加强企业研发' }, { op: 'delete', text: '机构、研发' }, { op: 'equal', text: '总部建设' },
    ]);
  });
  it('gives one equal run for equal texts and rebuilds both texts', () => {
    expect(diffText('同一', '同一')).toEqual([{ op: 'equal', text: '同一' }]);
    const ops = diffText('对新认定的省科技型中小企业给予1万元奖励', '对认定的国家科技型企业给予2万元补助');
    expect(ops.filter((o) => o.op !== 'insert').map((o) => o.text).join('')).toBe('对新认定的省科技型中小企业给予1万元奖励');
    expect(ops.filter((o) => o.op !== 'delete').map((o) => o.text).join('')).toBe('对认定的国家科技型企业给予2万元补助');
  });
});

describe('diffEditions', () => {
  const base = loadEdition('binjiang-2025');
  const changed = makeChangedPack();
  afterAll(() => changed.remove());

  it('finds nothing between a pack and itself', () => {
    const diff = diffEditions(base, base);
    expect(diff.total).toBe(0);
  });

  it('lists the changed clauses with their character diff, the amount, the provision and the budget line', () => {
    const next = loadPack(changed.dir);
    const diff = diffEditions(base, next);
    expect(diff.clauses.map((c) => `${c.kind} ${c.number} ${c.change}`)).toEqual(['domain 1 changed', 'article 1 changed', 'article 13 changed']);
    const a01 = diff.clauses.find((c) => c.kind === 'article' && c.number === 1)!;
    expect(a01.ops.filter((o) => o.op !== 'equal')).toEqual([{ op: 'insert', text: '持续' }]);
    const a13 = diff.clauses.find((c) => c.kind === 'article' && c.number === 13)!;
    expect(a13.ops.filter((o) => o.op !== 'equal')).toEqual([{ op: 'delete', text: '1' }, { op: 'insert', text: '2' }]);
    const d1 = diff.clauses.find((c) => c.kind === 'domain')!;
    expect(d1.ops.filter((o) => o.op !== 'equal')).toEqual([{ op: 'delete', text: '8' }, { op: 'insert', text: '9' }]);

    // 给予一次性 10 万元奖励 → 20 万元: 100000 → 200000 yuan.
    expect(diff.parameters).toEqual([expect.objectContaining({ id: 'rd-first-2m.amount', change: 'changed', before: 100000, after: 200000, provisions: ['rd-first-2m'] })]);
    expect(diff.provisions).toHaveLength(1);
    const provision = diff.provisions[0]!;
    expect(provision).toMatchObject({ id: 'rd-first-2m', catalogue: 'M30', change: 'changed' });
    expect(provision.fields.map((f) => f.field)).toEqual(['amount', 'conditions', 'quote']);
    expect(provision.fields[0]).toEqual({ field: 'amount', before: 100000, after: 200000 });

    // 全年预算安排18.2亿元 → 19.2亿元: 1820000000 → 1920000000 yuan.
    expect(diff.budgets).toHaveLength(1);
    expect(diff.budgets[0]!.id).toBe('D01');
    expect(diff.budgets[0]!.fields.find((f) => f.field === 'amount_yuan')).toEqual({ field: 'amount_yuan', before: 1820000000, after: 1920000000 });
    expect(diff.targets).toEqual([]);
    expect(diff.meta).toEqual([]);
    expect(diff.total).toBe(3 + 1 + 1 + 1);
  });

  it('shows a reform as parameters set and changed, with the provisions reading them, and no clause change', () => {
    const reformed = withParameterSettings(base, [
      { parameter: 'rd-grant-matching.ratio', value: 50, from: '2025-01-01', source: 'reform' },
      { parameter: 'hte-new.amount', value: 400000, from: '2025-01-01', source: 'reform' },
    ]);
    const diff = diffEditions(base, reformed);
    expect(diff.clauses).toEqual([]);
    const byId = Object.fromEntries(diff.parameters.map((p) => [p.id, p]));
    expect(byId['rd-grant-matching.ratio']).toMatchObject({ change: 'set', before: null, after: 50, after_source: 'reform' });
    // （一） 对新认定…的国家高新技术企业给予30万元: 300000 → 400000.
    expect(byId['hte-new.amount']).toMatchObject({ change: 'changed', before: 300000, after: 400000 });
    expect(diff.provisions.find((p) => p.id === 'rd-grant-matching')!.fields).toEqual([{ field: 'rate', before: null, after: 50 }]);
    expect(diff.provisions.find((p) => p.id === 'hte-new')!.fields).toEqual([{ field: 'amount', before: 300000, after: 400000 }]);
    expect(diff.total).toBe(4);
    // The wording the change implies: 「…给予30万元、10万元奖励」 with 3 → 4 (the 10万元 of 复审 untouched).
    const ops = byId['hte-new.amount']!.quote_ops!;
    expect(ops.filter((o) => o.op !== 'equal')).toEqual([{ op: 'delete', text: '3' }, { op: 'insert', text: '4' }]);
    expect(ops.filter((o) => o.op !== 'delete').map((o) => o.text).join('')).toContain('给予40万元、10万元奖励');
    expect(byId['rd-grant-matching.ratio']!.quote_ops).toBeUndefined();
  });

  it('rewrites a figure only where it is written whole', () => {
    expect(quoteWithValue('给予一次性 10 万元奖励', 'yuan', 100000, 150000)!.filter((o) => o.op !== 'delete').map((o) => o.text).join('')).toBe('给予一次性 15 万元奖励');
    expect(quoteWithValue('最高不超过 130万元', 'yuan', 300000, 400000)).toBeUndefined();
    expect(quoteWithValue('按新增研发费 10% 给予补助', 'percent', 10, 15)!.filter((o) => o.op !== 'equal')).toEqual([{ op: 'delete', text: '0' }, { op: 'insert', text: '5' }]);
  });
});
