// A character-level diff of two texts, for clause text in Chinese: it has no spaces between words, so a
// character is the smallest unit that keeps meaning visible (10 → 20 万元 shows as one changed digit).
// Written here rather than taken from jsdiff: a longest-common-subsequence table over the part between the
// common prefix and suffix is thirty lines, and a clause is at most a few hundred characters. Pure.

export interface TextOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Above this many cells (changed part of a × of b) the middle is reported as one deletion and one insertion. */
const MAX_CELLS = 4_000_000;

function push(ops: TextOp[], op: TextOp['op'], text: string): void {
  if (text === '') return;
  const last = ops[ops.length - 1];
  if (last && last.op === op) last.text += text;
  else ops.push({ op, text });
}

/** The operations turning a into b: equal runs, deletions from a and insertions of b, in reading order. */
export function diffText(a: string, b: string): TextOp[] {
  const x = [...a];
  const y = [...b];
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start += 1;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) { endX -= 1; endY -= 1; }
  const ops: TextOp[] = [];
  push(ops, 'equal', x.slice(0, start).join(''));
  const midX = x.slice(start, endX);
  const midY = y.slice(start, endY);
  const n = midX.length;
  const m = midY.length;
  if (n * m > MAX_CELLS) {
    push(ops, 'delete', midX.join(''));
    push(ops, 'insert', midY.join(''));
  } else {
    // lcs[i][j]: length of the longest common subsequence of midX[i..] and midY[j..].
    const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lcs[i]![j] = midX[i] === midY[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midX[i] === midY[j]) { push(ops, 'equal', midX[i]!); i += 1; j += 1; }
      // Deletions before insertions where either would do: 「10」→「20」 reads as -1 +2.
      else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) { push(ops, 'delete', midX[i]!); i += 1; }
      else { push(ops, 'insert', midY[j]!); j += 1; }
    }
  }
  push(ops, 'equal', x.slice(endX).join(''));
  return ops;
}
