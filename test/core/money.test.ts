import { describe, expect, it } from 'vitest';
import { formatYuan } from '../../src/core/money.ts';

describe('formatYuan', () => {
  it.each([[300_000, '30万元'], [10_000, '1万元'], [1_820_000_000, '18.2亿元'], [11_040_000_000, '110.4亿元'], [15_400, '15400元'], [12_345, '12345元']])('%i yuan is %s', (n, text) => {
    expect(formatYuan(n)).toBe(text);
  });
  it('writes English with thousands separators', () => expect(formatYuan(300_000, 'en')).toBe('300,000 yuan'));
  it('refuses fractional money', () => expect(() => formatYuan(1.5)).toThrow(RangeError));
});
