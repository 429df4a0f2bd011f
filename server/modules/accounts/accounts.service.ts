/** Use-cases on accounts: create users, grant and revoke roles, issue tokens. Each is audited. */
import { sessionsChanged } from './session-epoch.ts';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { AppError } from '../../http/problem.ts';
import { grantProblem, ROLES, type Role, type RoleGrant } from '../../policies/roles.ts';
import { knownActions } from '../../policies/policy.ts';
import { today } from '../../http/common-schemas.ts';
import { organisationRules } from '../../organisation/organisation.routes.ts';
import { listStates } from '../membership/membership.service.ts';
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
  if (state) await requireRoleForStatus(db, grant.role as Role, state);
  const held = (await activeRoles(db, user.id)).some((r) => r.role === grant.role && r.state === state && r.organ === organ);
  if (held) return { granted: false };
  const row = { id: randomUUID(), user_id: user.id, role: grant.role, state_iso2: state, organ_id: organ, granted_at: new Date().toISOString(), revoked_at: null };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('role_assignment').values(row).execute();
    await recordEvent(trx, { actor, action: 'role.grant', subjectType: 'user', subjectId: user.id, after: { role: grant.role, state, organ } });
  });
  sessionsChanged();
  return { granted: true };
}

/**
 * A state-scoped role exists only for a state whose status today lets it be held: the rule is
 * data (organisation.json, statuses[].roles), e.g. a delegate only for a member state, so an
 * observer's delegate never reads members' confidential drafts.
 */
async function requireRoleForStatus(db: Kysely<DB>, role: Role, state: string) {
  if (ROLES[role].state === 'none') return;
  const date = today();
  const status = (await listStates(db, date)).find((s) => s.iso2 === state)?.status?.status;
  const rule = (await organisationRules(db)).statuses.find((s) => s.id === status);
  if (!rule) throw new AppError('invalid_request', `state: ${state} has no status in the organisation on ${date}, so no role acts for it`, [{ field: 'state', message: 'has no status in the organisation' }]);
  if (!rule.roles.includes(role)) {
    throw new AppError('invalid_request', `role: ${role} cannot be held for ${state}, a ${rule.label.en.toLowerCase()} on ${date} (its roles: ${rule.roles.join(', ') || 'none'})`, [{ field: 'role', message: `not held for a state with status ${rule.id}` }]);
  }
}

/** A token scope is an action or a prefix of actions (`drafts` covers `drafts.read`). */
export function unknownScopes(scopes: string[]): string[] {
  const actions = knownActions();
  return scopes.filter((scope) => !actions.some((a) => a === scope || a.startsWith(`${scope}.`)));
}

export async function revokeRole(db: Kysely<DB>, actor: string, email: string, grant: { role: string; state?: string | null; organ?: string | null }) {
  const user = await userByEmail(db, email);
  const state = grant.state?.toUpperCase() ?? null;
  const organ = grant.organ ?? null;
  const outcome = await db.transaction().execute(async (trx) => {
    let q = trx.updateTable('role_assignment').set({ revoked_at: new Date().toISOString() }).where('user_id', '=', user.id).where('role', '=', grant.role).where('revoked_at', 'is', null);
    q = state ? q.where('state_iso2', '=', state) : q.where('state_iso2', 'is', null);
    q = organ ? q.where('organ_id', '=', organ) : q.where('organ_id', 'is', null);
    const result = await q.executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) > 0;
    if (revoked) await recordEvent(trx, { actor, action: 'role.revoke', subjectType: 'user', subjectId: user.id, before: { role: grant.role, state, organ } });
    return { revoked };
  });
  sessionsChanged();
  return outcome;
}

/** Issues an API token; the plain token is returned once and only its hash is kept. */
export async function createToken(db: Kysely<DB>, actor: string, userId: string, input: { name: string; scopes: string[]; expiresAt?: string | null }) {
  const unknown = unknownScopes(input.scopes);
  if (unknown.length) throw new AppError('invalid_request', `scopes: no action is named ${unknown.map((s) => `"${s}"`).join(', ')}`, unknown.map(() => ({ field: 'scopes', message: 'is not an action or a prefix of actions' })));
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
