// Seeded population for the peer workload. Enterprise i depends only on the seed and on the enterprises
// before it (one sequential generator), so the first n of a population of N are the population of n: the
// slow peers run on a prefix and are checked against the plain functions on the same prefix.
//
// Deliberately on and just under every threshold: R&D growth exactly 20% (cur = prev × 6/5) and one yuan
// short, intensity exactly 10% (revenue = R&D × 10) and one yuan over, increase exactly 1,000,000 and
// 999,999, R&D exactly 2,000,000 and 1,999,999; certificates expiring on the last day before the policy
// year and on its first day; dates on 1 January and 31 December of Y, Y−1 and Y+1; enterprises with both
// the new and the re-examined high-tech certificate in Y (R1 and R2 both set).
import type { Profile } from '../../src/core/profile.ts';
import { Y } from './params.ts';

export type RecognitionType = 'high-tech-enterprise' | 'sci-tech-sme' | 'eaglet';
export type Level = 'national' | 'provincial' | 'city' | 'district';

export interface Recognition {
  type: RecognitionType;
  level: Level;
  event: 'new' | 'reexam' | 'recognised';
  /** YYYY-MM-DD */
  date: string;
  /** High-tech certificates only: the last day of validity (granted + 3 years − 1 day). */
  valid_until?: string;
}

export interface FinancialYear {
  year: number;
  revenue: number;
  rd_expense: number;
  above_scale: boolean;
}

export interface Contract { registered_on: string; amount: number }
export interface Project { kind: 'equipment-upgrade' | 'consortium-major-project'; year: number; key_sector: boolean; actual_investment: number }
export interface Premium { kind: 'short-term-export-credit'; year: number; amount: number; key_country: boolean }

export interface Enterprise {
  index: number;
  industrial: boolean;
  /** First year in the above-scale statistics; null: never. */
  above_scale_entry_year: number | null;
  recognitions: Recognition[];
  /** Consecutive years, oldest first, the last one Y − 1. */
  financial_years: FinancialYear[];
  contracts: Contract[];
  projects: Project[];
  premiums: Premium[];
}

/** Bounds the generator keeps (engines with fixed slots, Publicodes, rely on them and check them). */
export const LIMITS = {
  recognitions: 4,
  contracts: 3,
  projects: 2,
  premiums: 2,
  /** Financial years lie in [firstFinancialYear, Y − 1]. */
  firstFinancialYear: Y - 6,
  /** Entry years lie in [firstEntryYear, Y]. */
  firstEntryYear: Y - 7,
} as const;

/** mulberry32: small, fast, and the same stream on every platform. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const chance = (p: number) => next() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  /** Picks by weight: weights [w0, w1, …] → index. */
  const weighted = (ws: readonly number[]): number => {
    let u = next() * ws.reduce((s, w) => s + w, 0);
    for (let i = 0; i < ws.length; i++) {
      u -= ws[i]!;
      if (u < 0) return i;
    }
    return ws.length - 1;
  };
  return { next, int, chance, pick, weighted };
}
type Rng = ReturnType<typeof generator>;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** A day inside the year, or (one time in four) a day on the edge of the policy year, inside or just outside. */
function dayAround(r: Rng, year: number): string {
  if (r.chance(0.25)) return r.pick([iso(Y, 1, 1), iso(Y, 12, 31), iso(Y - 1, 12, 31), iso(Y + 1, 1, 1)]);
  return iso(year, r.int(1, 12), r.int(1, 28));
}

/** Granted on `date`, valid for three years: until the day before the third anniversary. */
function validUntil(date: string): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCFullYear(t.getUTCFullYear() + 3);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}

function recognitions(r: Rng): Recognition[] {
  const out: Recognition[] = [];
  const hte = (event: 'new' | 'reexam', date: string) => out.push({ type: 'high-tech-enterprise', level: 'national', event, date, valid_until: validUntil(date) });
  const u = r.next();
  if (u < 0.12) hte('new', dayAround(r, Y));
  else if (u < 0.22) hte('reexam', dayAround(r, Y));
  else if (u < 0.30) {
    // Both flags: R1 pays, R2 is excluded.
    hte('new', dayAround(r, Y));
    hte('reexam', dayAround(r, Y));
  } else if (u < 0.58) {
    // An older certificate: still valid in Y, or expired just before it (granted 1 January Y−3 → valid until 31 December Y−1).
    const date = r.chance(0.3) ? r.pick([iso(Y - 3, 1, 1), iso(Y - 3, 1, 2), iso(Y - 2, 12, 31)]) : iso(Y - r.int(1, 4), r.int(1, 12), r.int(1, 28));
    hte(r.chance(0.5) ? 'new' : 'reexam', date);
  }
  if (r.chance(0.25)) {
    out.push({
      type: 'sci-tech-sme', level: r.chance(0.8) ? 'provincial' : 'city', event: r.chance(0.8) ? 'new' : 'recognised',
      date: r.chance(0.85) ? dayAround(r, Y) : iso(Y - 1, r.int(1, 12), r.int(1, 28)),
    });
  }
  if (r.chance(0.10)) {
    out.push({
      type: 'eaglet', level: r.chance(0.8) ? 'city' : 'district', event: r.pick(['new', 'recognised', 'reexam'] as const),
      date: r.chance(0.85) ? dayAround(r, Y) : iso(Y - 1, r.int(1, 12), r.int(1, 28)),
    });
  }
  return out;
}

