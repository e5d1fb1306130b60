// The packed form of stored profiles (src/services/population-codec.ts): every field of the profile comes
// back as canonicalProfile gives it (same values, same keys, absent facts undefined), in memory and through
// each database; populations stored as JSON before migration 009 still load and simulate to the same totals.
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity.ts';
import { generatePopulation } from '../../src/core/population.ts';
import {
  Assessment, BeneficiaryKind, GrantReceived, Prize, Project, Recognition, RecognitionType, canonicalProfile, type Profile,
} from '../../src/core/profile.ts';
import { ENUMS, isPacked, packProfiles, unpackProfiles } from '../../src/services/population-codec.ts';
import { decodeChunk, findPopulation, importPopulation, populationChunks } from '../../src/services/populations.ts';
import { evaluatePopulation } from '../../src/services/simulation-run.ts';
import type { Db } from '../../src/store/database.ts';
import { dialects, useStore } from '../store/support/stores.ts';
import { TINY } from './fixtures.ts';

const code = (n: number): string => {
  const body = `91330108MA2H1000${n}`;
  return body + creditCodeCheckChar(body)!;
};

// Every field and every optional field present, money above 2^31 and 2^32, strings outside the BMP.
const FULL: Profile = {
  id: code(1), name: '滨江𠀀全字段科技有限公司', kind: 'incubator', industrial: true, above_scale_entry_year: 2019,
  recognitions: [
    { type: 'key-laboratory', level: 'provincial', event: 'new', date: '2025-02-03', certificate: 'KL-1', valid_until: '2028-02-02', enterprise_led: true },
    { type: 'incubator', event: 'recognised', date: '2020-01-01', enterprise_led: false },
  ],
  assessments: [{ kind: 'performance', carrier: 'maker-space', level: 'city', grade: 'four-star', year: 2025 }],
  financial_years: [
    { year: 2024, revenue: 9_876_543_210, rd_expense: 3_000_000_000, above_scale: true, taxable_profit: 0 },
    { year: 2025, above_scale: false },
  ],
  incubation: [
    { carrier: 'incubator', carrier_level: 'district', entered: '2023-05-06', graduated: '2025-01-31', rent: [{ month: '2025-01', amount: 12_000 }] },
    { carrier: 'maker-space', carrier_level: 'national', entered: '2025-03-01', rent: [] },
  ],
  contracts: [{ id: '技合-1', registered_on: '2025-07-08', amount: 0 }],
  projects: [
    { id: 'P-1', kind: 'equipment-upgrade', year: 2025, key_sector: false, actual_investment: 4_294_967_296 },
    { id: 'Q-1', kind: 'consortium-major-project', year: 2025, landmark: true },
  ],
  premiums: [{ id: 'I-1', kind: 'short-term-export-credit', year: 2025, amount: 1, key_country: true }],
  prizes: [{ kind: 'state-second', date: '2025-12-31', certificate: '国科奖-2' }, { kind: 'state-top-sci', date: '2025-01-01' }],
  grants_received: [{ kind: 'city-key-software-reward', year: 2024, amount: 500_000, reference: '杭科〔2024〕1号' }, { kind: 'city-rd-grant', year: 2025, amount: 7 }],
  compute_spend: [{ year: 2025, amount: 2_147_483_648 }],
  welfare: { dibao_household: true, elderly_in_hardship: false, event_hotel_stay: true },
  software_tax: { first_profit_year: 2021, statutory_rate_percent: 0 },
};
// Nothing optional: every list and object absent (unknown), not empty.
const BARE: Profile = { id: code(2), name: 'B', kind: 'team' };
// Empty lists (none) and an empty welfare object, distinct from absent.
const EMPTY: Profile = {
  id: code(3), name: '空', kind: 'institution', recognitions: [], assessments: [], financial_years: [], incubation: [], contracts: [], projects: [],
  premiums: [], prizes: [], grants_received: [], compute_spend: [], welfare: {},
};

const SAMPLES: Profile[] = [FULL, BARE, EMPTY, ...TINY, ...generatePopulation(3000, { seed: 7, year: 2025 })];

