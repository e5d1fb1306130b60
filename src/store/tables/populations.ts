// populations: stored beneficiary populations for simulation (generated with a seed, or imported).
// population_profiles: their profiles in chunks, a JSON array of up to 1,000 profiles per row.
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
  /** JSON array of profiles. */
  profiles: string;
}

export type PopulationRow = Selectable<PopulationsTable>;
