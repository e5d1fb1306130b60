// The pack proofs: the real pack loads with the counts of the text, and each kind of broken pack is
// refused with a message that names the file, the line and the problem.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { packStats, parameterValueAt } from '../../src/core/pack.ts';
import { loadPack, packDir, PackLoadError, type PackIssue } from '../../src/pack/loader.ts';

const REAL = packDir('binjiang-2025');

describe('the binjiang-2025 pack', () => {
  const pack = loadPack(REAL);
  const stats = packStats(pack);

  it('has the counts of the text: 7 domains, 46 articles, 31 departments', () => {
    expect([stats.domains, stats.articles, stats.departments]).toEqual([7, 46, 31]);
  });
  it('has 39 monetary provisions: 23 stated in the text, 16 left to implementing rules', () => {
    expect(stats.provisions).toEqual({ total: 39, stated: 23, unset: 16 });
  });
  it('has 6 tax preferences (2 with the rule stated), 71 targets, 8 milestones, 9 budget lines (5 with an amount, 1 share, 3 unstated)', () => {
    expect(stats.tax_preferences).toEqual({ total: 6, stated: 2, unstated: 4 });
    expect(stats.targets).toBe(71);
    expect(stats.milestones).toBe(8);
    expect(stats.budgets).toEqual({ total: 9, with_amount: 5, share: 1, unstated: 3 });
  });
  it('maps every catalogue label to exactly one item', () => {
    const labels = [...pack.provisions.map((p) => p.catalogue), ...pack.taxPreferences.map((t) => t.catalogue), ...pack.targets.map((t) => t.id), ...pack.budgets.map((b) => b.id)];
    const expected = [
      ...Array.from({ length: 39 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`), ...Array.from({ length: 6 }, (_, i) => `T${i + 1}`),
      ...Array.from({ length: 71 }, (_, i) => `K${String(i + 1).padStart(2, '0')}`), ...Array.from({ length: 9 }, (_, i) => `D0${i + 1}`),
    ];
    expect([...labels].sort()).toEqual([...expected].sort());
  });
  it('has an English title for every domain and article', () => {
    for (const item of [...pack.domains, ...pack.articles]) expect(item.title_en, `${item.title}`).not.toMatch(/^(TODO)?$/);
  });
  it('has 24 business rules, and E01 makes new recognition and re-examination exclusive', () => {
    expect(pack.rules.map((r) => r.id)).toEqual(Array.from({ length: 24 }, (_, i) => `E${String(i + 1).padStart(2, '0')}`));
    expect(pack.rules.find((r) => r.id === 'E01')?.exclusive?.sort()).toEqual(['hte-new', 'hte-reexam']);
  });

  // Expected values read by hand from the clauses (1万元 = 10,000 yuan).
  const stated: [string, string, number[]][] = [
    ['M01', '对新认定的省科技型中小企业分别给予1万元奖励', [10_000]],
    ['M02', '对新认定及通过复审的国家高新技术企业给予30万元、10万元奖励 (30万 ↔ 新认定)', [300_000]],
    ['M03', '… 30万元、10万元奖励 (10万 ↔ 通过复审)', [100_000]],
    ['M04', '对认定的市级新雏鹰企业给予 100 万元奖励', [1_000_000]],
    ['M15', '国家最高科学技术奖 … 1000万元', [10_000_000]],
    ['M16', '国家科学技术进步奖特等奖 … 600万元', [6_000_000]],
    ['M17', '国家科学技术奖一等奖 … 500万元', [5_000_000]],
    ['M18', '国家科学技术奖二等奖 … 100万元', [1_000_000]],
    ['M19', '国家级概念验证中心、中试基地 200万元', [2_000_000]],
    ['M20', '省级 100万元', [1_000_000]],
    ['M21', '市级 50万元', [500_000]],
    ['M22', '不超过认定登记的技术合同金额30%创新券补助，单个企业年最高额度不超过50万元', [30, 500_000]],
    ['M23', '省市区三级联动可给予最高3000万元补助', [30_000_000]],
    ['M26', '给予最高500万元补助', [5_000_000]],
    ['M27', '最高按项目实际投资额的 20% 给予补助', [20]],
    ['M29', '增速达 20%、强度达 10%，且增量在 100 万元以上 … 按新增研发费 10% … 最高不超过 100 万元', [20, 10, 1_000_000, 10, 1_000_000]],
    ['M30', '研发费用首次达到 200 万元的规上企业，给予一次性 10 万元奖励', [2_000_000, 100_000]],
    ['M31', '首次上规纳统的工业企业给予最高20万元的一次性奖励', [200_000]],
    ['M32', '连续3年保持在规的再给予不超过30万元的一次性奖励', [3, 300_000]],
    ['M36', '不低于 60% 补助，可 … 提高补助标准至 80%', [60, 80]],
    ['M39', '推进低保年标准达到 15400 元以上', [15_400]],
  ];
  it.each(stated)('%s reads its numbers from the clause 「%s」', (label, _clause, values) => {
    const provision = pack.provisions.find((p) => p.catalogue === label)!;
    const inForce = provision.parameters.map((id) => parameterValueAt(pack.parameters.find((p) => p.id === id)!, '2025-06-30')?.value);
    for (const value of values) expect(inForce, `${label} parameters ${provision.parameters.join(', ')}`).toContain(value);
  });
  it('the M11/M12 rent subsidies are 50% of rent', () => {
    for (const label of ['M11', 'M12']) {
      const provision = pack.provisions.find((p) => p.catalogue === label)!;
      const values = provision.parameters.map((id) => pack.parameters.find((p) => p.id === id)!.values[0]!.value);
      expect(values).toContain(50);
    }
  });
  it('budgets D01 18.2亿元, D05 ≥ 55亿元, D06 ≥ 500万元, D07 120万元, D09 110.4亿元 and D08 ≥ 2/3', () => {
    const byId = new Map(pack.budgets.map((b) => [b.id, b]));
    expect([byId.get('D01')?.amount_yuan, byId.get('D05')?.amount_yuan, byId.get('D06')?.amount_yuan, byId.get('D07')?.amount_yuan, byId.get('D09')?.amount_yuan])
      .toEqual([1_820_000_000, 5_500_000_000, 5_000_000, 1_200_000, 11_040_000_000]);
    expect([byId.get('D05')?.kind, byId.get('D06')?.kind, byId.get('D07')?.kind, byId.get('D09')?.kind]).toEqual(['at-least', 'at-least', 'exact', 'exact']);
    expect(byId.get('D08')?.share).toEqual({ numerator: 2, denominator: 3 });
  });
  it('targets K01 ≥ 330 家, K17 ≥ 240000 平方米, K27 > 6500 亿元 (力争), K06 ≥ 2/3 (确保)', () => {
    const byId = new Map(pack.targets.map((t) => [t.id, t]));
    expect(byId.get('K01')).toMatchObject({ value: 330, unit: '家', direction: '>=', firmness: 'plain' });
    expect(byId.get('K17')).toMatchObject({ value: 240_000, unit: '平方米', direction: '>=' });
    expect(byId.get('K27')).toMatchObject({ value: 6500, unit: '亿元', direction: '>', firmness: 'soft', marker: '力争' });
    expect(byId.get('K06')).toMatchObject({ value: { numerator: 2, denominator: 3 }, direction: '>=', firmness: 'firm', marker: '确保' });
    expect(pack.targets.filter((t) => t.firmness === 'soft')).toHaveLength(16);
  });
});

describe('a broken pack is refused with file, line and reason', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  function broken(file: string, edit: (text: string) => string): PackIssue[] {
    dir = mkdtempSync(join(tmpdir(), 'zhida-pack-'));
    cpSync(REAL, dir, { recursive: true });
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, 'the edit must change the file').not.toBe(before);
    writeFileSync(path, after);
    try {
      loadPack(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(PackLoadError);
      return (error as PackLoadError).issues;
    }
    throw new Error('the broken pack loaded');
  }
  const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

  it('a quote that is not in the article text', () => {
    const text = readFileSync(join(REAL, 'd1/a01.yaml'), 'utf8');
    const issues = broken('d1/a01.yaml', (t) => t.replace('quote: 对认定的市级新雏鹰企业给予 100 万元奖励', 'quote: 对认定的市级新雏鹰企业给予 200 万元奖励'));
    expect(issues).toEqual([expect.objectContaining({ file: 'd1/a01.yaml', line: lineOf(text, 'quote: 对认定的市级新雏鹰企业给予 100 万元奖励'), message: expect.stringContaining('quote not found') })]);
  });
  it('an unknown department', () => {
    const issues = broken('d1/a01.yaml', (t) => t.replace(/department: 科技局/, 'department: 科技厅'));
    expect(issues).toEqual([expect.objectContaining({ file: 'd1/a01.yaml', path: 'provisions.0.department', message: expect.stringContaining('unknown department "科技厅"') })]);
    expect(issues[0]!.line).toBeGreaterThan(1);
  });
  it('a duplicate id', () => {
    const issues = broken('d1/a01.yaml', (t) => t.replace('- id: hte-reexam\n', '- id: hte-new\n'));
    expect(issues.some((i) => i.file === 'd1/a01.yaml' && /duplicate id "hte-new"/.test(i.message) && i.line !== undefined)).toBe(true);
  });
  it('a malformed YAML file', () => {
    const issues = broken('d2/a13.yaml', (t) => t.replace('title: 鼓励企业加大研发投入', 'title: [鼓励企业加大研发投入'));
    expect(issues[0]).toMatchObject({ file: 'd2/a13.yaml', message: expect.stringContaining('YAML syntax') });
    expect(issues[0]!.line).toBeGreaterThan(0);
  });
  it('a field of the wrong type or an unknown field', () => {
    const issues = broken('d1/a01.yaml', (t) => t.replace('frequency: one-off', 'frequency: one-off\n    amount: 300000'));
    expect(issues[0]).toMatchObject({ file: 'd1/a01.yaml', path: 'provisions.0', message: expect.stringContaining('amount') });
  });
  it('money that is not a whole number of yuan', () => {
    const issues = broken('d1/a01.yaml', (t) => t.replace('value: 10000,', 'value: 10000.5,'));
    expect(issues[0]).toMatchObject({ file: 'd1/a01.yaml', path: 'parameters.0.values.0.value' });
  });
  it('an article text that is not the published text', () => {
    const issues = broken('d2/a13.yaml', (t) => t.replace('按新增研发费 10% 给予补助', '按新增研发费 20% 给予补助'));
    expect(issues[0]).toMatchObject({ file: 'd2/a13.yaml', path: 'text', line: 7, message: expect.stringContaining('differs from the published article') });
    // The quotes of the changed phrase no longer stand in the (changed) text either.
    expect(issues.slice(1).every((i) => i.message.startsWith('quote not found'))).toBe(true);
  });
  it('a catalogue item with no pack item', () => {
    const issues = broken('d1/a01.yaml', (t) => t.replace('catalogue: M04', 'catalogue: M02'));
    expect(issues.map((i) => i.message)).toEqual(expect.arrayContaining([
      expect.stringContaining('catalogue item M02 maps to 2 items'), expect.stringContaining('catalogue item M04 maps to 0 items'),
    ]));
  });
});
