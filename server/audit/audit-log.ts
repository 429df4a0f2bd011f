/**
 * recordEvent() writes one event inside the caller's transaction (unchained; the chainer links it
 * into the hash chain after commit, audit-chainer.ts); verifyAuditLog() recomputes the chain and
 * names the first event that was altered, removed, forged, or left unchained too long.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditEventTable } from './audit.tables.ts';
import { checkpointSignatureValid, currentAuditKey, eventMac, eventSignatureValid, readCheckpointFile, type AuditKey, type Checkpoint, type PendingContent } from './audit-signing.ts';

export interface AuditEvent {
  /** Who acted: `user:<id>`, `token:<id>`, `system:seed`, `cli:<login>`. */
  actor: string;
  /** The state the actor acted for, when acting as a delegate or national officer. */
  actingFor?: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

export const GENESIS = '0'.repeat(64);

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What the hash covers: every column but the hash itself, with the types JSON gives them. */
type Chained = Omit<AuditEventTable, 'seq' | 'at' | 'hash' | 'signature'> & { seq: number; at: string };

export function hashEvent(e: Chained): string {
  return createHash('sha256').update(canonicalJson({ ...e, before: e.before ?? null, after: e.after ?? null })).digest('hex');
}

/**
 * Writes `event` inside `trx`, unchained: no lock shared with other writes. The chainer
 * (audit-chainer.ts) links it into the hash chain once its transaction has committed, and signs
 * it if the MAC made here with the process's key checks (docs/decisions/0013).
 */
export async function recordEvent(trx: Transaction<DB>, event: AuditEvent): Promise<void> {
  await trx.insertInto('audit_pending').values(pendingEvent(event)).execute();
}

/**
 * The `audit_pending` row recordEvent inserts (with its MAC), for a command that inserts it in the
 * same statement as its change, after a data-modifying CTE: one round trip instead of two
 * (docs/decisions/0018). That statement must run in the change's transaction.
 */
export function pendingEvent(event: AuditEvent) {
  const before = JSON.stringify(event.before ?? null);
  const after = JSON.stringify(event.after ?? null);
  const pending: PendingContent = {
    id: randomUUID(),
    at: new Date().toISOString(),
    actor: event.actor,
    acting_for: event.actingFor ?? null,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    before: JSON.parse(before),
    after: JSON.parse(after),
  };
  const key = currentAuditKey();
  return { ...pending, before, after, mac: key ? eventMac(key, pending) : null } as never;
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  /** The first broken link, if any. */
  problem?: { seq: number; reason: string };
  /** With a key: the last signed checkpoint the log was checked against. */
  checkpoint?: { events: number; at: string };
  /** Committed events not chained yet (only when there are some). */
  unchained?: { events: number; oldest: string };
}

export interface VerifyOptions {
  /** The signing key (from outside the database): checks every event's signature and the checkpoints. */
  key?: AuditKey;
  /** Checkpoints kept outside the database; by default those in the key's checkpoint file. */
  checkpoints?: Checkpoint[];
  /**
   * An event committed longer ago than this and still not chained is a problem: no chainer runs,
   * or it was put into audit_pending by hand (default 60 s; chaining normally takes milliseconds).
   */
  unchainedAfterSeconds?: number;
}

/**
 * Recomputes the chain and names the first event altered, removed, re-chained or forged. With a
 * key, also checks each event's signature (once signing began, every later event must be signed)
 * and that the log still holds every event of every signed checkpoint (in the database or in the
 * file outside it), which detects a cut tail or a TRUNCATE. Events written but not chained yet
 * are counted; if one is older than `unchainedAfterSeconds`, the log is not intact.
 */
export async function verifyAuditLog(db: Kysely<DB>, options: VerifyOptions = {}): Promise<AuditVerification> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    // Times are hashed to the millisecond, as written; anything finer was edited in afterwards.
    .select(sql<number>`(extract(microseconds from at)::bigint % 1000)::int`.as('sub_ms'))
    .orderBy('seq')
    .execute();
  const { key } = options;
  const waiting = await db.selectFrom('audit_pending').select([sql<string>`count(*)`.as('n'), sql<Date | string | null>`min(at)`.as('oldest')]).executeTakeFirstOrThrow();
  const unchained = Number(waiting.n) > 0 ? { unchained: { events: Number(waiting.n), oldest: new Date(waiting.oldest!).toISOString() } } : {};
  let prev = GENESIS;
  let signing = false;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const seq = Number(r.seq);
    const fail = (reason: string): AuditVerification => ({ ok: false, events: rows.length, problem: { seq, reason } });
    if (seq !== i + 1) return fail(`event ${i + 1} is missing (removed)`);
    if (r.prev_hash !== prev) return fail('its link to the previous event does not match (an earlier event was removed or altered)');
    if (Number(r.sub_ms) !== 0) return fail('its time was altered (it has a fraction of a millisecond no event is written with)');
    const at = r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString();
    const expected = hashEvent({ seq, at, actor: r.actor, acting_for: r.acting_for, action: r.action, subject_type: r.subject_type, subject_id: r.subject_id, before: r.before, after: r.after, prev_hash: r.prev_hash });
    if (expected !== r.hash) return fail('its content does not match its hash (altered)');
    if (key) {
      if (r.signature === null) {
        if (signing) return fail('it is not signed although earlier events are (forged, or the chain was rewritten from here)');
      } else if (!eventSignatureValid(key, r.hash, r.signature)) {
        return fail('its signature does not match (forged, or the chain was rewritten from here)');
      } else signing = true;
    }
    prev = r.hash;
  }
  const bound = options.unchainedAfterSeconds ?? 60;
  if (unchained.unchained && Date.now() - Date.parse(unchained.unchained.oldest) > bound * 1000) {
    const { events, oldest } = unchained.unchained;
    return { ok: false, events: rows.length, problem: { seq: rows.length + 1, reason: `${events} committed event${events === 1 ? ' is' : 's are'} not chained, the oldest written at ${oldest}, more than ${bound} s ago (no chainer is running, or they were put in audit_pending by hand)` }, ...unchained };
  }
  if (!key) return { ok: true, events: rows.length, ...unchained };
  const stored = await db.selectFrom('audit_checkpoint').select(['at', 'events', 'head_hash', 'key_id', 'signature']).execute();
  const checkpoints = [...(options.checkpoints ?? readCheckpointFile(key)), ...stored.map((c) => ({ ...c, at: new Date(c.at).toISOString(), events: Number(c.events) }))].filter((c) => checkpointSignatureValid(key, c));
  let last: Checkpoint | undefined;
  for (const c of checkpoints) {
    if (rows.length < c.events) {
      return { ok: false, events: rows.length, problem: { seq: rows.length + 1, reason: `events ${rows.length + 1} to ${c.events} were removed: the checkpoint signed at ${c.at} counted ${c.events} events` } };
    }
    if (rows[c.events - 1]!.hash !== c.head_hash) return { ok: false, events: rows.length, problem: { seq: c.events, reason: `it is not the event signed in the checkpoint of ${c.at} (the chain was rewritten)` } };
    if (!last || c.events > last.events) last = c;
  }
  return { ok: true, events: rows.length, ...(last ? { checkpoint: { events: last.events, at: last.at } } : {}), ...unchained };
}
