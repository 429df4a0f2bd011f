/** Users with roles, signed in through the API, for route and authorization tests. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createUser, grantRole } from '../modules/accounts/accounts.service.ts';

export const PASSWORD = 'correct horse battery staple';

export interface SignedIn {
  email: string;
  cookie: string;
  csrf: string;
  headers: (change?: boolean) => Record<string, string>;
}

export async function userWithRoles(db: Kysely<DB>, email: string, roles: { role: string; state?: string; organ?: string }[]): Promise<void> {
  await createUser(db, 'test', { email, displayName: email, password: PASSWORD });
  for (const r of roles) await grantRole(db, 'test', email, r);
}

export async function signInAs(app: FastifyInstance, email: string, password = PASSWORD): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrf_token: string }).csrf_token;
  return { email, cookie, csrf, headers: (change = false) => ({ cookie, ...(change ? { 'x-csrf-token': csrf } : {}) }) };
}
