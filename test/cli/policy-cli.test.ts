import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/zhida.mjs', import.meta.url));
const zhida = (...args: string[]) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('zhida policy', () => {
  it('stats --json reports the counts of the text', () => {
    const { code, stdout } = zhida('policy', 'stats', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      domains: 7, articles: 46, provisions: { total: 39, stated: 23, unset: 16 }, tax_preferences: { total: 6 }, targets: 71, budgets: { total: 9 },
    });
  });
  it('show 13 prints the text, the department, the provisions with amounts or unset, and the tax preference', () => {
    const { code, stdout } = zhida('policy', 'show', '13');
    expect(code).toBe(0);
    expect(stdout).toContain('（十三）鼓励企业加大研发投入');
    expect(stdout).toContain('责任单位: 科技局');
    expect(stdout).toContain('10万元');
    expect(stdout).toMatch(/M28 .*待配套政策明确/);
    expect(stdout).toContain('T1');
  });
  it('show accepts a Chinese numeral', () => {
    expect(zhida('policy', 'show', '四十六').stdout).toContain('低保');
  });
  it('an unknown article is a clear message and a non-zero exit', () => {
    const { code, stderr } = zhida('policy', 'show', '47');
    expect(code).toBe(1);
    expect(stderr).toContain('unknown article "47"');
  });
  it('search 研发 lists article 13 with the match marked', () => {
    const { code, stdout } = zhida('policy', 'search', '研发');
    expect(code).toBe(0);
    expect(stdout).toContain('（十三）鼓励企业加大研发投入');
    expect(stdout).toContain('【研发】');
  });
  it('list shows the 46 articles under the 7 domains', () => {
    const { stdout } = zhida('policy', 'list', '--json');
    expect(JSON.parse(stdout)).toHaveLength(46);
  });
  it('a bad option is a usage error', () => {
    expect(zhida('policy', 'stats', '--lang', 'fr').code).toBe(2);
    expect(zhida('policy', 'nope').code).toBe(2);
  });
  it('check proves the shipped pack', () => {
    const { code, stdout } = zhida('policy', 'check');
    expect(code).toBe(0);
    expect(stdout).toContain('ok:');
  });
});
