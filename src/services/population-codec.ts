// The packed form of a chunk of stored profiles, for simulation: JSON.parse of a stored chunk cost more
// than evaluating it (≈ 17 µs of ≈ 30 µs per profile), so chunks are stored as three packed arrays —
// small integers (enum indexes, flags, years, lengths), money (float64: whole yuan beyond 2^31), and one
// UTF-8 text of every string, sliced by the lengths — and decoded straight into the canonical shape of
// canonicalProfile (src/core/profile.ts), every key present in one order, so batch reads stay monomorphic
// and no second copy is made. Every field of the profile is packed, not only those today's rules read:
// decode(encode(p)) equals canonicalProfile(p), whatever a rule reads tomorrow.
//
// Layout (little endian): u32 magic, u32 version, u32 profile count, u32 int count, u32 money count,
// u32 text byte length, then the int32 array, padding to 8 bytes, the float64 array, the text bytes.
import type { Profile } from '../core/profile.ts';

const MAGIC = 0x5a484450; // "ZHDP"
const VERSION = 1;
const HEADER = 24;

// Enum tables: the values of the profile schema's enums, in its order (test/simulation/population-codec.test.ts
// checks them against the schema). Written out rather than read from the schema so that a simulation
// worker loads no zod. A value the table lacks is refused when packing, never packed as another. Only
// append to a table: stored chunks hold indexes.
export const ENUMS = {
  kind: ['enterprise', 'incubator', 'maker-space', 'institution', 'team', 'individual', 'household'],
  level: ['national', 'provincial', 'city', 'district'],
  recognitionType: [
    'sci-tech-sme', 'high-tech-enterprise', 'eaglet', 'incubator', 'maker-space', 'overseas-innovation-incubation-centre',
    'overseas-sci-tech-innovation-centre', 'manufacturing-innovation-centre', 'key-laboratory', 'proof-of-concept-centre',
    'pilot-test-base', 'leading-innovation-team', 'software-enterprise', 'key-software-enterprise', 'innovation-consortium', 'sci-tech-platform',
  ],
  event: ['new', 'reexam', 'recognised'],
  assessmentKind: ['excellence', 'performance'],
  carrier: ['incubator', 'maker-space'],
  grade: ['excellent', 'five-star', 'four-star', 'other'],
  projectKind: ['equipment-upgrade', 'consortium-major-project'],
  prizeKind: ['state-top-sci', 'state-progress-special', 'state-first', 'state-second'],
  grantKind: ['city-rd-grant', 'provincial-key-lab-grant', 'superior-tech-insurance-grant', 'city-key-software-reward'],
} as const;
const KINDS = ENUMS.kind;
const LEVELS = ENUMS.level;
const RECOGNITION_TYPES = ENUMS.recognitionType;
const EVENTS = ENUMS.event;
const ASSESSMENT_KINDS = ENUMS.assessmentKind;
const CARRIERS = ENUMS.carrier;
const GRADES = ENUMS.grade;
const PROJECT_KINDS = ENUMS.projectKind;
const PRIZE_KINDS = ENUMS.prizeKind;
const GRANT_KINDS = ENUMS.grantKind;

class Packer {
  ints: number[] = [];
  money: number[] = [];
  text: string[] = [];
  int(n: number): void { this.ints.push(n); }
  /** Required enum: its index. */
  en<T extends string>(table: readonly T[], value: T): void {
    const i = table.indexOf(value);
    if (i < 0) throw new Error(`cannot pack "${value}": not one of ${table.join(', ')}`);
    this.ints.push(i);
  }
  /** Optional enum: 0 absent, index + 1. */
  oen<T extends string>(table: readonly T[], value: T | undefined): void {
    if (value === undefined) { this.ints.push(0); return; }
    this.en(table, value);
    this.ints[this.ints.length - 1]! += 1;
  }
  /** Optional boolean: 0 absent, 1 false, 2 true. */
  bool(value: boolean | undefined): void { this.ints.push(value === undefined ? 0 : value ? 2 : 1); }
  /** Optional year (≥ 1949, so 0 is free for absent). */
  oyear(value: number | undefined): void { this.ints.push(value ?? 0); }
  /** Money: whole yuan ≥ 0; −1 absent. */
  yuan(value: number | undefined): void { this.money.push(value ?? -1); }
  /** A string: its UTF-16 length (−1 absent) here, its characters in the text. */
  str(value: string | undefined): void {
    if (value === undefined) { this.ints.push(-1); return; }
    this.ints.push(value.length);
    this.text.push(value);
  }
  list<T>(items: readonly T[] | undefined, each: (item: T) => void): void {
    if (items === undefined) { this.ints.push(-1); return; }
    this.ints.push(items.length);
    for (const item of items) each(item);
  }
}