describe('packed profiles', () => {
  it('the enum tables are the schema\'s values, in its order', () => {
    expect(ENUMS.kind).toEqual(BeneficiaryKind.options);
    expect(ENUMS.level).toEqual(Assessment.shape.level.options);
    expect(ENUMS.recognitionType).toEqual(RecognitionType.options);
    expect(ENUMS.event).toEqual(Recognition.shape.event.options);
    expect(ENUMS.assessmentKind).toEqual(Assessment.shape.kind.options);
    expect(ENUMS.carrier).toEqual(Assessment.shape.carrier.options);
    expect(ENUMS.grade).toEqual(Assessment.shape.grade.options);
    expect(ENUMS.projectKind).toEqual(Project.shape.kind.options);
    expect(ENUMS.prizeKind).toEqual(Prize.shape.kind.options);
    expect(ENUMS.grantKind).toEqual(GrantReceived.shape.kind.options);
  });

  it('unpack(pack(p)) is canonicalProfile(p), key for key, for every field', () => {
    const packed = packProfiles(SAMPLES);
    expect(isPacked(packed)).toBe(true);
    const back = unpackProfiles(packed);
    expect(back).toHaveLength(SAMPLES.length);
    back.forEach((p, i) => {
      const expected = canonicalProfile(SAMPLES[i]!);
      expect(p).toStrictEqual(expected);
      expect(Object.keys(p)).toEqual(Object.keys(expected));
    });
    // Spot checks of what toStrictEqual would also catch, stated outright.
    expect(back[0]!.financial_years![0]!.revenue).toBe(9_876_543_210);
    expect(back[0]!.recognitions![1]!.level).toBeUndefined();
    expect(back[1]!.recognitions).toBeUndefined();
    expect(back[2]!.recognitions).toEqual([]);
    expect(back[2]!.welfare).toStrictEqual({ dibao_household: undefined, elderly_in_hardship: undefined, assisted_reproduction_needed: undefined, trade_in_digital_purchase: undefined, event_hotel_stay: undefined });
  });

  it('unpacks from an unaligned buffer (as a driver may return it)', () => {
    const packed = packProfiles([FULL, BARE]);
    const shifted = new Uint8Array(packed.length + 3);
    shifted.set(packed, 3);
    expect(unpackProfiles(shifted.subarray(3))).toStrictEqual([canonicalProfile(FULL), canonicalProfile(BARE)]);
  });

  it('refuses a value it has no table entry for, and a corrupt chunk', () => {
    expect(() => packProfiles([{ ...BARE, kind: 'castle' as Profile['kind'] }])).toThrow('cannot pack "castle"');
    const packed = packProfiles([FULL]);
    packed.writeUInt32LE(packed.readUInt32LE(12) - 1, 12); // one integer fewer than written
    expect(() => unpackProfiles(packed)).toThrow('corrupt');
    expect(isPacked(Buffer.from('[{"id":"x"}]'))).toBe(false);
  });
});

async function storedProfiles(db: Db, name: string): Promise<Profile[]> {
  const { id } = await findPopulation(db, name);
  const all: Profile[] = [];
  for await (const chunk of populationChunks(db, id, 2)) all.push(...decodeChunk(chunk));
  return all;
}

for (const dialect of dialects) {
  describe(`packed populations (${dialect.name})`, () => {
    const store = useStore(dialect);
    const task = { edition: 'binjiang-2025', year: 2025, asOf: '2025-12-31', variants: [[], [{ parameter: 'hte-new.amount', value: 400_000, from: '2025-01-01', source: 'test' }]] };

    it('a stored population reads back every field, packed', async () => {
      const { db } = store();
      const lines = SAMPLES.map((p) => JSON.stringify(p)).join('\n');
      await importPopulation(db, { name: 'codec', year: 2025, fileName: 'codec.jsonl', createdBy: 'test' }, lines);
      const rows = await db.selectFrom('population_profiles').select(['profiles', 'packed']).execute();
      expect(rows.every((r) => r.profiles === '' && r.packed !== null && isPacked(r.packed))).toBe(true);
      expect(await storedProfiles(db, 'codec')).toStrictEqual(SAMPLES.map(canonicalProfile));
    });

    it('a population stored as JSON (before migration 009) loads, and simulates to the same totals inline and in workers', async () => {
      const { db } = store();
      const packed = await findPopulation(db, 'codec');
      const old = await db.insertInto('populations').values({ name: 'codec-json', size: SAMPLES.length, seed: null, year: 2025, source: 'import:old.jsonl', created_at: '2025-01-01T00:00:00.000Z', created_by: 'test' }).returning('id').executeTakeFirstOrThrow();
      for (let seq = 0; seq * 1000 < SAMPLES.length; seq++) {
        const part = SAMPLES.slice(seq * 1000, seq * 1000 + 1000);
        await db.insertInto('population_profiles').values({ population_id: Number(old.id), seq, count: part.length, profiles: JSON.stringify(part) }).execute();
      }
      expect(await storedProfiles(db, 'codec-json')).toStrictEqual(SAMPLES.map(canonicalProfile));
      const expected = await evaluatePopulation(db, packed.id, packed.size, task, { workers: 0 });
      expect(expected.count).toBe(SAMPLES.length);
      expect(expected.winners).toBeGreaterThan(0); // hte-new at 400,000 instead of 300,000
      expect(await evaluatePopulation(db, Number(old.id), SAMPLES.length, task, { workers: 0 })).toEqual(expected);
      expect(await evaluatePopulation(db, Number(old.id), SAMPLES.length, task, { workers: 2 })).toEqual(expected);
      expect(await evaluatePopulation(db, packed.id, packed.size, task, { workers: 2 })).toEqual(expected);
    });
  });
}
