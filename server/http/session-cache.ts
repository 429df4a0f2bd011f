/**
 * Signed-in requests' sessions kept in memory, so that reading one costs no query
 * (docs/decisions/0008-speed.md), without letting a change wait:
 * - an entry is used only until the session's own expiry, and at most ENTRY_MS after it was read;
 * - every change to sessions, users or roles made by this process's use-cases (sign-out, role
 *   granted or revoked: the only writers of those tables) moves the epoch
 *   (server/modules/accounts/session-epoch.ts) once committed, so the next request reads the
 *   session again; other writes (a draft, a position, a report) keep every session
 *   (docs/decisions/0018: they used to drop them all, two queries more per write);
 * - every change committed by any process to sessions, users or roles notifies the channel
 *   `secretariat_sessions` (migration 0018), which moves the generation too;
 * - while this process is not listening (no `listen`, or the listening connection dropped),
 *   nothing is kept: every request reads its session from the database.
 * An entry is stored under the generation read *before* the session was read, so one read while
 * a change commits is never used after it. Keys are the SHA-256 of the token, never the token.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { actorFromSession, type SessionActor } from '../modules/accounts/sign-in.ts';
import { sha256 } from '../modules/accounts/secrets.ts';
import { sessionEpoch } from '../modules/accounts/session-epoch.ts';

/** The longest time an entry is used without reading the session again. */
export const ENTRY_MS = 60_000;
/** Bound on the sessions kept; the oldest is dropped first. */
const MAX_ENTRIES = 10_000;

interface Entry extends SessionActor {
  generation: number;
  /** sessionEpoch() when the session was read. */
  epoch: number;
  readAt: number;
}

export interface SessionCache {
  /** The session behind a cookie's token (as actorFromSession), from memory when it may be. */
  lookup(token: string, now?: number): Promise<SessionActor | undefined>;
  /** Every kept session is read again on its next use. */
  invalidate(): void;
  /** While false (changes may go unnoticed), nothing is kept or used. */
  setListening(listening: boolean): void;
  /** Whether changes made elsewhere are noticed (entries are kept). */
  readonly listening: boolean;
  /**
   * Moves whenever a kept session may have changed (the generation or the epoch moved): what was
   * computed for a session under one version may be used again only under the same version.
   */
  readonly version: number;
  readonly size: number;
}

export function createSessionCache(db: Kysely<DB>): SessionCache {
  const entries = new Map<string, Entry>();
  let generation = 0;
  let listening = false;
  return {
    async lookup(token, now = Date.now()) {
      if (!listening) return actorFromSession(db, token, now);
      const key = sha256(token);
      const hit = entries.get(key);
      if (hit && hit.generation === generation && hit.epoch === sessionEpoch() && now < hit.expiresAt && now - hit.readAt < ENTRY_MS) return hit;
      if (hit) entries.delete(key);
      const read = generation;
      const epoch = sessionEpoch();
      const session = await actorFromSession(db, token, now);
      if (session && listening && read === generation && epoch === sessionEpoch()) {
        if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
        entries.set(key, { ...session, generation, epoch, readAt: now });
      }
      return session;
    },
    invalidate() {
      generation++;
      entries.clear();
    },
    setListening(value) {
      generation++;
      entries.clear();
      listening = value;
    },
    get listening() { return listening; },
    // Both counters only grow, so their sum moves whenever either does.
    get version() { return generation + sessionEpoch(); },
    get size() { return entries.size; },
  };
}