function packOne(w: Packer, p: Profile): void {
  w.str(p.id); w.str(p.name); w.en(KINDS, p.kind); w.bool(p.industrial); w.oyear(p.above_scale_entry_year);
  w.list(p.recognitions, (x) => { w.en(RECOGNITION_TYPES, x.type); w.oen(LEVELS, x.level); w.en(EVENTS, x.event); w.str(x.date); w.str(x.certificate); w.str(x.valid_until); w.bool(x.enterprise_led); });
  w.list(p.assessments, (x) => { w.en(ASSESSMENT_KINDS, x.kind); w.en(CARRIERS, x.carrier); w.en(LEVELS, x.level); w.en(GRADES, x.grade); w.int(x.year); });
  w.list(p.financial_years, (x) => { w.int(x.year); w.yuan(x.revenue); w.yuan(x.rd_expense); w.bool(x.above_scale); w.yuan(x.taxable_profit); });
  w.list(p.incubation, (x) => {
    w.en(CARRIERS, x.carrier); w.en(LEVELS, x.carrier_level); w.str(x.entered); w.str(x.graduated);
    w.list(x.rent, (m) => { w.str(m.month); w.yuan(m.amount); });
  });
  w.list(p.contracts, (x) => { w.str(x.id); w.str(x.registered_on); w.yuan(x.amount); });
  w.list(p.projects, (x) => { w.str(x.id); w.en(PROJECT_KINDS, x.kind); w.int(x.year); w.bool(x.key_sector); w.yuan(x.actual_investment); w.bool(x.landmark); });
  w.list(p.premiums, (x) => { w.str(x.id); w.int(x.year); w.yuan(x.amount); w.bool(x.key_country); });
  w.list(p.prizes, (x) => { w.en(PRIZE_KINDS, x.kind); w.str(x.date); w.str(x.certificate); });
  w.list(p.grants_received, (x) => { w.en(GRANT_KINDS, x.kind); w.int(x.year); w.yuan(x.amount); w.str(x.reference); });
  w.list(p.compute_spend, (x) => { w.int(x.year); w.yuan(x.amount); });
  w.int(p.welfare ? 1 : 0);
  if (p.welfare) {
    const x = p.welfare;
    w.bool(x.dibao_household); w.bool(x.elderly_in_hardship); w.bool(x.assisted_reproduction_needed); w.bool(x.trade_in_digital_purchase); w.bool(x.event_hotel_stay);
  }
  w.int(p.software_tax ? 1 : 0);
  if (p.software_tax) { w.int(p.software_tax.first_profit_year); w.int(p.software_tax.statutory_rate_percent); }
}

/** Packs a chunk of (valid) profiles. */
export function packProfiles(profiles: readonly Profile[]): Buffer {
  const w = new Packer();
  for (const p of profiles) packOne(w, p);
  const text = Buffer.from(w.text.join(''), 'utf8');
  const intBytes = w.ints.length * 4;
  const moneyAt = HEADER + intBytes + ((HEADER + intBytes) % 8 === 0 ? 0 : 4);
  const out = Buffer.alloc(moneyAt + w.money.length * 8 + text.length);
  out.writeUInt32LE(MAGIC, 0); out.writeUInt32LE(VERSION, 4); out.writeUInt32LE(profiles.length, 8);
  out.writeUInt32LE(w.ints.length, 12); out.writeUInt32LE(w.money.length, 16); out.writeUInt32LE(text.length, 20);
  // Buffer.alloc of this size is not pooled: byteOffset 0, so typed views are aligned.
  new Int32Array(out.buffer, out.byteOffset + HEADER, w.ints.length).set(w.ints);
  new Float64Array(out.buffer, out.byteOffset + moneyAt, w.money.length).set(w.money);
  text.copy(out, moneyAt + w.money.length * 8);
  return out;
}

/** Is this stored chunk packed (rather than the JSON text of the first populations)? */
export const isPacked = (chunk: Uint8Array): boolean => chunk.length >= HEADER && new DataView(chunk.buffer, chunk.byteOffset, 4).getUint32(0, true) === MAGIC;

const BOOL = [undefined, false, true] as const;

