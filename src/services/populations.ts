// Stored populations for simulation: a generated, seeded Binjiang-like population (src/core/population.ts)
// or an imported registry (JSON lines of profiles). Profiles are stored as chunks of CHUNK_SIZE, packed
// (population-codec.ts; chunks written before migration 009 hold a JSON array and still load), all written
// in one transaction: a population is stored whole or not at all.
import { generateProfile } from '../core/population.ts';
import { canonicalProfile, validateProfile, type Profile } from '../core/profile.ts';
import { writeTransaction, type Db } from '../store/database.ts';
import type { PopulationRow } from '../store/tables/index.ts';
import { conflict, invalid, notFound } from './errors.ts';
import { isPacked, packProfiles, unpackProfiles } from './population-codec.ts';

export const CHUNK_SIZE = 1000;
/** Largest population one call stores (memory: one chunk at a time is built; time: ~10 s per million). */
export const MAX_POPULATION = 5_000_000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface PopulationView {
  id: number;
  name: string;
  size: number;
  seed: number | null;
  year: number;
  source: string;
  created_at: string;
  created_by: string;
}

const view = (r: PopulationRow): PopulationView => ({
  id: Number(r.id), name: r.name, size: r.size, seed: r.seed, year: r.year, source: r.source, created_at: r.created_at, created_by: r.created_by,
});

export async function listPopulations(db: Db): Promise<PopulationView[]> {
  return (await db.selectFrom('populations').selectAll().orderBy('id').execute()).map(view);
}

export async function findPopulation(db: Db, name: string): Promise<PopulationView> {
  const row = await db.selectFrom('populations').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound(`population "${name}"`);
  return view(row);
}

interface StoreRequest { name: string; year: number; seed: number | null; source: string; createdBy: string; now?: Date }

function checkName(name: string): void {
  if (!NAME.test(name)) throw invalid(`name: "${name}" is not a population name (letters, digits, . _ -, at most 64)`, [{ path: 'name', message: 'invalid name' }]);
}

// Writes the population row and its chunks in one transaction; chunks() yields packed chunks in order.
async function store(db: Db, request: StoreRequest, size: number, chunks: () => Iterable<{ count: number; packed: Buffer }>): Promise<PopulationView> {
  checkName(request.name);
  return writeTransaction(db, async (trx) => {
    if (await trx.selectFrom('populations').select('id').where('name', '=', request.name).executeTakeFirst()) {
      throw conflict(`a population named "${request.name}" exists`);
    }
    const row = await trx.insertInto('populations').values({
      name: request.name, size, seed: request.seed, year: request.year, source: request.source,
      created_at: (request.now ?? new Date()).toISOString(), created_by: request.createdBy,
    }).returningAll().executeTakeFirstOrThrow();
    const id = Number(row.id);
    let batch: { population_id: number; seq: number; count: number; profiles: string; packed: Buffer }[] = [];
    let seq = 0;
    for (const chunk of chunks()) {
      batch.push({ population_id: id, seq: seq++, count: chunk.count, profiles: '', packed: chunk.packed });
      // Ten chunks (about 3 MB) per statement: few round trips, bounded statement size.
      if (batch.length === 10) {
        await trx.insertInto('population_profiles').values(batch).execute();
        batch = [];
      }
    }
    if (batch.length > 0) await trx.insertInto('population_profiles').values(batch).execute();
    return view(row);
  });
}

export interface GenerateRequest { name: string; size: number; seed: number; year: number; createdBy: string; now?: Date }

