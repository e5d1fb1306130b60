// policy_editions: draft and published policy editions (a parameter reform of a base edition for a period).
import type { Selectable } from 'kysely';

export interface PolicyEditionsTable {
  id: string;
  base_edition: string;
  title: string;
  period_from: string;
  period_to: string;
  /** JSON object: parameter id → whole value. */
  reform: string;
  status: 'draft' | 'published';
  created_by: string;
  created_at: string;
  published_by: string | null;
  published_at: string | null;
}

export type PolicyEditionRow = Selectable<PolicyEditionsTable>;