/** Next year's R&D from this year's, on or near a threshold of R5. */
function nextRd(r: Rng, prev: number): number {
  switch (r.weighted([0.2, 0.1, 0.2, 0.1, 0.4])) {
    case 0: return Math.ceil((prev * 6) / 5); // growth exactly 20% (prev a multiple of 5), else the least that meets it
    case 1: return Math.ceil((prev * 6) / 5) - 1; // growth one yuan short of 20%
    case 2: return prev + 1_000_000; // increase exactly 1,000,000
    case 3: return prev + 999_999; // increase one yuan short
    default: return prev + Math.max(1_000_000, Math.ceil(prev / 5)) + r.int(0, 500_000);
  }
}

/** Revenue for an R&D figure: intensity exactly 10%, just under, or comfortably over. */
function revenueFor(r: Rng, rd: number): number {
  switch (r.weighted([0.3, 0.15, 0.55])) {
    case 0: return rd * 10;
    case 1: return rd * 10 + 1;
    default: return Math.max(1, rd * r.int(3, 9));
  }
}

function financialYears(r: Rng, entry: number | null): FinancialYear[] {
  const first = Y - r.int(3, Y - LIMITS.firstFinancialYear);
  const years: number[] = [];
  for (let y = first; y <= Y - 1; y++) years.push(y);
  const rd = new Map<number, number>();
  const revenue = new Map<number, number>();
  const scenario = r.weighted([0.35, 0.2, 0.45]);
  if (scenario === 0) {
    // R5: Y−3 → Y−2 → Y−1 on and around the thresholds.
    let prev = r.chance(0.3) ? 5_000_000 : 25 * r.int(40_000, 320_000); // 5,000,000: 20% growth is exactly 1,000,000
    rd.set(Y - 3, prev);
    revenue.set(Y - 3, revenueFor(r, prev));
    for (const y of [Y - 2, Y - 1]) {
      const cur = nextRd(r, prev);
      rd.set(y, cur);
      revenue.set(y, revenueFor(r, cur));
      prev = cur;
    }
    for (const y of years) if (y < Y - 3) { rd.set(y, r.int(0, 5_000_000)); revenue.set(y, r.int(1_000_000, 100_000_000)); }
  } else if (scenario === 1) {
    // R6: the latest year on or around 2,000,000, the earlier ones mostly under it.
    rd.set(Y - 1, r.pick([2_000_000, 1_999_999, 2_000_001, r.int(2_000_000, 5_000_000)]));
    for (const y of years) if (y < Y - 1) rd.set(y, r.int(0, 1_999_999));
    if (r.chance(0.25)) rd.set(r.pick(years.slice(0, -1)), r.pick([2_000_000, 1_999_999]));
    for (const y of years) revenue.set(y, r.int(5_000_000, 200_000_000));
  } else {
    for (const y of years) { rd.set(y, r.int(0, 6_000_000)); revenue.set(y, r.int(1_000_000, 100_000_000)); }
  }
  // Above scale from the entry year on, with a gap one time in eight.
  const gap = entry !== null && entry < Y && r.chance(0.125) ? r.int(entry, Y - 1) : -1;
  return years.map((year) => ({
    year,
    revenue: revenue.get(year)!,
    rd_expense: rd.get(year)!,
    above_scale: entry !== null && year >= entry && year !== gap,
  }));
}

