// Response shapes of beneficiaries, applications and evidence (shared by their route files).
import { z } from 'zod';
import { APPLICATION_STATUSES } from '../store/tables/index.ts';
import { Bilingual } from '../core/pack-schema.ts';
import { ProvisionResultView, EvaluationView } from '../services/evaluation.ts';
import { ErrorBody } from './errors.ts';

const Yuan = z.number().int();

export const BeneficiaryBody = z.object({
  credit_code: z.string(), name: z.string(), profile: z.record(z.string(), z.unknown()), version: z.number().int(),
  bank_name: z.string().nullable(), bank_account_masked: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
});

export const ProfileChangeBody = z.object({
  version: z.number().int(), fact: z.string(), before: z.unknown(), after: z.unknown(), actor: z.string(), at: z.string(),
  evidence_id: z.string().nullable(), note: z.string().nullable(),
});

export const ApplicationStatusEnum = z.enum(APPLICATION_STATUSES);

export const ApplicationBody = z.object({
  id: z.string(), credit_code: z.string(), beneficiary_name: z.string(), provision: z.string(), provision_title: Bilingual,
  catalogue: z.string().nullable(), article: z.string().nullable(), department: z.string(), year: z.number().int(), event_ref: z.string(),
  status: z.string(), requested_yuan: Yuan.nullable(), engine_status: z.string().nullable(), engine_amount_yuan: Yuan.nullable(),
  engine_amount_kind: z.string().nullable(), granted_yuan: Yuan.nullable(), budget_line: z.string().nullable(), reason: z.string().nullable(),
  notice_id: z.string().nullable(), notice_ends_on: z.string().nullable(), created_at: z.string(), updated_at: z.string(),
  submitted_at: z.string().nullable(), decided_at: z.string().nullable(), paid_at: z.string().nullable(), version: z.number().int(),
  credit_block: z.object({ list_name: z.string(), reason: z.string(), listed_on: z.string(), message: z.string() }).optional()
    .describe('Present while the beneficiary is on a credit list (失信被执行人 / 严重失信主体): approval and payout are refused'),
});

export const EvidenceBody = z.object({
  id: z.string(), filename: z.string(), media_type: z.string(), size_bytes: z.number().int(), sha256: z.string(), uploaded_at: z.string(),
  application_id: z.string().nullable(),
});

export const ApplicationDetailBody = z.object({
  application: ApplicationBody,
  events: z.array(z.object({ at: z.string(), actor: z.string(), from_status: z.string().nullable(), to_status: z.string(), note: z.string().nullable() })),
  decisions: z.array(z.object({
    stage: z.enum(['submission', 'approval']), at: z.string(), pack_edition: z.string(), pack_version: z.string(), profile_version: z.number().int(),
    parameters_used: z.unknown(), status: z.string(), amount_yuan: Yuan.nullable(), trace: z.unknown(),
  })),
  evidence: z.array(EvidenceBody),
  objections: z.array(z.object({
    id: z.string(), notice_id: z.string(), at: z.string(), objector: z.string(), contact: z.string().nullable(), text: z.string(),
    status: z.string(), resolution: z.string().nullable(), resolved_at: z.string().nullable(),
  })),
  origin: z.object({
    kind: z.literal('entitlement'), entitlement_id: z.string(),
    import: z.object({ id: z.string(), title: z.string(), file_name: z.string(), imported_at: z.string(), imported_by: z.string() }),
  }).nullable().describe('免申即享: the entitlement and the list import the case comes from; null when the enterprise applied'),
});

export const EligibilityBody = EvaluationView.extend({
  profile_version: z.number().int(),
  results: z.array(ProvisionResultView.extend({ application_id: z.string().nullable(), application_status: ApplicationStatusEnum.nullable() })),
});

export const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
