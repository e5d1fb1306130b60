// Splits a text into non-overlapping segments from ranges that may nest or overlap: each segment
// carries every range covering it, so a phrase inside a longer quote belongs to both items.
// Pure: used by the article text and tested without a browser.

export interface Span<K extends string = string> {
  start: number;
  end: number;
  kind: K;
  id: string;
}

export interface Segment<K extends string = string> {
  start: number;
  end: number;
  text: string;
  /** The ranges covering the segment, innermost (shortest) first. */
  items: Span<K>[];
  /** Whether a search term covers the segment. */
  marked: boolean;
}

/** Ranges of every occurrence of the terms in the text, ignoring spaces the text puts between characters (100 万元). */
export function findTermRanges(text: string, terms: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const raw of terms) {
    const chars = [...raw.replace(/\s+/g, '')];
    if (chars.length === 0) continue;
    const pattern = chars.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*');
    const re = new RegExp(pattern, 'giu');
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      ranges.push([m.index, m.index + m[0].length]);
    }
  }
  return ranges;
}

/** Splits the query of a search box into terms. */
export function queryTerms(q: string | null | undefined): string[] {
  return (q ?? '').trim().split(/\s+/).filter((t) => t.length > 0);
}

export function segment<K extends string>(text: string, spans: readonly Span<K>[], marks: readonly [number, number][] = []): Segment<K>[] {
  const length = text.length;
  const clamp = (n: number) => Math.max(0, Math.min(length, n));
  const valid = spans
    .map((s) => ({ ...s, start: clamp(s.start), end: clamp(s.end) }))
    .filter((s) => s.end > s.start);
  const validMarks = marks.map(([s, e]) => [clamp(s), clamp(e)] as const).filter(([s, e]) => e > s);

  const cuts = new Set<number>([0, length]);
  for (const s of valid) cuts.add(s.start).add(s.end);
  for (const [s, e] of validMarks) cuts.add(s).add(e);
  const points = [...cuts].sort((a, b) => a - b);

  const segments: Segment<K>[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    const items = valid
      .filter((s) => s.start <= start && s.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
    const marked = validMarks.some(([s, e]) => s <= start && e >= end);
    const previous = segments.at(-1);
    // Merge neighbours covered by exactly the same items and marks, to keep the DOM small.
    if (previous && previous.marked === marked && sameItems(previous.items, items)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), items, marked });
    }
  }
  return segments;
}

function sameItems(a: readonly Span[], b: readonly Span[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id && x.kind === b[i]!.kind);
}

/** The key of an item across kinds (ids are unique per kind). */
export function itemKey(kind: string, id: string): string {
  return `${kind}:${id}`;
}