function enterprise(r: Rng, index: number): Enterprise {
  const industrial = r.chance(0.65);
  const entry = r.chance(0.15) ? null : Y - r.int(0, Y - LIMITS.firstEntryYear);
  const recs = recognitions(r);
  const fys = financialYears(r, entry);
  const contracts: Contract[] = [];
  for (let i = r.weighted([0.4, 0.3, 0.2, 0.1]); i > 0; i--) {
    contracts.push({
      registered_on: r.chance(0.75) ? dayAround(r, Y) : r.pick([iso(Y - 1, 12, 31), iso(Y + 1, 1, 1), iso(Y - 1, r.int(1, 12), r.int(1, 28))]),
      // 1,666,667 × 30% = 500,000.1: on the cap; 1,666,666: one yuan under it.
      amount: r.chance(0.3) ? r.pick([1_666_666, 1_666_667, 1_666_668]) : r.int(10_000, 2_000_000),
    });
  }
  const projects: Project[] = [];
  for (let i = r.weighted([0.6, 0.25, 0.15]); i > 0; i--) {
    projects.push({
      kind: r.chance(0.9) ? 'equipment-upgrade' : 'consortium-major-project',
      year: r.chance(0.8) ? Y : Y - 1,
      key_sector: r.chance(0.7),
      actual_investment: r.int(100_000, 80_000_000),
    });
  }
  const premiums: Premium[] = [];
  for (let i = r.weighted([0.65, 0.25, 0.1]); i > 0; i--) {
    premiums.push({ kind: 'short-term-export-credit', year: r.chance(0.85) ? Y : Y - 1, amount: r.int(1_000, 3_000_000), key_country: r.chance(0.3) });
  }
  return { index, industrial, above_scale_entry_year: entry, recognitions: recs, financial_years: fys, contracts, projects, premiums };
}

export const DEFAULT_SEED = 20250101;

/** The first `size` enterprises of the population of `seed`. */
export function generatePopulation(size: number, seed = DEFAULT_SEED): Enterprise[] {
  const r = generator(seed);
  const out: Enterprise[] = new Array(size);
  for (let i = 0; i < size; i++) out[i] = enterprise(r, i);
  return out;
}

/** The enterprise as a Zhida profile (done once, outside any timing). */
export function toProfile(e: Enterprise): Profile {
  const profile: Profile = {
    id: `BENCH${String(e.index).padStart(10, '0')}`,
    name: `Enterprise ${e.index}`,
    kind: 'enterprise',
    industrial: e.industrial,
    recognitions: e.recognitions.map((r) => ({ ...r })),
    financial_years: e.financial_years.map((f) => ({ ...f })),
    contracts: e.contracts.map((c, i) => ({ id: `C${i}`, ...c })),
    projects: e.projects.map((p, i) => ({ id: `P${i}`, ...p })),
    premiums: e.premiums.map((m, i) => ({ id: `M${i}`, ...m })),
  };
  if (e.above_scale_entry_year !== null) profile.above_scale_entry_year = e.above_scale_entry_year;
  return profile;
}

/** How many enterprises sit exactly on, and one yuan short of, each threshold of the workload (for the report). */
export function thresholdCoverage(population: readonly Enterprise[]): Record<string, number> {
  const c: Record<string, number> = {
    'growth exactly 20%': 0, 'growth one yuan short of 20%': 0,
    'intensity exactly 10%': 0, 'intensity just under 10%': 0,
    'increase exactly 1,000,000': 0, 'increase 999,999': 0,
    'R&D exactly 2,000,000 (Y−1)': 0, 'R&D 1,999,999 (Y−1)': 0,
    'R1 and R2 flags both set': 0, 'certificate expired 31 Dec Y−1': 0,
  };
  const inY = (d: string) => d >= `${Y}-01-01` && d <= `${Y}-12-31`;
  for (const e of population) {
    const fy = new Map(e.financial_years.map((f) => [f.year, f]));
    const hit = new Set<string>();
    for (const y of [Y - 1, Y - 2]) {
      const cur = fy.get(y), prev = fy.get(y - 1);
      if (!cur || !prev) continue;
      const a = cur.rd_expense * 100, b = prev.rd_expense * 120;
      if (a === b) hit.add('growth exactly 20%');
      if (a < b && a + 100 >= b) hit.add('growth one yuan short of 20%');
      if (cur.rd_expense * 100 === cur.revenue * 10) hit.add('intensity exactly 10%');
      if (cur.revenue === cur.rd_expense * 10 + 1) hit.add('intensity just under 10%');
      if (cur.rd_expense - prev.rd_expense === 1_000_000) hit.add('increase exactly 1,000,000');
      if (cur.rd_expense - prev.rd_expense === 999_999) hit.add('increase 999,999');
    }
    const last = fy.get(Y - 1)?.rd_expense;
    if (last === 2_000_000) hit.add('R&D exactly 2,000,000 (Y−1)');
    if (last === 1_999_999) hit.add('R&D 1,999,999 (Y−1)');
    const hte = e.recognitions.filter((r) => r.type === 'high-tech-enterprise');
    if (hte.some((r) => r.event === 'new' && inY(r.date)) && hte.some((r) => r.event === 'reexam' && inY(r.date))) hit.add('R1 and R2 flags both set');
    if (hte.some((r) => r.valid_until === `${Y - 1}-12-31`)) hit.add('certificate expired 31 Dec Y−1');
    for (const k of hit) c[k]!++;
  }
  return c;
}
