// The back-office API's JSON as these pages read it (the route files own the zod schemas).
import type { Bilingual, Me } from '../types.ts';

export interface ParameterSetting {
  id: number;
  parameter: string;
  value: number;
  effective_from: string;
  effective_to: string | null;
  document: string;
  set_by: string;
  set_at: string;
}

export interface Parameter {
  id: string;
  label: Bilingual;
  unit: 'yuan' | 'percent' | 'years' | 'count' | 'ratio';
  denominator: number | null;
  quote: string;
  provisions: string[];
  unset: boolean;
  values: { from: string; to: string | null; value: number | null; source: string }[];
  settings: ParameterSetting[];
  effective_value: number | null;
}

export interface ParameterImpact {
  parameter: Parameter;
  provisions: { id: string; title: Bilingual; catalogue: string }[];
  cases: { total: number; open: number; pending: number; by_status: Record<string, number> };
  profiles_affected?: number;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  records: number;
  problems: { kind: string; seq: number; message: string }[];
}

export type AdminAccount = Me & { disabled: boolean; locked_until: string | null; created_at: string };
