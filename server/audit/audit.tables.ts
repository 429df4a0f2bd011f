import type { Generated } from 'kysely';

/** What every audit event says: who did what to which record, with the record before and after. */
export interface AuditContent {
  actor: string;
  acting_for: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
}

export interface AuditEventTable extends AuditContent {
  seq: number | string;
  at: Date | string;
  prev_hash: string;
  hash: string;
  /** Ed25519 signature (base64) of the hash with the key outside the database; null before signing began. */
  signature: string | null;
  /** The pending event this one was chained from (migration 0019); null for older events. Not hashed. */
  event_id?: string | null;
}

/** An event written by a change, not yet linked into the chain (docs/decisions/0013). */
export interface AuditPendingTable extends AuditContent {
  id: string;
  n: Generated<number | string>;
  txid: Generated<string>;
  at: Date | string;
  /** HMAC-SHA256 (hex) of the event by the writing process, with a key derived from the signing key. */
  mac: string | null;
}

export interface AuditCheckpointTable {
  id: Generated<number>;
  at: Date | string;
  events: number | string;
  head_hash: string;
  key_id: string;
  signature: string;
}
