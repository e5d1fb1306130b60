// Beneficiaries (申报主体): registered by the admin, their facts kept up to date by the enterprise itself with
// a history of every change; what the stored profile is eligible for; the enterprise's own evidence files.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getBeneficiary, listBeneficiaries, profileHistory, registerBeneficiary, updateBeneficiary,
} from '../services/beneficiaries.ts';
import { eligibility } from '../services/eligibility.ts';
import { uploadBeneficiaryEvidence } from '../services/evidence.ts';
import { requireActor } from './auth-plugin.ts';
import { roles } from './budget-routes.ts';
import { BeneficiaryBody, EligibilityBody, errors, EvidenceBody, ProfileChangeBody } from './case-schemas.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';
import { evidenceDirOf, registerEvidenceUploads, uploadOf } from './evidence-upload.ts';

const tags = ['beneficiaries'];
const CodeParams = z.object({ code: z.string().min(1).max(40) });
const BankName = z.string().trim().min(1).max(200);
const BankAccount = z.string().trim().min(1).max(60);

export function beneficiaryRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, calculator } = context;
  return async (plugin) => {
    await registerEvidenceUploads(plugin);
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.post('/beneficiaries', {
      preValidation: roles('admin'),
      schema: {
        tags, summary: 'Register a beneficiary (admin): its profile, id = 统一社会信用代码',
        body: z.object({ profile: z.record(z.string(), z.unknown()), bank_name: BankName.optional(), bank_account: BankAccount.optional() }),
        response: { 201: z.object({ beneficiary: BeneficiaryBody }), ...errors },
      },
    }, async (request, reply) => {
      const beneficiary = await registerBeneficiary(db, requireActor(request, 'admin'), request.body);
      return reply.code(201).send({ beneficiary });
    });

    app.get('/beneficiaries', {
      preValidation: roles('admin', 'auditor', 'reviewer'),
      schema: { tags, summary: 'Beneficiaries (admin, auditor; a reviewer: those with cases in their department)', querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(500) }), response: { 200: z.object({ beneficiaries: z.array(BeneficiaryBody) }), ...errors } },
    }, async (request) => ({ beneficiaries: await listBeneficiaries(db, requireActor(request), request.query.limit) }));

    app.get('/beneficiaries/:code', {
      preValidation: roles(),
      schema: { tags, summary: 'One beneficiary (bank account masked)', params: CodeParams, response: { 200: z.object({ beneficiary: BeneficiaryBody }), ...errors } },
    }, async (request) => ({ beneficiary: await getBeneficiary(db, requireActor(request), request.params.code) }));

    app.patch('/beneficiaries/:code', {
      preValidation: roles('enterprise'),
      schema: {
        tags, summary: 'Change facts of the own profile (null removes a fact); one history row per fact changed', params: CodeParams,
        body: z.object({
          facts: z.record(z.string().regex(/^[a-z_]+$/), z.unknown()).default({}),
          expected_version: z.number().int().min(1),
          evidence_id: z.string().min(1).max(100).optional(),
          note: z.string().trim().max(2000).optional(),
          bank_name: BankName.optional(),
          bank_account: BankAccount.optional(),
          contact_email: z.string().trim().max(254).nullable().optional().describe('Where e-mails about entitlements (免申即享) go; null removes it'),
        }),
        response: { 200: z.object({ beneficiary: BeneficiaryBody, changes: z.array(ProfileChangeBody) }), ...errors },
      },
    }, async (request) => updateBeneficiary(db, requireActor(request, 'enterprise'), request.params.code, request.body));

    app.get('/beneficiaries/:code/history', {
      preValidation: roles(),
      schema: { tags, summary: 'Every fact changed: version, before, after, who, when, evidence', params: CodeParams, response: { 200: z.object({ changes: z.array(ProfileChangeBody) }), ...errors } },
    }, async (request) => ({ changes: await profileHistory(db, requireActor(request), request.params.code) }));

    app.get('/beneficiaries/:code/eligibility', {
      preValidation: roles(),
      schema: {
        tags, summary: 'The calculator on the stored profile, each provision with its application if any', params: CodeParams,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
        response: { 200: EligibilityBody, ...errors },
      },
    }, async (request) => eligibility(db, calculator, requireActor(request), request.params.code, request.query.year));

    app.post('/beneficiaries/:code/evidence', {
      preValidation: roles('enterprise'),
      schema: {
        tags, summary: 'Upload a file of the enterprise (multipart field "file"; PDF, PNG, JPEG, OFD/ZIP; ≤ 10 MiB), to cite in profile changes',
        params: CodeParams, response: { 201: z.object({ evidence: EvidenceBody }), ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    }, async (request, reply) => {
      const actor = requireActor(request, 'enterprise');
      const evidence = await uploadBeneficiaryEvidence(db, evidenceDirOf(context), actor, request.params.code, await uploadOf(request));
      return reply.code(201).send({ evidence });
    });
  };
}
