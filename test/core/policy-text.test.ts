import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  chineseNumeralToInt, containsQuote, findQuoteRanges, intToChineseNumeral, joinParagraphs, normaliseForMatch, parseArticleNumber, parseSource,
} from '../../src/core/policy-text.ts';

const source = readFileSync(new URL('../../packs/binjiang-2025/source.txt', import.meta.url), 'utf8');

describe('Chinese numerals', () => {
  it.each([['一', 1], ['十', 10], ['十三', 13], ['二十', 20], ['二十一', 21], ['四十六', 46]])('%s is %i', (numeral, n) => {
    expect(chineseNumeralToInt(numeral)).toBe(n);
    expect(intToChineseNumeral(n)).toBe(numeral);
  });
  it.each(['', '十十', '二二', 'abc', '百'])('refuses "%s"', (bad) => expect(chineseNumeralToInt(bad)).toBeUndefined());
  it('reads article numbers as users write them', () => {
    expect(parseArticleNumber('13')).toBe(13);
    expect(parseArticleNumber('十三')).toBe(13);
    expect(parseArticleNumber('（十三）')).toBe(13);
    expect(parseArticleNumber('(十三)')).toBe(13);
    expect(parseArticleNumber('x')).toBeUndefined();
  });
});

describe('quote matching', () => {
  it('ignores whitespace and folds bracket width', () => {
    expect(normaliseForMatch('给予 100 万元奖励。(责任单位:科技局)')).toBe('给予100万元奖励。（责任单位：科技局）');
    expect(containsQuote('鹰企业给予 100 万元奖励', '给予100万元奖励')).toBe(true);
    expect(containsQuote('鹰企业给予 100 万元奖励', '给予200万元奖励')).toBe(false);
    expect(containsQuote('anything', ' ')).toBe(false);
  });
  it('locates a quote in the original text, spaces included', () => {
    const text = '对认定的市级新雏鹰企业给予 100 万元奖励。';
    const [range] = findQuoteRanges(text, '给予100万元奖励');
    expect(range).toBeDefined();
    expect(text.slice(range![0], range![1])).toBe('给予 100 万元奖励');
  });
});

describe('parsing the published text', () => {
  const doc = parseSource(source);
  it('finds 7 domains and 46 articles, 10 + 6 + 8 + 5 + 6 + 3 + 8', () => {
    expect(doc.domains.map((d) => d.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(doc.articles.map((a) => a.number)).toEqual(Array.from({ length: 46 }, (_, i) => i + 1));
    expect(doc.domains.map((d) => doc.articles.filter((a) => a.domain === d.number).length)).toEqual([10, 6, 8, 5, 6, 3, 8]);
  });
  it('joins words split by page breaks (新雏 / 鹰企业, 发 / 改局)', () => {
    const first = doc.articles[0]!;
    expect(first.text).toContain('新雏鹰企业给予 100 万元奖励');
    expect(first.text.endsWith('（责任单位：科技局）')).toBe(true);
    expect(doc.articles[13]!.responsibleUnits).toEqual(['经信局', '发改局']);
    expect(doc.articles[24]!.responsibleUnits).toEqual(['商务局']);
  });
  it('reads each domain lead and every 责任单位 clause', () => {
    expect(doc.domains.map((d) => d.lead)).toEqual(['科技局', '经信局', '发改局', '商务局', '发改局', '发改局', '人力社保局']);
    expect(doc.articles.every((a) => a.responsibleUnits.length > 0)).toBe(true);
    expect(doc.articles[9]!.responsibleUnits).toContain('人力资源和社会保障局');
  });
  it('keeps the closing paragraphs with the 110.4亿元 total', () => {
    expect(doc.closing.join('')).toContain('支持总额为 110.4 亿元');
  });
  it('joins lines that a page break cut mid-sentence', () => {
    expect(joinParagraphs(['对认定的市级新雏', '', '鹰企业给予奖励。', '', '（二）下一条。'])).toEqual(['对认定的市级新雏鹰企业给予奖励。', '（二）下一条。']);
  });
});
