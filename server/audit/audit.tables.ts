import type { Generated } from 'kysely';

export interface AuditEventTable {
  seq: number | string;
  at: Date | string;
  actor: string;
  acting_for: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
  /** Ed25519 signature (base64) of the hash with the key outside the database; null before signing began. */
  signature: string | null;
}

export interface AuditCheckpointTable {
  id: Generated<number>;
  at: Date | string;
  events: number | string;
  head_hash: string;
  key_id: string;
  signature: string;
}
