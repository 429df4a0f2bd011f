/** Password sign-in with throttling, browser sessions, and resolving a request's actor. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/problem.ts';
import { ANONYMOUS, type Actor } from '../../policies/actor.ts';
import { activeRoles, findUserByEmail, TOKEN_PREFIX } from './accounts.service.ts';
import { randomSecret, sha256, verifyPassword } from './secrets.ts';
import { sessionsChanged } from './session-epoch.ts';

/** Failed sign-ins allowed per (e-mail, client address) before the pair is slowed down. */
export const FREE_FAILURES = 5;
/** The first wait after FREE_FAILURES failures; it doubles with each further failure, up to MAX_WAIT_SECONDS. */
export const FIRST_WAIT_SECONDS = 30;
export const MAX_WAIT_SECONDS = 15 * 60;
export const SESSION_HOURS = 12;
/**
 * A throttle row is forgotten (deleted) this long after its last failure: it no longer blocks
 * (MAX_WAIT_SECONDS is far shorter), and counting starts anew.
 */
export const FORGET_FAILURES_AFTER_SECONDS = 24 * 3600;
/** Expired throttle rows are purged on a failed sign-in, at most once per this many seconds per process. */
const PURGE_EVERY_SECONDS = 60;
let lastPurge = -Infinity;

/** Deletes the throttle rows whose last failure is older than FORGET_FAILURES_AFTER_SECONDS; returns how many. */
export async function purgeExpiredThrottles(db: Kysely<DB>, now = Date.now()): Promise<number> {
  lastPurge = now;
  const gone = await db.deleteFrom('sign_in_throttle').where('last_failure_at', '<', iso(now - FORGET_FAILURES_AFTER_SECONDS * 1000)).executeTakeFirst();
  return Number(gone.numDeletedRows);
}

const iso = (ms: number) => new Date(ms).toISOString();
const time = (t: Date | string | null) => (t === null ? null : new Date(t).getTime());

/** Seconds a (e-mail, client) pair waits after `failures` failed sign-ins: 0, then exponential back-off. */
export function waitAfter(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS);
}

/**
 * Checks the password and opens a session. Failures are counted per (e-mail as typed, client
 * address) whether or not the account exists, so that (docs/decisions/0007):
 * - guessing from one address slows down exponentially (429 with Retry-After), while the owner
 *   signing in from another address is never locked out by someone else's failures;
 * - every refusal reads the same for a known and an unknown e-mail address.
 */
export async function signIn(db: Kysely<DB>, email: string, password: string, client: string, now = Date.now()) {
  const key = { email: email.trim().toLowerCase(), client };
  const throttle = await db.selectFrom('sign_in_throttle').selectAll().where('email', '=', key.email).where('client', '=', key.client).executeTakeFirst();
  const blockedUntil = time(throttle?.blocked_until ?? null);
  if (blockedUntil !== null && blockedUntil > now) {
    const seconds = Math.ceil((blockedUntil - now) / 1000);
    throw Object.assign(new AppError('too_many_requests', `Too many failed sign-ins with this e-mail address from your address; try again in ${seconds} seconds`), { retryAfter: seconds });
  }
  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || user.disabled || !ok) {
    // Rows of pairs that stopped failing long ago are purged as failures are written, so the
    // table holds only recent ones (at most once a minute: a flood of failures is not a flood of purges).
    if (now - lastPurge >= PURGE_EVERY_SECONDS * 1000) await purgeExpiredThrottles(db, now);
    // One statement, so that concurrent guesses are all counted.
    const row = await db
      .insertInto('sign_in_throttle')
      .values({ ...key, failures: 1, blocked_until: null, last_failure_at: iso(now) })
      .onConflict((oc) => oc.columns(['email', 'client']).doUpdateSet((eb) => ({ failures: eb('sign_in_throttle.failures', '+', 1), last_failure_at: iso(now) })))
      .returning('failures')
      .executeTakeFirstOrThrow();
    const wait = waitAfter(row.failures);
    if (wait > 0) await db.updateTable('sign_in_throttle').set({ blocked_until: iso(now + wait * 1000) }).where('email', '=', key.email).where('client', '=', key.client).execute();
    throw new AppError('unauthenticated', 'The e-mail address or the password is wrong');
  }
  const token = randomSecret();
  const csrf = randomSecret(18);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sign_in_throttle').where('email', '=', key.email).where('client', '=', key.client).execute();
    await trx.insertInto('user_session').values({ token_hash: sha256(token), user_id: user.id, csrf_token: csrf, created_at: iso(now), expires_at: iso(now + SESSION_HOURS * 3_600_000) }).execute();
  });
  return { token, csrf, userId: user.id };
}

export async function signOut(db: Kysely<DB>, sessionToken: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', sha256(sessionToken)).execute();
  sessionsChanged();
}

async function userActor(db: Kysely<DB>, userId: string, via: 'session' | 'token', scopes: string[] | null): Promise<Actor> {
  const user = await db.selectFrom('app_user').select(['id', 'email', 'display_name', 'disabled']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.disabled) return ANONYMOUS;
  return { kind: 'user', userId: user.id, email: user.email, displayName: user.display_name, roles: await activeRoles(db, user.id), via, scopes };
}

export interface SessionActor {
  actor: Actor;
  csrf: string;
  /** When the session expires (ms since the epoch). */
  expiresAt: number;
}

/** The actor behind a session cookie, with the session's CSRF token (the session and its user in one query). */
export async function actorFromSession(db: Kysely<DB>, sessionToken: string, now = Date.now()): Promise<SessionActor | undefined> {
  const session = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['user_session.user_id', 'user_session.csrf_token', 'user_session.expires_at', 'app_user.email', 'app_user.display_name', 'app_user.disabled'])
    .where('user_session.token_hash', '=', sha256(sessionToken))
    .executeTakeFirst();
  if (!session || time(session.expires_at)! <= now) return undefined;
  const actor: Actor = session.disabled ? ANONYMOUS : { kind: 'user', userId: session.user_id, email: session.email, displayName: session.display_name, roles: await activeRoles(db, session.user_id), via: 'session', scopes: null };
  return { actor, csrf: session.csrf_token, expiresAt: time(session.expires_at)! };
}

/** The actor behind a bearer token; undefined for an unknown, revoked or expired token. */
export async function actorFromToken(db: Kysely<DB>, bearer: string, now = Date.now()): Promise<Actor | undefined> {
  if (!bearer.startsWith(TOKEN_PREFIX)) return undefined;
  const token = await db.selectFrom('api_token').selectAll().where('token_hash', '=', sha256(bearer)).executeTakeFirst();
  if (!token || token.revoked_at || (token.expires_at && time(token.expires_at)! <= now)) return undefined;
  await db.updateTable('api_token').set({ last_used_at: iso(now) }).where('id', '=', token.id).execute();
  return userActor(db, token.user_id, 'token', token.scopes.length > 0 ? token.scopes : null);
}
