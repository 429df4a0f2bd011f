/** Use-cases on accounts: create users, grant and revoke roles, issue tokens. Each is audited. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { AppError } from '../../http/problem.ts';
import { grantProblem, type Role, type RoleGrant } from '../../policies/roles.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, randomSecret, sha256 } from './secrets.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const TOKEN_PREFIX = 'sct_';

export async function findUserByEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

async function userByEmail(db: Kysely<DB>, email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError('not_found', `No user with e-mail ${email}`);
  return user;
}

export async function createUser(db: Kysely<DB>, actor: string, input: { email: string; displayName: string; password: string }) {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new AppError('invalid_request', `email: "${input.email}" is not an e-mail address`, [{ field: 'email', message: 'is not an e-mail address' }]);
  if (input.password.length < MIN_PASSWORD_LENGTH) throw new AppError('invalid_request', `password: must be at least ${MIN_PASSWORD_LENGTH} characters`, [{ field: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
  if (await findUserByEmail(db, email)) throw new AppError('conflict', `A user with e-mail ${email} already exists`);
  const user = { id: randomUUID(), email, display_name: input.displayName.trim() || email, password_hash: await hashPassword(input.password), failed_logins: 0, locked_until: null, disabled: false, created_at: new Date().toISOString() };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('app_user').values(user).execute();
    await recordEvent(trx, { actor, action: 'user.create', subjectType: 'user', subjectId: user.id, after: { email, display_name: user.display_name } });
  });
  return { id: user.id, email };
}

export async function activeRoles(db: Kysely<DB>, userId: string): Promise<RoleGrant[]> {
  const rows = await db.selectFrom('role_assignment').select(['role', 'state_iso2', 'organ_id']).where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('role').execute();
  return rows.map((r) => ({ role: r.role as Role, state: r.state_iso2, organ: r.organ_id }));
}

export async function grantRole(db: Kysely<DB>, actor: string, email: string, grant: { role: string; state?: string | null; organ?: string | null }) {
  const problem = grantProblem(grant);
  if (problem) throw new AppError('invalid_request', problem);
  const user = await userByEmail(db, email);
  const state = grant.state?.toUpperCase() ?? null;
  const organ = grant.organ ?? null;
  if (state && !(await db.selectFrom('state').select('iso2').where('iso2', '=', state).executeTakeFirst())) throw new AppError('invalid_request', `state: unknown state "${state}"`);
  if (organ && !(await db.selectFrom('organ').select('id').where('id', '=', organ).executeTakeFirst())) throw new AppError('invalid_request', `organ: unknown organ "${organ}"`);
  const held = (await activeRoles(db, user.id)).some((r) => r.role === grant.role && r.state === state && r.organ === organ);
  if (held) return { granted: false };
  const row = { id: randomUUID(), user_id: user.id, role: grant.role, state_iso2: state, organ_id: organ, granted_at: new Date().toISOString(), revoked_at: null };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('role_assignment').values(row).execute();
    await recordEvent(trx, { actor, action: 'role.grant', subjectType: 'user', subjectId: user.id, after: { role: grant.role, state, organ } });
  });
  return { granted: true };
}

export async function revokeRole(db: Kysely<DB>, actor: string, email: string, grant: { role: string; state?: string | null; organ?: string | null }) {
  const user = await userByEmail(db, email);
  const state = grant.state?.toUpperCase() ?? null;
  const organ = grant.organ ?? null;
  return db.transaction().execute(async (trx) => {
    let q = trx.updateTable('role_assignment').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', user.id).where('role', '=', grant.role).where('revoked_at', 'is', null);
    q = state ? q.where('state_iso2', '=', state) : q.where('state_iso2', 'is', null);
    q = organ ? q.where('organ_id', '=', organ) : q.where('organ_id', 'is', null);
    const result = await q.executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) > 0;
    if (revoked) await recordEvent(trx, { actor, action: 'role.revoke', subjectType: 'user', subjectId: user.id, before: { role: grant.role, state, organ } });
    return { revoked };
  });
}

/** Issues an API token; the plain token is returned once and only its hash is kept. */
export async function createToken(db: Kysely<DB>, actor: string, userId: string, input: { name: string; scopes: string[]; expiresAt?: string | null }) {
  const id = randomSecret(9);
  const secret = randomSecret();
  const token = `${TOKEN_PREFIX}${id}.${secret}`;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('api_token').values({ id, user_id: userId, name: input.name, token_hash: sha256(token), scopes: input.scopes, created_at: new Date().toISOString(), expires_at: input.expiresAt ?? null, revoked_at: null, last_used_at: null }).execute();
    await recordEvent(trx, { actor, action: 'token.create', subjectType: 'api_token', subjectId: id, after: { user_id: userId, name: input.name, scopes: input.scopes } });
  });
  return { id, token };
}

export async function revokeToken(db: Kysely<DB>, actor: string, userId: string, id: string) {
  return db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('api_token').set({ revoked_at: new Date().toISOString() }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new AppError('not_found', `Token "${id}" was not found`);
    await recordEvent(trx, { actor, action: 'token.revoke', subjectType: 'api_token', subjectId: id });
  });
}
