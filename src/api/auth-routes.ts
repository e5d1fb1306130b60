// Signing in and out, the second factor (TOTP), and the signed-in account's own password and TOTP.
// The session token travels only in the HttpOnly cookie; the CSRF token is returned in the body for the
// web app to send back in X-CSRF-Token.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword, confirmTotp, enrolTotp } from '../services/account-security.ts';
import { accountView } from '../services/accounts.ts';
import { actorLabel } from '../services/actor.ts';
import { appendAudit } from '../services/audit.ts';
import { completeSecondFactor, signIn, SignInLimiter } from '../services/login.ts';
import { revokeSession, type ResolvedSession } from '../services/sessions.ts';
import type { Db } from '../store/database.ts';
import { ROLES } from '../store/tables/index.ts';
import { clearSessionCookie, requireActor, setSessionCookie } from './auth-plugin.ts';
import type { DeliveryContext } from './delivery-routes.ts';
import { ApiError, ErrorBody } from './errors.ts';

const tags = ['auth'];

export const MeBody = z.object({
  id: z.string(), username: z.string(), display_name: z.string(), role: z.enum(ROLES),
  department: z.string().nullable(), credit_code: z.string().nullable(), totp_enabled: z.boolean(),
});
const SessionBody = z.object({ account: MeBody, csrf_token: z.string(), second_factor_required: z.boolean() });
const CodeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'a 6-digit code') });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody, 423: ErrorBody, 429: ErrorBody };

const loadAccount = (db: Db, id: string) => db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** The session of the request, complete or still owing its second factor: 401 without one. */
function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.auth) throw new ApiError('unauthenticated', 'sign in first: POST /api/v1/auth/login');
  return request.auth;
}

export function authRoutes(context: DeliveryContext): FastifyPluginAsync {
  const { db } = context;
  // One per app: tries per client IP, for passwords and TOTP codes alike.
  const limiter = new SignInLimiter();
  const limit = (request: FastifyRequest) => {
    if (!limiter.allow(request.ip)) {
      const seconds = Math.ceil(limiter.retryAfterMs(request.ip) / 1000);
      throw new ApiError('rate_limited', `too many sign-in attempts from this address: try again in ${seconds} s`);
    }
  };

  return async (plugin) => {
    const app = plugin.withTypeProvider<ZodTypeProvider>();

    app.post('/auth/login', {
      schema: {
        tags, summary: 'Sign in with username and password (sets the zhida_session cookie)',
        body: z.object({ username: z.string().min(1).max(200), password: z.string().min(1).max(1024) }),
        response: { 200: SessionBody, ...errors },
      },
    }, async (request, reply) => {
      limit(request);
      const { account, session, secondFactorRequired } = await signIn(db, { ...request.body, client: request.ip });
      setSessionCookie(reply, session);
      return { account: accountView(account), csrf_token: session.csrfToken, second_factor_required: secondFactorRequired };
    });

    app.post('/auth/totp', {
      schema: {
        tags, summary: 'Give the TOTP code a finance or admin sign-in (or an enrolled account) owes',
        body: CodeBody, response: { 200: z.object({ account: MeBody, csrf_token: z.string() }), ...errors },
      },
    }, async (request) => {
      const auth = requireSession(request);
      limit(request);
      const account = await completeSecondFactor(db, auth, request.body.code, request.ip);
      return { account: accountView(account), csrf_token: auth.session.csrf_token };
    });

    app.post('/auth/logout', {
      schema: { tags, summary: 'Sign out: ends the session and clears the cookie', response: { 204: z.null(), ...errors } },
    }, async (request, reply) => {
      const auth = request.auth;
      if (auth) {
        await revokeSession(db, auth.session.id);
        await appendAudit(db, { actor: actorLabel(auth.actor), action: 'auth.logout', subject: `account:${auth.actor.username}` });
      }
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    });

    app.get('/auth/me', {
      schema: { tags, summary: 'The signed-in account and its CSRF token', response: { 200: SessionBody, ...errors } },
    }, async (request) => {
      const auth = requireSession(request);
      return { account: accountView(await loadAccount(db, auth.actor.id)), csrf_token: auth.session.csrf_token, second_factor_required: !auth.complete };
    });

    app.post('/auth/totp/enrol', {
      schema: { tags, summary: 'Start TOTP enrolment: a new secret for an authenticator app', response: { 200: z.object({ secret: z.string(), otpauth_url: z.string() }), ...errors } },
    }, async (request) => enrolTotp(db, requireSession(request)));

    app.post('/auth/totp/confirm', {
      schema: { tags, summary: 'Confirm TOTP enrolment with a code from the new secret', body: CodeBody, response: { 200: z.object({ account: MeBody }), ...errors } },
    }, async (request) => {
      const auth = requireSession(request);
      limit(request);
      return { account: accountView(await confirmTotp(db, auth, request.body.code, request.ip)) };
    });

    app.post('/auth/password', {
      preValidation: async (request) => { requireActor(request); },
      schema: {
        tags, summary: 'Change the password (at least 12 characters); other sessions end',
        body: z.object({ current_password: z.string().min(1).max(1024), new_password: z.string().max(1024) }),
        response: { 204: z.null(), ...errors },
      },
    }, async (request, reply) => {
      requireActor(request);
      await changePassword(db, request.auth!, request.body.current_password, request.body.new_password);
      return reply.code(204).send(null);
    });
  };
}
