/**
 * Who is calling: a session cookie (browsers, with a CSRF token for every change) or a bearer
 * API token (machine clients). Routes then ask the policies through `authorize`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { ANONYMOUS, type Actor } from '../policies/actor.ts';
import { can } from '../policies/policy.ts';
import { actorFromToken } from '../modules/accounts/sign-in.ts';
import type { Database } from '../db/client.ts';
import { createSessionCache, type SessionCache } from './session-cache.ts';
import { AppError } from './problem.ts';

export const SESSION_COOKIE = 'secretariat_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The CSRF token of the request's session, when it came with one (given to the portal by GET /api/v1/session). */
    sessionCsrf: string | null;
  }
}

/**
 * With `listen` (the database's change notices), sessions are kept in memory between requests
 * (server/http/session-cache.ts); without it every request reads its session. Returns the
 * session cache (what is kept for a session depends on its version).
 */
export async function registerAuth(app: FastifyInstance, db: Kysely<DB>, listen?: Database['listen']): Promise<SessionCache> {
  await app.register(cookie);
  const sessions = createSessionCache(db);
  if (listen) {
    const unlisten = await listen('secretariat_sessions', () => sessions.invalidate(), (on) => sessions.setListening(on));
    app.addHook('onClose', unlisten);
  }
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionCsrf', null);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    request.sessionCsrf = null;
    const header = request.headers.authorization;
    if (header) {
      const actor = header.startsWith('Bearer ') ? await actorFromToken(db, header.slice(7).trim()) : undefined;
      if (!actor) throw new AppError('unauthenticated', 'The API token is unknown, revoked or expired');
      request.actor = actor;
      return;
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (!sessionToken) return;
    const session = await sessions.lookup(sessionToken);
    if (!session) return; // An expired session is simply no session.
    // A browser's change must carry the session's CSRF token, which other sites cannot read.
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrf) {
      throw new AppError('forbidden', `A change made with a session needs the ${CSRF_HEADER} header given at sign-in`);
    }
    request.actor = session.actor;
    request.sessionCsrf = session.csrf;
  });
  return sessions;
}

/** Throws 401 for anonymous callers and 403 for signed-in ones the policy refuses. */
export function authorize(request: FastifyRequest, action: string, subject?: unknown): void {
  if (!can(request.actor, action, subject)) deny(request.actor, `You may not ${action.replace('.', ' ')}`);
}

/** A refusal: 401 for anonymous callers (sign in first), 403 with `why` for signed-in ones. */
export function deny(actor: Actor, why: string): never {
  if (actor.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in to do this');
  throw new AppError('forbidden', why);
}

/**
 * A `preParsing` hook refusing callers the policy refuses `action` (on the subject taken from the
 * request's path) before the body is read, so nobody unauthorised makes the server read and parse
 * a large upload. The service checks again with the full subject.
 */
export function authorizeBeforeBody(action: string, why: string, subject: (params: Record<string, string>) => unknown = () => undefined) {
  return async (request: FastifyRequest) => {
    if (!can(request.actor, action, subject(request.params as Record<string, string>))) deny(request.actor, why);
  };
}
