import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/zhida.mjs', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const zhida = (args: string[], input?: string) => {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('zhida eval', () => {
  it('reports the awards, the pending ones and the missing facts of the example profile', () => {
    const { code, stdout } = zhida(['eval', `${EXAMPLES}high-tech-new.json`]);
    expect(code).toBe(0);
    // M01 1万元 + M02 30万元 exact; M22 min(30% × (1,200,000 + 800,000), 500,000) = 500,000 as a ceiling.
    expect(stdout).toContain('确定金额合计 31万元');
    expect(stdout).toContain('上限金额合计 50万元');
    expect(stdout).toMatch(/M28 .*rd-grant-matching\.ratio/);
    expect(stdout).toMatch(/M29 .*缺少/);
  });
  it('prints the near miss of the 高研值 grant: 12,000 yuan more R&D in 2024', () => {
    const { stdout } = zhida(['eval', `${EXAMPLES}rd-near-miss.json`, '--lang', 'en']);
    expect(stdout).toContain('12,000 yuan more R&D expense 2024 would meet it');
  });
  it('reads a profile from standard input and prints JSON', () => {
    const { code, stdout } = zhida(['eval', '-', '--json'], JSON.stringify({ id: '91330108MA2AY1234G', name: '示例', kind: 'enterprise', recognitions: [] }));
    expect(code).toBe(0);
    const evaluation = JSON.parse(stdout);
    expect(evaluation.edition).toBe('binjiang-2025');
    expect(evaluation.results.find((r: { catalogue: string }) => r.catalogue === 'M02').status).toBe('not-eligible');
  });
  it('refuses a bad profile with every problem and a non-zero exit, evaluating nothing', () => {
    const { code, stdout, stderr } = zhida(['eval', '-'], JSON.stringify({ id: '91330108MA2AY1234H', name: '示例', kind: 'enterprise', financial_years: [{ year: 2024, revenue: -5 }] }));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('$.id');
    expect(stderr).toContain('$.financial_years[0].revenue');
    expect(stderr).toContain('nothing was evaluated');
  });
  it('refuses input that is not JSON, and a bad year', () => {
    expect(zhida(['eval', '-'], '{ nope').code).toBe(1);
    expect(zhida(['eval', '-', '--year', 'abc'], '{}').code).toBe(2);
  });
  it('prints the profile schema and the coverage of the tests from the text', () => {
    expect(Object.keys(JSON.parse(zhida(['schema', 'profile']).stdout).properties)).toContain('financial_years');
    const coverage = zhida(['policy', 'coverage', '--json']);
    expect(coverage.code).toBe(0);
    const rows = JSON.parse(coverage.stdout).provisions;
    expect(rows).toHaveLength(41);
    expect(rows.every((r: { cases: number }) => r.cases >= 3)).toBe(true);
  });
});
