/**
 * recordEvent() appends one event to the hash-chained audit log inside the caller's transaction;
 * verifyAuditLog() recomputes the chain and names the first event that was altered or removed.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditEventTable } from './audit.tables.ts';

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
// An arbitrary constant naming the audit chain's advisory lock.
const CHAIN_LOCK = 7_274_001;

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
type Chained = Omit<AuditEventTable, 'seq' | 'at' | 'hash'> & { seq: number; at: string };

export function hashEvent(e: Chained): string {
  return createHash('sha256').update(canonicalJson({ ...e, before: e.before ?? null, after: e.after ?? null })).digest('hex');
}

/** Appends `event` after the chain's last event, inside `trx`. */
export async function recordEvent(trx: Transaction<DB>, event: AuditEvent): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_event').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const chained: Chained = {
    seq: Number(last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    actor: event.actor,
    acting_for: event.actingFor ?? null,
    action: event.action,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    before: event.before ?? null,
    after: event.after ?? null,
    prev_hash: last?.hash ?? GENESIS,
  };
  await trx
    .insertInto('audit_event')
    .values({ ...chained, before: JSON.stringify(chained.before), after: JSON.stringify(chained.after), hash: hashEvent(chained) } as never)
    .execute();
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  /** The first broken link, if any. */
  problem?: { seq: number; reason: string };
}

export async function verifyAuditLog(db: Kysely<DB>): Promise<AuditVerification> {
  const rows = await db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
  let prev = GENESIS;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const seq = Number(r.seq);
    const fail = (reason: string): AuditVerification => ({ ok: false, events: rows.length, problem: { seq, reason } });
    if (seq !== i + 1) return fail(`event ${i + 1} is missing (removed)`);
    if (r.prev_hash !== prev) return fail('its link to the previous event does not match (an earlier event was removed or altered)');
    const at = r.at instanceof Date ? r.at.toISOString() : new Date(r.at).toISOString();
    const expected = hashEvent({ seq, at, actor: r.actor, acting_for: r.acting_for, action: r.action, subject_type: r.subject_type, subject_id: r.subject_id, before: r.before, after: r.after, prev_hash: r.prev_hash });
    if (expected !== r.hash) return fail('its content does not match its hash (altered)');
    prev = r.hash;
  }
  return { ok: true, events: rows.length };
}
