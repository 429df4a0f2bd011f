/** Password sign-in with lock-out, browser sessions, and resolving a request's actor. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/problem.ts';
import { ANONYMOUS, type Actor } from '../../policies/actor.ts';
import { activeRoles, findUserByEmail, TOKEN_PREFIX } from './accounts.service.ts';
import { randomSecret, sha256, verifyPassword } from './secrets.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_HOURS = 12;

const iso = (ms: number) => new Date(ms).toISOString();
const time = (t: Date | string | null) => (t === null ? null : new Date(t).getTime());

/** Checks the password and opens a session; the same answer for unknown e-mail and wrong password. */
export async function signIn(db: Kysely<DB>, email: string, password: string, now = Date.now()) {
  const user = await findUserByEmail(db, email);
  const refused = new AppError('unauthenticated', 'The e-mail address or the password is wrong');
  if (user && (time(user.locked_until) ?? 0) > now) {
    throw new AppError('unauthenticated', `This account is locked after ${MAX_FAILED_LOGINS} failed sign-ins; try again after ${new Date(time(user.locked_until)!).toISOString()}`);
  }
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || user.disabled) throw refused;
  if (!ok) {
    const failed = user.failed_logins + 1;
    await db
      .updateTable('app_user')
      .set({ failed_logins: failed >= MAX_FAILED_LOGINS ? 0 : failed, locked_until: failed >= MAX_FAILED_LOGINS ? iso(now + LOCKOUT_MINUTES * 60_000) : null })
      .where('id', '=', user.id)
      .execute();
    throw refused;
  }
  const token = randomSecret();
  const csrf = randomSecret(18);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    await trx.insertInto('user_session').values({ token_hash: sha256(token), user_id: user.id, csrf_token: csrf, created_at: iso(now), expires_at: iso(now + SESSION_HOURS * 3_600_000) }).execute();
  });
  return { token, csrf, userId: user.id };
}

export async function signOut(db: Kysely<DB>, sessionToken: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', sha256(sessionToken)).execute();
}

async function userActor(db: Kysely<DB>, userId: string, via: 'session' | 'token', scopes: string[] | null): Promise<Actor> {
  const user = await db.selectFrom('app_user').select(['id', 'email', 'display_name', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled) return ANONYMOUS;
  return { kind: 'user', userId: user.id, email: user.email, displayName: user.display_name, roles: await activeRoles(db, user.id), via, scopes };
}

/** The actor behind a session cookie, with the session's CSRF token. */
export async function actorFromSession(db: Kysely<DB>, sessionToken: string, now = Date.now()): Promise<{ actor: Actor; csrf: string } | undefined> {
  const session = await db.selectFrom('user_session').selectAll().where('token_hash', '=', sha256(sessionToken)).executeTakeFirst();
  if (!session || time(session.expires_at)! <= now) return undefined;
  return { actor: await userActor(db, session.user_id, 'session', null), csrf: session.csrf_token };
}

/** The actor behind a bearer token; undefined for an unknown, revoked or expired token. */
export async function actorFromToken(db: Kysely<DB>, bearer: string, now = Date.now()): Promise<Actor | undefined> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return undefined;
  const token = await db.selectFrom('api_token').selectAll().where('token_hash', '=', sha256(bearer)).executeTakeFirst();
  if (!token || token.revoked_at || (token.expires_at && time(token.expires_at)! <= now)) return undefined;
  await db.updateTable('api_token').set({ last_used_at: iso(now) }).where('id', '=', token.id).execute();
  return userActor(db, token.user_id, 'token', token.scopes.length > 0 ? token.scopes : null);
}
