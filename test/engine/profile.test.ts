import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, idCardCheckChar, idCardProblem, maskIdentity } from '../../src/core/identity.ts';
import { validateProfile } from '../../src/core/profile.ts';

// Check characters computed by hand with GB 32100-2015 (weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28; mod 31)
// and GB 11643-1999 (weights 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2; mod 11 → 1 0 X 9 8 7 6 5 4 3 2).
describe('identity numbers', () => {
  it('computes the credit-code check character', () => {
    // 9·1+1·3+3·9+3·27+0·19+1·26+0·16+8·17+M(21)·20+A(10)·29+2·25+A(10)·13+Y(30)·8+1·24+2·10+3·30+4·28 = 1658; 1658 mod 31 = 15; 31 − 15 = 16 → G
    expect(creditCodeCheckChar('91330108MA2AY1234')).toBe('G');
    expect(creditCodeProblem('91330108MA2AY1234G')).toBeUndefined();
    expect(creditCodeProblem('91330108MA2AY1234H')).toMatch(/expected G/);
    expect(creditCodeProblem('91330108MA2AY123')).toMatch(/18 characters/);
    expect(creditCodeProblem('91330108MA2AY1234I')).toMatch(/letters/);
  });
  it('computes the identity-card check digit and checks the birth date', () => {
    // 3·7+3·9+0·10+1·5+0·8+8·4+1·2+9·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2 = 160; 160 mod 11 = 6 → 6
    expect(idCardCheckChar('33010819800101001')).toBe('6');
    expect(idCardProblem('330108198001010016')).toBeUndefined();
    expect(idCardProblem('330108198002300016')).toMatch(/not a calendar date/);
    expect(idCardProblem('330108198001010015')).toMatch(/expected 6/);
  });
  it('masks identity numbers for public notices', () => {
    expect(maskIdentity('330108198001010016')).toBe('330108********0016');
  });
});

describe('profile validation', () => {
  it('accepts a minimal profile', () => {
    expect(validateProfile({ id: '91330108MA2AY1234G', name: '示例', kind: 'enterprise' }).ok).toBe(true);
  });
  it('reports every problem at once, each with its JSON path, in Chinese and English', () => {
    const result = validateProfile({
      id: '91330108MA2AY1234H',
      name: '示例',
      kind: 'enterprise',
      turnover: 5,
      financial_years: [{ year: 2024, revenue: -1, rd_expense: 1.5 }, { year: '2023', rd_expense: Number.NaN }],
      recognitions: [{ type: 'high-tech-enterprise', event: 'new', date: '2025-02-30' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path).sort();
    expect(paths).toEqual(['$', '$.financial_years[0].rd_expense', '$.financial_years[0].revenue', '$.financial_years[1].rd_expense', '$.financial_years[1].year', '$.id', '$.recognitions[0].date'].sort());
    const byPath = new Map(result.problems.map((p) => [p.path, p.message]));
    expect(byPath.get('$')!.en).toContain('turnover');
    expect(byPath.get('$')!.zh).toContain('未知的字段');
    expect(byPath.get('$.financial_years[0].revenue')!.en).toContain('negative');
    expect(byPath.get('$.financial_years[0].rd_expense')!.en).toContain('whole number');
    expect(byPath.get('$.financial_years[1].year')!.en).toContain('expected number');
    expect(byPath.get('$.recognitions[0].date')!.en).toContain('calendar');
    expect(byPath.get('$.id')!.en).toContain('check');
  });
  it('validates individuals by the resident identity card number', () => {
    expect(validateProfile({ id: '330108198001010016', name: '张三', kind: 'individual' }).ok).toBe(true);
    expect(validateProfile({ id: '91330108MA2AY1234G', name: '张三', kind: 'individual' }).ok).toBe(false);
  });
});
