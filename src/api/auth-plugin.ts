// Who is calling: the session cookie is resolved once per request into request.actor (null: anonymous).
// Requests that change state (POST, PUT, PATCH, DELETE) made with a session must carry its CSRF token in
// the X-CSRF-Token header: the cookie is SameSite=Strict already; the token also stops a same-site page
// (another app on the same host) from acting with it.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../store/database.ts';
import type { Actor, Role } from '../services/actor.ts';
import { resolveSession, type NewSession, type ResolvedSession } from '../services/sessions.ts';
import { ApiError } from './errors.ts';

export const SESSION_COOKIE = 'zhida_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in account; null when anonymous or while a second factor is still owed. */
    actor: Actor | null;
    /** The session, complete or still owing its second factor. */
    auth: ResolvedSession | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function installAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const resolved = await resolveSession(db, token);
    if (!resolved) return;
    if (UNSAFE.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, resolved.session.csrf_token)) {
        throw new ApiError('csrf', `missing or wrong ${CSRF_HEADER} header: send the csrf_token given at sign-in`);
      }
    }
    request.auth = resolved;
    if (resolved.complete) request.actor = resolved.actor;
  });
}

/** The signed-in actor, of one of the roles when given: 401 when nobody is, 403 for another role. */
export function requireActor(request: FastifyRequest, ...roles: Role[]): Actor {
  const actor = request.actor;
  if (!actor) {
    throw new ApiError('unauthenticated', request.auth ? 'the second factor (TOTP code) is still owed: POST /api/v1/auth/totp' : 'sign in first: POST /api/v1/auth/login');
  }
  if (roles.length > 0 && !roles.includes(actor.role)) throw new ApiError('forbidden', `a ${actor.role} account may not do this (needs ${roles.join(' or ')})`);
  return actor;
}

export function setSessionCookie(reply: FastifyReply, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true, secure: true, sameSite: 'strict', path: '/', expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: '/' });
}
