// Full-text search of the articles in Chinese (and in English over titles). Chinese has no spaces
// between words, so matching is by substring after the same normalisation as quotes; a query with no
// exact match falls back to character-bigram overlap, which still finds 孵化 in 孵化器 texts.
import type { Pack } from '../core/pack.ts';
import { findQuoteRanges, normaliseForMatch } from '../core/policy-text.ts';
import type { SearchHit, SearchResult } from './policy-views.ts';

const SNIPPET_CONTEXT = 36;
const MAX_SNIPPETS = 3;
const WEIGHT = { title: 10, item: 4, text: 2, english: 6 };

function bigrams(s: string): string[] {
  const grams: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) grams.push(s.slice(i, i + 2));
  return grams;
}

function occurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count++;
  return count;
}

export function searchArticles(pack: Pack, rawQuery: string, limit: number): SearchResult {
  const query = rawQuery.trim().replace(/\s+/g, ' ');
  const terms = query.split(' ').map((t) => normaliseForMatch(t)).filter((t) => t.length > 0);
  if (terms.length === 0) return { query, total: 0, hits: [] };
  const lowerTerms = query.toLowerCase().split(' ').filter(Boolean);

  const hits: SearchHit[] = [];
  for (const article of pack.articles) {
    const title = normaliseForMatch(article.title);
    const text = normaliseForMatch(article.text);
    const here = (s: { section: { kind: string; number?: number } }) => s.section.kind === 'article' && s.section.number === article.number;
    const items = [
      ...pack.provisions.filter(here).map((p) => ({ kind: 'provision' as const, id: p.id, title: p.title.zh, en: p.title.en })),
      ...pack.targets.filter(here).map((t) => ({ kind: 'target' as const, id: t.id, title: t.metric.zh, en: t.metric.en })),
    ];
    let score = 0;
    let matchedTerms = 0;
    const matchedItems = new Map<string, SearchHit['items'][number]>();
    terms.forEach((term, i) => {
      const lower = lowerTerms[i] ?? term.toLowerCase();
      let termScore = occurrences(title, term) * WEIGHT.title + occurrences(text, term) * WEIGHT.text;
      if (article.title_en.toLowerCase().includes(lower)) termScore += WEIGHT.english;
      for (const item of items) {
        if (item.title.includes(term) || item.en.toLowerCase().includes(lower)) {
          termScore += WEIGHT.item;
          matchedItems.set(item.id, { kind: item.kind, id: item.id, title: item.title });
        }
      }
      if (termScore > 0) matchedTerms++;
      score += termScore;
    });
    if (score === 0) {
      // No exact match of any term: score by the share of the query's bigrams found in the text.
      const grams = terms.flatMap(bigrams);
      const found = grams.filter((g) => text.includes(g) || title.includes(g)).length;
      if (grams.length > 0 && found / grams.length >= 0.5) score = found / grams.length;
    } else {
      score *= matchedTerms; // articles matching every term first
    }
    if (score <= 0) continue;
    hits.push({
      number: article.number, numeral: article.numeral, title: article.title, title_en: article.title_en, domain: article.domain,
      score: Math.round(score * 100) / 100, snippets: snippets(article.text, terms), items: [...matchedItems.values()],
    });
  }
  hits.sort((a, b) => b.score - a.score || a.number - b.number);
  return { query, total: hits.length, hits: hits.slice(0, Math.max(1, limit)) };
}

function snippets(text: string, terms: string[]): SearchHit['snippets'] {
  const ranges = terms.flatMap((term) => findQuoteRanges(text, term)).sort((a, b) => a[0] - b[0]);
  if (ranges.length === 0) return [{ text: text.slice(0, SNIPPET_CONTEXT * 2) + (text.length > SNIPPET_CONTEXT * 2 ? '…' : ''), highlights: [] }];
  // Group matches into windows of context around them, merging windows that overlap.
  const windows: { start: number; end: number; marks: [number, number][] }[] = [];
  for (const [s, e] of ranges) {
    const start = Math.max(0, s - SNIPPET_CONTEXT);
    const end = Math.min(text.length, e + SNIPPET_CONTEXT);
    const last = windows.at(-1);
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.marks.push([s, e]);
    } else windows.push({ start, end, marks: [[s, e]] });
  }
  return windows.slice(0, MAX_SNIPPETS).map((w) => {
    const prefix = w.start > 0 ? '…' : '';
    const suffix = w.end < text.length ? '…' : '';
    return {
      text: prefix + text.slice(w.start, w.end) + suffix,
      highlights: w.marks.map(([s, e]) => [s - w.start + prefix.length, e - w.start + prefix.length] as [number, number]),
    };
  });
}