/** Decodes a packed chunk into profiles in canonical shape (see canonicalProfile). */
export function unpackProfiles(chunk: Uint8Array): Profile[] {
  // Typed views need aligned offsets: a driver's buffer may start anywhere, so copy when it does.
  const bytes = chunk.byteOffset % 8 === 0 ? chunk : new Uint8Array(chunk);
  const head = new DataView(bytes.buffer, bytes.byteOffset, HEADER);
  if (head.getUint32(0, true) !== MAGIC || head.getUint32(4, true) !== VERSION) throw new Error('not a packed chunk of profiles (version 1)');
  const count = head.getUint32(8, true);
  const nInts = head.getUint32(12, true);
  const nMoney = head.getUint32(16, true);
  const textBytes = head.getUint32(20, true);
  const moneyAt = HEADER + nInts * 4 + ((HEADER + nInts * 4) % 8 === 0 ? 0 : 4);
  const I = new Int32Array(bytes.buffer, bytes.byteOffset + HEADER, nInts);
  const M = new Float64Array(bytes.buffer, bytes.byteOffset + moneyAt, nMoney);
  const T = new TextDecoder().decode(bytes.subarray(moneyAt + nMoney * 8, moneyAt + nMoney * 8 + textBytes));
  let i = 0;
  let m = 0;
  let t = 0;
  const str = (): string | undefined => {
    const n = I[i++]!;
    if (n < 0) return undefined;
    const s = T.slice(t, t + n);
    t += n;
    return s;
  };
  const req = (): string => str()!;
  const bool = (): boolean | undefined => BOOL[I[i++]!];
  const oyear = (): number | undefined => { const y = I[i++]!; return y === 0 ? undefined : y; };
  const yuan = (): number | undefined => { const v = M[m++]!; return v < 0 ? undefined : v; };
  const oen = <T>(table: readonly T[]): T | undefined => { const k = I[i++]!; return k === 0 ? undefined : table[k - 1]; };
  const en = <T>(table: readonly T[]): T => table[I[i++]!]!;
  function list<T>(each: () => T): T[] | undefined {
    const n = I[i++]!;
    if (n < 0) return undefined;
    const out = new Array<T>(n);
    for (let k = 0; k < n; k++) out[k] = each();
    return out;
  }
  // Element readers made once per chunk, not per profile; object literals in canonicalProfile's key order
  // give the same hidden classes as canonical profiles.
  const recognition = () => ({ type: en(RECOGNITION_TYPES), level: oen(LEVELS), event: en(EVENTS), date: req(), certificate: str(), valid_until: str(), enterprise_led: bool() });
  const assessment = () => ({ kind: en(ASSESSMENT_KINDS), carrier: en(CARRIERS), level: en(LEVELS), grade: en(GRADES), year: I[i++]! });
  const financialYear = () => ({ year: I[i++]!, revenue: yuan(), rd_expense: yuan(), above_scale: bool(), taxable_profit: yuan() });
  const rent = () => ({ month: req(), amount: yuan()! });
  const incubation = () => ({ carrier: en(CARRIERS), carrier_level: en(LEVELS), entered: req(), graduated: str(), rent: list(rent)! });
  const contract = () => ({ id: req(), registered_on: req(), amount: yuan()! });
  const project = () => ({ id: req(), kind: en(PROJECT_KINDS), year: I[i++]!, key_sector: bool(), actual_investment: yuan(), landmark: bool() });
  const premium = () => ({ id: req(), kind: 'short-term-export-credit' as const, year: I[i++]!, amount: yuan()!, key_country: bool()! });
  const prize = () => ({ kind: en(PRIZE_KINDS), date: req(), certificate: str() });
  const grant = () => ({ kind: en(GRANT_KINDS), year: I[i++]!, amount: yuan()!, reference: str() });
  const compute = () => ({ year: I[i++]!, amount: yuan()! });
  const profiles = new Array<Profile>(count);
  for (let k = 0; k < count; k++) {
    const id = req(); const name = req(); const kind = en(KINDS); const industrial = bool(); const above_scale_entry_year = oyear();
    const recognitions = list(recognition); const assessments = list(assessment); const financial_years = list(financialYear);
    const incubations = list(incubation); const contracts = list(contract); const projects = list(project); const premiums = list(premium);
    const prizes = list(prize); const grants_received = list(grant); const compute_spend = list(compute);
    const welfare = I[i++] === 1
      ? { dibao_household: bool(), elderly_in_hardship: bool(), assisted_reproduction_needed: bool(), trade_in_digital_purchase: bool(), event_hotel_stay: bool() }
      : undefined;
    const software_tax = I[i++] === 1 ? { first_profit_year: I[i++]!, statutory_rate_percent: I[i++]! } : undefined;
    profiles[k] = {
      id, name, kind, industrial, above_scale_entry_year, recognitions, assessments, financial_years, incubation: incubations, contracts, projects,
      premiums, prizes, grants_received, compute_spend, welfare, software_tax,
    } as Profile;
  }
  if (i !== nInts || m !== nMoney || t !== T.length) throw new Error('packed chunk of profiles is corrupt (lengths do not add up)');
  return profiles;
}
