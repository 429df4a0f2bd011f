import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { authorize, CSRF_HEADER, SESSION_COOKIE } from '../../http/auth.ts';
import { errorResponses } from '../../http/common-schemas.ts';
import { abilities, knownActions } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { createToken, revokeToken } from './accounts.service.ts';
import { actorFromSession, SESSION_HOURS, signIn, signOut } from './sign-in.ts';

const authErrors = {
  ...errorResponses,
  401: { $ref: 'Problem#', description: 'Sign-in required' },
  403: { $ref: 'Problem#', description: 'Forbidden' },
} as const;

const role = { type: 'object', properties: { role: { type: 'string' }, state: { type: ['string', 'null'] }, organ: { type: ['string', 'null'] } } };
const me = {
  type: 'object',
  properties: {
    id: { type: 'string' }, email: { type: 'string' }, display_name: { type: 'string' }, roles: { type: 'array', items: role },
    abilities: { type: 'array', items: { type: 'string' }, description: 'The actions this user may take in general.' },
    csrf_token: { type: 'string', description: 'Send it as x-csrf-token with every change made with the session cookie.' },
  },
};

const presentMe = (actor: Actor & { kind: 'user' }) => ({
  id: actor.userId,
  email: actor.email,
  display_name: actor.displayName,
  roles: actor.roles,
  abilities: abilities(actor, knownActions()),
});

export function accountsRoutes(app: FastifyInstance, db: Kysely<DB>, signInsPerMinute: number): void {
  app.post<{ Body: { email: string; password: string } }>('/api/v1/session', {
    schema: {
      summary: 'Sign in with e-mail and password; sets the session cookie',
      tags: ['accounts'],
      body: { type: 'object', required: ['email', 'password'], additionalProperties: false, properties: { email: { type: 'string', maxLength: 200 }, password: { type: 'string', maxLength: 500 } } },
      response: { 200: me, ...authErrors, 429: { $ref: 'Problem#', description: 'Too many sign-in attempts' } },
    },
    config: { rateLimit: { max: signInsPerMinute, timeWindow: '1 minute' } },
    handler: async (request, reply) => {
      const { token, csrf } = await signIn(db, request.body.email, request.body.password, request.ip);
      const actor = (await actorFromSession(db, token))!.actor as Actor & { kind: 'user' };
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: SESSION_HOURS * 3600 });
      return { ...presentMe(actor), csrf_token: csrf };
    },
  });

  app.delete('/api/v1/session', {
    schema: { summary: `Sign out (needs the ${CSRF_HEADER} header)`, tags: ['accounts'], response: { 204: { type: 'null' }, ...authErrors } },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await signOut(db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/session', {
    schema: {
      summary: 'The current session, if any: the user and the CSRF token for changes (any tab of the browser may ask; other sites cannot read it)',
      tags: ['accounts'],
      response: {
        200: {
          type: 'object', required: ['user', 'csrf_token'],
          properties: { user: { anyOf: [{ type: 'null' }, me] }, csrf_token: { type: ['string', 'null'], description: `Send it as ${CSRF_HEADER} with every change made with the session cookie.` } },
        },
        ...authErrors,
      },
    },
    handler: async (request) => {
      // Anonymous callers get 200 with no user: a page that only asks "who is this?" logs no error.
      if (request.actor.kind !== 'user') return { user: null, csrf_token: null };
      return { user: presentMe(request.actor), csrf_token: request.sessionCsrf };
    },
  });

  app.get('/api/v1/me', {
    schema: { summary: 'The signed-in user, with roles and abilities', tags: ['accounts'], response: { 200: me, ...authErrors } },
    handler: async (request) => {
      authorize(request, 'accounts.me');
      return presentMe(request.actor as Actor & { kind: 'user' });
    },
  });

  app.get('/api/v1/users', {
    schema: {
      summary: 'Users and their roles (administrators)',
      tags: ['accounts'],
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, display_name: { type: 'string' }, roles: { type: 'array', items: role } } } } } }, ...authErrors },
    },
    handler: async (request) => {
      authorize(request, 'accounts.list');
      const users = await db.selectFrom('app_user').select(['id', 'email', 'display_name']).orderBy('email').execute();
      const grants = await db.selectFrom('role_assignment').select(['user_id', 'role', 'state_iso2', 'organ_id']).where('revoked_at', 'is', null).execute();
      return { items: users.map((u) => ({ ...u, roles: grants.filter((g) => g.user_id === u.id).map((g) => ({ role: g.role, state: g.state_iso2, organ: g.organ_id })) })) };
    },
  });

  app.post<{ Body: { name: string; scopes?: string[] } }>('/api/v1/tokens', {
    schema: {
      summary: 'Issue an API token for yourself; the token is shown once',
      tags: ['accounts'],
      body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, scopes: { type: 'array', maxItems: 20, items: { type: 'string', pattern: '^[a-z_.]{1,60}$' } } } },
      response: { 201: { type: 'object', properties: { id: { type: 'string' }, token: { type: 'string' } } }, ...authErrors },
    },
    handler: async (request, reply) => {
      authorize(request, 'tokens.create');
      const actor = request.actor as Actor & { kind: 'user' };
      return reply.status(201).send(await createToken(db, actorId(actor), actor.userId, { name: request.body.name, scopes: request.body.scopes ?? [] }));
    },
  });

  app.delete<{ Params: { id: string } }>('/api/v1/tokens/:id', {
    schema: { summary: 'Revoke one of your API tokens', tags: ['accounts'], params: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,40}$' } }, required: ['id'] }, response: { 204: { type: 'null' }, ...authErrors } },
    handler: async (request, reply) => {
      authorize(request, 'tokens.create');
      const actor = request.actor as Actor & { kind: 'user' };
      await revokeToken(db, actorId(actor), actor.userId, request.params.id);
      return reply.status(204).send();
    },
  });
}
