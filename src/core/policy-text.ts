// Splits a policy document (plain text as published) into its preamble, domains, articles and
// closing paragraphs. Pure: no I/O. The pack loader uses it to prove that every article text
// in the pack is the published text, and the skeleton script uses it to start a new edition.

const NUMERAL_DIGITS: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Chinese numeral 一 … 九十九 → integer; undefined when it is not one. */
export function chineseNumeralToInt(numeral: string): number | undefined {
  if (!/^[一二三四五六七八九十]+$/.test(numeral)) return undefined;
  const tenAt = numeral.indexOf('十');
  if (tenAt === -1) return numeral.length === 1 ? NUMERAL_DIGITS[numeral] : undefined;
  if (numeral.indexOf('十', tenAt + 1) !== -1) return undefined;
  const tensPart = numeral.slice(0, tenAt);
  const onesPart = numeral.slice(tenAt + 1);
  const tens = tensPart === '' ? 1 : NUMERAL_DIGITS[tensPart];
  const ones = onesPart === '' ? 0 : NUMERAL_DIGITS[onesPart];
  if (tens === undefined || ones === undefined || tensPart.length > 1 || onesPart.length > 1) return undefined;
  return tens * 10 + ones;
}

/** Article number as written by a user: 13, 十三 or （十三）. */
export function parseArticleNumber(raw: string): number | undefined {
  const stripped = raw.trim().replace(/^[（(]|[)）]$/g, '');
  if (/^\d{1,3}$/.test(stripped)) return Number(stripped);
  return chineseNumeralToInt(stripped);
}

export function intToChineseNumeral(n: number): string {
  const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`numeral out of range: ${n}`);
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? '' : digits[tens]}十${digits[n % 10]}`;
}

/**
 * The form in which quotes are compared with the text: whitespace removed and half-width
 * punctuation mapped to full width, because the source mixes both (catalogue §F.2, §F.7).
 */
export function normaliseForMatch(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/,/g, '，')
    .replace(/:/g, '：')
    .replace(/;/g, '；');
}

export function containsQuote(text: string, quote: string): boolean {
  const needle = normaliseForMatch(quote);
  return needle.length > 0 && normaliseForMatch(text).includes(needle);
}

export interface SourceDomain {
  number: number;
  numeral: string;
  /** The heading paragraph, e.g. 一、推进教育科技人才一体发展（由科技局牵头实施） */
  heading: string;
  title: string;
  /** The lead unit named in the heading (由…牵头实施). */
  lead: string;
  /** Paragraphs between the heading and the first article. */
  intro: string[];
}

export interface SourceArticle {
  number: number;
  numeral: string;
  domain: number;
  /** The whole paragraph, page-break artefacts joined. */
  text: string;
  /** Text between the header and the first 。 */
  title: string;
  /** The 责任单位 clause, split on 、，, as written. */
  responsibleUnits: string[];
}

export interface SourceDocument {
  preamble: string;
  domains: SourceDomain[];
  articles: SourceArticle[];
  /** Paragraphs after the last article, up to (not including) the 抄送 line. */
  closing: string[];
}

// A line ends a paragraph when it ends with closing punctuation; any other line was cut by a
// page break and continues on the next non-blank line (catalogue §F.1).
const PARAGRAPH_END = /[。）)」”]$/;
const ARTICLE_HEAD = /^[（(]([一二三四五六七八九十]+)[)）]/;
const DOMAIN_HEAD = /^([一二三四五六七八九十]+)、(.+?)[（(]由(.+?)牵头实施[)）]$/;
const RESPONSIBLE = /[（(]责任单位[：:](.+)[)）]$/;

export function joinParagraphs(lines: string[]): string[] {
  const paragraphs: string[] = [];
  let open = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (open && paragraphs.length > 0) paragraphs[paragraphs.length - 1] += line;
    else paragraphs.push(line);
    open = !PARAGRAPH_END.test(line);
  }
  return paragraphs;
}

export class SourceParseError extends Error {}

export function parseSource(source: string): SourceDocument {
  const lines = source.split(/\r?\n/);
  const from = lines.findIndex((l) => /^为.+制定以下政策举措。$/.test(l.trim()));
  if (from < 0) throw new SourceParseError('no preamble paragraph (为…制定以下政策举措。) found');
  const ccAt = lines.findIndex((l, i) => i > from && l.trim().startsWith('抄送'));
  const body = joinParagraphs(lines.slice(from, ccAt >= 0 ? ccAt : undefined));

  const [preamble, ...rest] = body;
  const domains: SourceDomain[] = [];
  const articles: SourceArticle[] = [];
  const closing: string[] = [];
  for (const paragraph of rest) {
    const domainMatch = DOMAIN_HEAD.exec(paragraph);
    const articleMatch = ARTICLE_HEAD.exec(paragraph);
    if (domainMatch) {
      const number = chineseNumeralToInt(domainMatch[1]!);
      if (number === undefined) throw new SourceParseError(`bad domain numeral in: ${paragraph}`);
      domains.push({ number, numeral: domainMatch[1]!, heading: paragraph, title: domainMatch[2]!, lead: domainMatch[3]!, intro: [] });
    } else if (articleMatch) {
      const number = chineseNumeralToInt(articleMatch[1]!);
      const domain = domains.at(-1);
      if (number === undefined || domain === undefined) throw new SourceParseError(`article outside a domain: ${paragraph.slice(0, 30)}`);
      const afterHead = paragraph.slice(articleMatch[0].length);
      const units = RESPONSIBLE.exec(paragraph);
      articles.push({
        number,
        numeral: articleMatch[1]!,
        domain: domain.number,
        text: paragraph,
        title: afterHead.slice(0, Math.max(0, afterHead.indexOf('。'))),
        responsibleUnits: units ? units[1]!.split(/[、，,]/).map((u) => u.trim()).filter(Boolean) : [],
      });
    } else if (domains.length > 0 && !articles.some((a) => a.domain === domains.at(-1)!.number)) {
      domains.at(-1)!.intro.push(paragraph);
    } else {
      closing.push(paragraph);
    }
  }
  if (!preamble) throw new SourceParseError('empty document');
  return { preamble, domains, articles, closing };
}

/**
 * Where a quote stands in a text, as [start, end) offsets of the original text, matching as
 * containsQuote does (whitespace ignored, bracket width folded). Every occurrence, in order.
 */
export function findQuoteRanges(text: string, quote: string): [number, number][] {
  const needle = normaliseForMatch(quote);
  if (needle.length === 0) return [];
  // Normalise character by character, remembering where each kept character came from.
  const kept: number[] = [];
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const ch = normaliseForMatch(text[i]!);
    if (ch.length === 0) continue;
    folded += ch;
    kept.push(i);
  }
  const ranges: [number, number][] = [];
  for (let at = folded.indexOf(needle); at !== -1; at = folded.indexOf(needle, at + needle.length)) {
    ranges.push([kept[at]!, kept[at + needle.length - 1]! + 1]);
  }
  return ranges;
}
