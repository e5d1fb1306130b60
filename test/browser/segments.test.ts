// The web app's text segmentation (no browser needed): nested and overlapping highlights become
// non-overlapping segments carrying every item that covers them; search terms are found across
// the spaces the policy text puts between numbers and units.
import { describe, expect, it } from 'vitest';
import { findTermRanges, queryTerms, segment } from '../../web/src/segments.ts';

const span = (start: number, end: number, id: string, kind = 'provision') => ({ start, end, id, kind });

describe('segment', () => {
  it('returns the whole text as one plain segment when nothing is highlighted', () => {
    expect(segment('abc', [])).toEqual([{ start: 0, end: 3, text: 'abc', items: [], marked: false }]);
  });

  it('splits nested highlights, innermost item first', () => {
    const segs = segment('0123456789', [span(1, 9, 'outer'), span(3, 5, 'inner', 'target')]);
    expect(segs.map((s) => [s.text, s.items.map((i) => i.id)])).toEqual([
      ['0', []], ['12', ['outer']], ['34', ['inner', 'outer']], ['5678', ['outer']], ['9', []],
    ]);
  });

  it('splits overlapping highlights and keeps the text intact', () => {
    const text = '对科技型中小企业给予奖励';
    const segs = segment(text, [span(0, 6, 'a'), span(4, 10, 'b')]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.map((s) => s.items.map((i) => i.id).join('+'))).toEqual(['a', 'a+b', 'b', '']);
    for (let i = 1; i < segs.length; i++) expect(segs[i]!.start).toBe(segs[i - 1]!.end);
  });

  it('clamps out-of-range spans and drops empty ones', () => {
    const segs = segment('abcd', [span(-3, 2, 'x'), span(3, 99, 'y'), span(2, 2, 'empty')]);
    expect(segs.map((s) => [s.text, s.items.map((i) => i.id)])).toEqual([['ab', ['x']], ['c', []], ['d', ['y']]]);
  });

  it('marks search terms inside and outside highlights', () => {
    const segs = segment('孵化器和孵化器', [span(0, 4, 'p')], [[0, 3], [4, 7]]);
    expect(segs.map((s) => [s.text, s.marked, s.items.length])).toEqual([['孵化器', true, 1], ['和', false, 1], ['孵化器', true, 0]]);
  });
});

describe('findTermRanges', () => {
  it('finds every occurrence, across spaces between characters', () => {
    expect(findTermRanges('最高不超过 100 万元，另给予100万元', ['100万元'])).toEqual([[6, 12], [16, 21]]);
  });

  it('escapes regular-expression characters and ignores empty terms', () => {
    expect(findTermRanges('a(b)c a(b)c', ['(b)', ' '])).toEqual([[1, 4], [7, 10]]);
  });

  it('splits a query into terms', () => {
    expect(queryTerms('  孵化器   研发 ')).toEqual(['孵化器', '研发']);
    expect(queryTerms(null)).toEqual([]);
  });
});
