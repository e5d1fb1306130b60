// populations: stored beneficiary populations for simulation (generated with a seed, or imported).
// population_profiles: their profiles in chunks of up to 1,000 per row: packed (migration 009) or, in chunks
// written before it, a JSON array.
import type { Generated, Selectable } from 'kysely';

export interface PopulationsTable {
  id: Generated<number>;
  name: string;
  size: number;
  seed: number | null;
  year: number;
  /** 'generated' or 'import:<file name>'. */
  source: string;
  created_at: string;
  created_by: string;
}

export interface PopulationProfilesTable {
  population_id: number;
  seq: number;
  count: number;
  /** JSON array of profiles; '' when the chunk is packed. */
  profiles: string;
  /** The profiles packed (src/services/population-codec.ts); null in JSON chunks. */
  packed: Uint8Array | null;
}

export type PopulationRow = Selectable<PopulationsTable>;
