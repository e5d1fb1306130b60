// Accounts (administrator only): list, create, disable (ends the account's sessions), enable, unlock.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminAccountView, changeAccount, createAccount, listAccounts } from '../services/accounts.ts';
import { requireActor } from './auth-plugin.ts';
import { MeBody } from './auth-routes.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ErrorBody } from './errors.ts';

const tags = ['accounts'];
const AdminAccountBody = MeBody.extend({ disabled: z.boolean(), locked_until: z.string().nullable(), created_at: z.string() });
const IdParams = z.object({ id: z.string().min(1).max(100) });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
/** Before the body is validated: anonymous callers learn 401, other roles 403, not what the body should be. */
const adminOnly = async (request: FastifyRequest) => { requireActor(request, 'admin'); };

export function accountRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db, pack } = context;
  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.get('/accounts', {
      preValidation: adminOnly,
      schema: { tags, summary: 'Every account', response: { 200: z.object({ accounts: z.array(AdminAccountBody) }), ...errors } },
    }, async () => ({ accounts: (await listAccounts(db)).map(adminAccountView) }));

    app.post('/accounts', {
      preValidation: adminOnly,
      schema: {
        tags, summary: 'Create an account (reviewers: department; enterprise users: a registered beneficiary; finance/admin get a TOTP secret, shown once)',
        // Role, department and credit code are checked by the service so that every problem is named at once.
        body: z.object({
          username: z.string().max(200), display_name: z.string().max(200), role: z.string().max(40), password: z.string().max(1024),
          department: z.string().max(100).nullish(), credit_code: z.string().max(40).nullish(),
        }),
        response: { 201: z.object({ account: AdminAccountBody, totp: z.object({ secret: z.string(), otpauth_url: z.string() }).optional() }), ...errors },
      },
    }, async (request, reply) => {
      const created = await createAccount(db, pack, requireActor(request, 'admin'), request.body);
      return reply.code(201).send({ account: adminAccountView(created.account), ...(created.totp ? { totp: created.totp } : {}) });
    });

    for (const change of ['disable', 'enable', 'unlock'] as const) {
      app.post(`/accounts/:id/${change}`, {
        preValidation: adminOnly,
        schema: {
          tags, summary: { disable: 'Disable an account and end its sessions', enable: 'Enable a disabled account', unlock: 'Unlock an account locked after failed sign-ins' }[change],
          params: IdParams, response: { 200: z.object({ account: AdminAccountBody }), ...errors },
        },
      }, async (request) => ({ account: adminAccountView(await changeAccount(db, requireActor(request, 'admin'), request.params.id, change)) }));
    }
  };
}
