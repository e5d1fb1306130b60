// Stored populations on each database: generated ones round-trip to exactly what generatePopulation
// gives; imports refuse a bad line (named by its number) and store nothing; names are unique.
import { describe, expect, it } from 'vitest';
import { generatePopulation } from '../../src/core/population.ts';
import type { Profile } from '../../src/core/profile.ts';
import type { Db } from '../../src/store/database.ts';
import { decodeChunk, findPopulation, generateStoredPopulation, importPopulation, listPopulations, populationChunks } from '../../src/services/populations.ts';
import { dialects, useStore } from '../store/support/stores.ts';
import { TINY, tinyJsonLines } from './fixtures.ts';

async function profilesOf(db: Db, name: string): Promise<Profile[]> {
  const { id } = await findPopulation(db, name);
  const all: Profile[] = [];
  for await (const chunk of populationChunks(db, id, 2)) all.push(...decodeChunk(chunk));
  return all;
}

for (const dialect of dialects) {
  describe(`populations (${dialect.name})`, () => {
    const store = useStore(dialect);

    it('a generated population reads back profile for profile (2,500 profiles: chunks of 1,000, 1,000, 500)', async () => {
      const { db } = store();
      const stored = await generateStoredPopulation(db, { name: 'gen-2500', size: 2500, seed: 3, year: 2025, createdBy: 'test', now: new Date('2025-06-01T00:00:00Z') });
      expect(stored).toMatchObject({ name: 'gen-2500', size: 2500, seed: 3, year: 2025, source: 'generated', created_by: 'test', created_at: '2025-06-01T00:00:00.000Z' });
      const rows = await db.selectFrom('population_profiles').select(['seq', 'count']).where('population_id', '=', stored.id).orderBy('seq').execute();
      expect(rows).toEqual([{ seq: 0, count: 1000 }, { seq: 1, count: 1000 }, { seq: 2, count: 500 }]);
      // JSON drops undefined properties: compare with the generator's output through the same round trip.
      expect(await profilesOf(db, 'gen-2500')).toEqual(JSON.parse(JSON.stringify(generatePopulation(2500, { seed: 3, year: 2025 }))));
    });

    it('imports JSON lines; lists the populations', async () => {
      const { db } = store();
      const stored = await importPopulation(db, { name: 'tiny-import', year: 2025, fileName: 'tiny.jsonl', createdBy: 'test' }, tinyJsonLines());
      expect(stored).toMatchObject({ size: 8, seed: null, source: 'import:tiny.jsonl' });
      expect(await profilesOf(db, 'tiny-import')).toEqual(TINY);
      expect((await listPopulations(db)).map((p) => p.name)).toContain('tiny-import');
    });

    it('refuses a bad line, a duplicate id, an empty file, a taken name or a bad size, storing nothing', async () => {
      const { db } = store();
      const before = await listPopulations(db);
      const request = { name: 'bad', year: 2025, fileName: 'bad.jsonl', createdBy: 'test' };
      const lines = tinyJsonLines().split('\n');
      await expect(importPopulation(db, request, [lines[0], '{not json', lines[2]].join('\n'))).rejects.toThrow('bad.jsonl: 1 problem(s), nothing imported — line 2: not JSON');
      await expect(importPopulation(db, request, [lines[0], JSON.stringify({ ...TINY[1], kind: 'castle' })].join('\n'))).rejects.toThrow(/line 2: \$\.kind/);
      await expect(importPopulation(db, request, [lines[0], lines[0]].join('\n'))).rejects.toThrow(`line 2: id: duplicate id ${TINY[0]!.id}`);
      await expect(importPopulation(db, request, '\n\n')).rejects.toThrow('bad.jsonl: no profiles (empty file)');
      await expect(importPopulation(db, { ...request, name: 'no spaces' }, tinyJsonLines())).rejects.toThrow('name: "no spaces" is not a population name');
      await expect(generateStoredPopulation(db, { name: 'bad', size: 0, seed: 1, year: 2025, createdBy: 'test' })).rejects.toThrow('size: must be a whole number from 1 to 5000000');
      expect(await listPopulations(db)).toEqual(before);
      await generateStoredPopulation(db, { name: 'taken', size: 3, seed: 1, year: 2025, createdBy: 'test' });
      await expect(generateStoredPopulation(db, { name: 'taken', size: 5, seed: 2, year: 2025, createdBy: 'test' })).rejects.toThrow('a population named "taken" exists');
      expect((await findPopulation(db, 'taken')).size).toBe(3);
    });
  });
}