/** Generates and stores a synthetic population: profile i of seed s is always the same. */
export async function generateStoredPopulation(db: Db, request: GenerateRequest): Promise<PopulationView> {
  if (!Number.isInteger(request.size) || request.size < 1 || request.size > MAX_POPULATION) {
    throw invalid(`size: must be a whole number from 1 to ${MAX_POPULATION}`, [{ path: 'size', message: 'out of range' }]);
  }
  if (!Number.isInteger(request.seed)) throw invalid('seed: must be a whole number', [{ path: 'seed', message: 'not an integer' }]);
  const options = { seed: request.seed, year: request.year };
  return store(db, { ...request, source: 'generated' }, request.size, function* () {
    for (let start = 0; start < request.size; start += CHUNK_SIZE) {
      const count = Math.min(CHUNK_SIZE, request.size - start);
      const profiles = new Array<Profile>(count);
      for (let i = 0; i < count; i++) profiles[i] = generateProfile(start + i, options);
      yield { count, packed: packProfiles(profiles) };
    }
  });
}

export interface ImportRequest { name: string; year: number; fileName: string; createdBy: string; now?: Date }

/**
 * Imports JSON lines, one profile per line (blank lines skipped). Every line is validated first: any bad
 * line refuses the whole file, each problem named with its line number, and nothing is stored.
 */
export async function importPopulation(db: Db, request: ImportRequest, text: string): Promise<PopulationView> {
  checkName(request.name);
  const profiles: Profile[] = [];
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || problems.length >= 100) return;
    const at = `line ${i + 1}`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      problems.push({ path: at, message: 'not JSON' });
      return;
    }
    const valid = validateProfile(parsed);
    if (!valid.ok) {
      problems.push(...valid.problems.map((p) => ({ path: `${at}: ${p.path}`, message: p.message.en })));
      return;
    }
    if (seen.has(valid.profile.id)) problems.push({ path: `${at}: id`, message: `duplicate id ${valid.profile.id}` });
    seen.add(valid.profile.id);
    profiles.push(valid.profile);
  });
  if (problems.length > 0) throw invalid(`${request.fileName}: ${problems.length} problem(s), nothing imported — ${problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; ')}`, problems);
  if (profiles.length === 0) throw invalid(`${request.fileName}: no profiles (empty file)`, [{ path: 'file', message: 'empty' }]);
  if (profiles.length > MAX_POPULATION) throw invalid(`${request.fileName}: more than ${MAX_POPULATION} profiles`, [{ path: 'file', message: 'too many profiles' }]);
  return store(db, { ...request, seed: null, source: `import:${request.fileName}` }, profiles.length, function* () {
    for (let start = 0; start < profiles.length; start += CHUNK_SIZE) {
      const part = profiles.slice(start, start + CHUNK_SIZE);
      yield { count: part.length, packed: packProfiles(part) };
    }
  });
}

/** A stored chunk as read: packed bytes, or the JSON text of a chunk written before migration 009. */
export type StoredChunk = Uint8Array | string;

/** The profiles of a stored chunk, in canonical shape (canonicalProfile) whichever form it is stored in. */
export function decodeChunk(chunk: StoredChunk): Profile[] {
  if (typeof chunk !== 'string') return unpackProfiles(chunk);
  return (JSON.parse(chunk) as Profile[]).map(canonicalProfile);
}


/**
 * The population's chunks in order, read a page of chunks at a time; the next page is asked for before the
 * current one is handed out, so that the database (PostgreSQL: a round trip and megabytes of bytea) works
 * while the chunks already read are evaluated.
 */
export async function* populationChunks(db: Db, populationId: number, pageSize = 16): AsyncGenerator<StoredChunk> {
  const page = (from: number) => {
    const rows = db.selectFrom('population_profiles').select(['profiles', 'packed'])
      .where('population_id', '=', populationId).where('seq', '>=', from).where('seq', '<', from + pageSize)
      .orderBy('seq').execute();
    rows.catch(() => undefined); // awaited below; a consumer that stops early leaves it unawaited
    return rows;
  };
  let next = page(0);
  for (let from = 0; ; from += pageSize) {
    const rows = await next;
    if (rows.length === pageSize) next = page(from + pageSize);
    for (const row of rows) {
      if (row.packed !== null && !isPacked(row.packed)) throw new Error(`population ${populationId}: a packed chunk is not in the packed format`);
      yield row.packed ?? row.profiles;
    }
    if (rows.length < pageSize) return;
  }
}
