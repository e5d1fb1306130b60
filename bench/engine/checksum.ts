// Per-rule totals, eligible counts and the order-sensitive checksum of an engine's output: one row of ten
// amounts per enterprise (negative codes count as 0). The checksum is FNV-1a over 64 bits, in BigInt, fed
// with each enterprise's index and then its ten amounts: swapping two enterprises' results, or moving an
// amount from one rule to another, changes it.
import { RULES } from './params.ts';

export interface Digest {
  size: number;
  totals: number[];
  eligible: number[];
  checksum: string;
}

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function digest(out: Float64Array, size: number): Digest {
  const totals = new Array<number>(RULES).fill(0);
  const eligible = new Array<number>(RULES).fill(0);
  let h = OFFSET;
  for (let i = 0; i < size; i++) {
    h = ((h ^ BigInt(i)) * PRIME) & MASK;
    for (let r = 0; r < RULES; r++) {
      const raw = out[i * RULES + r]!;
      const v = raw > 0 ? raw : 0;
      if (!Number.isSafeInteger(v)) throw new Error(`enterprise ${i}, rule ${r + 1}: amount ${raw} is not a whole number of yuan`);
      if (v > 0) {
        totals[r]! += v;
        eligible[r]!++;
      }
      h = ((h ^ BigInt(v)) * PRIME) & MASK;
    }
  }
  for (const t of totals) if (!Number.isSafeInteger(t)) throw new Error('a total exceeds the safe integer range');
  return { size, totals, eligible, checksum: h.toString(16).padStart(16, '0') };
}

/** Where two digests differ, in words; empty when they agree. */
export function differences(a: Digest, b: Digest): string[] {
  const out: string[] = [];
  if (a.size !== b.size) out.push(`size ${a.size} ≠ ${b.size}`);
  for (let r = 0; r < RULES; r++) {
    if (a.totals[r] !== b.totals[r]) out.push(`R${r + 1} total ${a.totals[r]} ≠ ${b.totals[r]}`);
    if (a.eligible[r] !== b.eligible[r]) out.push(`R${r + 1} eligible ${a.eligible[r]} ≠ ${b.eligible[r]}`);
  }
  if (a.checksum !== b.checksum) out.push(`checksum ${a.checksum} ≠ ${b.checksum}`);
  return out;
}

/** The first enterprise whose row differs (for diagnosis). */
export function firstDifferentRow(a: Float64Array, b: Float64Array, size: number): { index: number; a: number[]; b: number[] } | undefined {
  for (let i = 0; i < size; i++) {
    for (let r = 0; r < RULES; r++) {
      const x = Math.max(0, a[i * RULES + r]!), y = Math.max(0, b[i * RULES + r]!);
      if (x !== y) {
        const row = (o: Float64Array) => Array.from(o.subarray(i * RULES, (i + 1) * RULES), (v) => Math.max(0, v));
        return { index: i, a: row(a), b: row(b) };
      }
    }
  }
  return undefined;
}
