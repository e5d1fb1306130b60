// A synthetic, Binjiang-like population of beneficiaries for planning, tests and benchmarks. Seeded:
// profile i of seed s is always the same, and can be generated alone (so workers generate their own
// partitions). The shares below are planning assumptions, not statistics; many profiles are placed
// exactly on the policy's thresholds, or one unit under, so that boundaries are exercised. Pure.
import { creditCodeCheckChar, idCardCheckChar } from './identity.ts';
import type { Profile } from './profile.ts';

function mix(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export interface PopulationOptions {
  seed: number;
  /** The policy year the population is shaped around (events dated in it and the years before). */
  year: number;
}

/** Documented shares of beneficiary kinds (of 1000). */
export const KIND_SHARES = { enterprise: 880, incubator: 20, 'maker-space': 10, institution: 10, team: 10, individual: 40, household: 30 } as const;

// Draws from one profile's random stream. Methods rather than closures: a profile is generated in a few
// microseconds, and closures created per profile cost more than the drawing itself.
class Draw {
  private a: number;
  constructor(seed: number) {
    this.a = seed >>> 0;
  }
  next(): number {
    this.a = (this.a + 0x6d2b79f5) >>> 0;
    let t = this.a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  date(year: number): string {
    const m = this.int(1, 12);
    const d = this.int(1, 28);
    return `${year}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  }
}

export function generateProfile(index: number, options: PopulationOptions): Profile {
  const g = new Draw(mix(options.seed, index));
  const Y = options.year;

  let roll = g.next() * 1000;
  let kind: Profile['kind'] = 'enterprise';
  for (const [k, share] of Object.entries(KIND_SHARES)) {
    if (roll < share) {
      kind = k as Profile['kind'];
      break;
    }
    roll -= share;
  }

  if (kind === 'individual' || kind === 'household') {
    const base = `330108${1940 + g.int(0, 60)}${String(g.int(1, 12)).padStart(2, '0')}${String(g.int(1, 28)).padStart(2, '0')}${String(index % 1000).padStart(3, '0')}`;
    return {
      id: base + idCardCheckChar(base)!,
      name: `居民${index}`,
      kind,
      welfare: {
        dibao_household: kind === 'household' ? g.chance(0.1) : false,
        elderly_in_hardship: g.chance(0.05),
        assisted_reproduction_needed: kind === 'household' ? g.chance(0.02) : false,
        trade_in_digital_purchase: g.chance(0.3),
        event_hotel_stay: g.chance(0.05),
      },
    };
  }

  let body = `91330108${String(index % 100000).padStart(5, '0')}`;
  while (body.length < 17) body += CODE_CHARS[Math.floor(g.next() * 31)];
  const profile: Profile = { id: body + creditCodeCheckChar(body)!, name: `示例企业${index}`, kind, recognitions: [], financial_years: [] };

  if (kind === 'incubator' || kind === 'maker-space') {
    const level = g.pick(['national', 'provincial', 'city', 'district'] as const);
    profile.recognitions!.push({ type: kind, level, event: g.chance(0.2) ? 'new' : 'recognised', date: g.chance(0.2) ? g.date(Y) : g.date(Y - g.int(1, 8)) });
    profile.assessments = [
      ...(g.chance(0.2) ? [{ kind: 'excellence' as const, carrier: kind, level: g.pick(['national', 'provincial'] as const), grade: 'excellent' as const, year: Y }] : []),
      ...(level === 'city' && g.chance(0.5) ? [{ kind: 'performance' as const, carrier: kind, level: 'city' as const, grade: g.pick(['five-star', 'four-star', 'other'] as const), year: Y }] : []),
    ];
    return profile;
  }

  // Enterprises (and the few institutions and teams): four financial years before Y and Y itself.
  profile.industrial = g.chance(0.35);
  const aboveScale = g.chance(0.3);
  const entry = aboveScale ? (g.chance(0.1) ? Y : g.int(Y - 10, Y - 1)) : undefined;
  if (entry !== undefined) profile.above_scale_entry_year = entry;
  let revenue = Math.round(Math.exp(14 + g.next() * 6)); // ≈ 1.2 million to 490 million yuan
  let rd = Math.floor((revenue * g.int(0, 20)) / 100);
  const boundary = g.chance(0.06); // exactly on the 高研值 thresholds
  for (let y = Y - 4; y <= Y; y++) {
    if (boundary && y >= Y - 3) {
      // Growth exactly 20%, intensity exactly 10%, increase ≥ 1,000,000; a third of them one yuan short in Y−1.
      const prev = rd < 5_000_000 ? 5_000_000 : rd;
      rd = y === Y - 3 ? prev : Math.floor((prev * 120) / 100) - (y === Y - 1 && index % 3 === 0 ? 1 : 0);
      revenue = rd * 10;
    } else if (y > Y - 4) {
      revenue = Math.max(100_000, Math.floor((revenue * g.int(80, 140)) / 100));
      rd = g.chance(0.03) ? 2_000_000 : Math.max(0, Math.floor((rd * g.int(70, 150)) / 100));
    }
    profile.financial_years!.push({
      year: y, revenue, rd_expense: rd,
      above_scale: entry !== undefined && y >= entry,
      ...(g.chance(0.05) ? { taxable_profit: Math.floor(revenue / g.int(5, 20)) } : {}),
    });
  }

  const recognitions = profile.recognitions!;
  if (g.chance(0.3)) recognitions.push({ type: 'sci-tech-sme', level: 'provincial', event: 'new', date: g.chance(0.3) ? g.date(Y) : g.date(Y - g.int(1, 3)) });
  if (g.chance(0.2)) {
    const when = g.next();
    const event = when < 0.25 ? 'new' : when < 0.45 ? 'reexam' : 'recognised';
    const year = event === 'recognised' ? Y - g.int(1, 2) : Y;
    recognitions.push({ type: 'high-tech-enterprise', level: 'national', event, date: g.date(year), certificate: `GR${year}33${String(index).padStart(6, '0')}`, valid_until: `${year + 3}-12-31` });
    if (g.chance(0.05)) recognitions.push({ type: 'high-tech-enterprise', level: 'national', event: event === 'new' ? 'reexam' : 'new', date: g.date(Y) });
  }
  if (g.chance(0.01)) recognitions.push({ type: 'eaglet', level: 'city', event: 'recognised', date: g.date(Y) });
  if (g.chance(0.005)) recognitions.push({ type: g.pick(['proof-of-concept-centre', 'pilot-test-base'] as const), level: g.pick(['national', 'provincial', 'city'] as const), event: 'new', date: g.date(Y) });
  if (g.chance(0.005)) recognitions.push({ type: 'manufacturing-innovation-centre', level: g.pick(['national', 'provincial'] as const), event: 'recognised', date: g.date(Y) });
  if (g.chance(0.003)) recognitions.push({ type: 'key-laboratory', level: 'provincial', event: 'new', date: g.date(Y), enterprise_led: true });
  if (g.chance(0.004)) recognitions.push({ type: 'leading-innovation-team', level: 'city', event: 'new', date: g.date(Y) });
  if (g.chance(0.03)) {
    recognitions.push({ type: g.chance(0.2) ? 'key-software-enterprise' : 'software-enterprise', level: 'national', event: g.chance(0.3) ? 'new' : 'recognised', date: g.date(Y - g.int(0, 4)) });
    profile.software_tax = { first_profit_year: g.int(Y - 7, Y), statutory_rate_percent: 25 };
  }
  if (g.chance(0.15)) profile.contracts = Array.from({ length: g.int(1, 4) }, (_, i) => ({ id: `C${index}-${i}`, registered_on: g.date(g.chance(0.8) ? Y : Y - 1), amount: g.int(50, 3000) * 1000 }));
  if (g.chance(0.05)) profile.projects = [{ id: `P${index}`, kind: 'equipment-upgrade', year: Y, key_sector: g.chance(0.6), actual_investment: g.int(100, 50_000) * 1000 }];
  if (g.chance(0.002)) profile.projects = [...(profile.projects ?? []), { id: `Q${index}`, kind: 'consortium-major-project', year: Y, landmark: g.chance(0.5) }];
  if (g.chance(0.08)) profile.premiums = Array.from({ length: g.int(1, 3) }, (_, i) => ({ id: `I${index}-${i}`, kind: 'short-term-export-credit' as const, year: Y, amount: g.int(1_000, 500_000), key_country: g.chance(0.3) }));
  if (g.chance(0.0005)) profile.prizes = [{ kind: g.pick(['state-top-sci', 'state-progress-special', 'state-first', 'state-second'] as const), date: g.date(Y) }];
  if (g.chance(0.05)) profile.grants_received = [{ kind: g.pick(['city-rd-grant', 'superior-tech-insurance-grant', 'provincial-key-lab-grant', 'city-key-software-reward'] as const), year: Y, amount: g.int(10, 2000) * 1000 }];
  if (g.chance(0.02)) profile.compute_spend = [{ year: Y, amount: g.int(10, 5000) * 1000 }];
  if (g.chance(0.05)) {
    const entered = g.date(Y - g.int(0, 5));
    const graduated = g.chance(0.4) ? g.date(Y - g.int(0, 1)) : undefined;
    profile.incubation = [{
      carrier: g.pick(['incubator', 'maker-space'] as const), carrier_level: g.pick(['national', 'provincial', 'city', 'district'] as const), entered,
      ...(graduated && graduated > entered ? { graduated } : {}),
      rent: Array.from({ length: 12 }, (_, m) => ({ month: `${Y}-${String(m + 1).padStart(2, '0')}`, amount: g.int(2, 60) * 1000 })),
    }];
  }
  return profile;
}

export function generatePopulation(size: number, options: PopulationOptions, start = 0): Profile[] {
  return Array.from({ length: size }, (_, i) => generateProfile(start + i, options));
}
