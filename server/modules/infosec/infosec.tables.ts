import type { Generated } from 'kysely';
import type { Audience } from './sharing-policy.ts';

type Timestamp = Date | string;
/** jsonb columns are written as JSON text and read back parsed. */
type Json<T> = T | string;

export interface InfosecRecordTable {
  id: string;
  version: number;
  kind: 'warning' | 'incident';
  originator: string;
  tlp: string;
  pap: string;
  audience: Json<Audience>;
  recipients: string[];
  title: string;
  body: Json<Record<string, unknown>>;
  revoked: boolean;
  issued_by: string;
  issued_at: Timestamp;
  received_at: Timestamp | null;
}

export interface InfosecAcknowledgementTable {
  record_id: string;
  state: string;
  acknowledged_by: string;
  acknowledged_at: Timestamp;
}

export interface InfosecOutboxTable {
  seq: Generated<string>;
  msg_id: string;
  recipient: string;
  signed: Json<unknown>;
  created_at: Generated<Timestamp>;
}

export interface InfosecPeerTable {
  state: string;
  public_key: string;
  approved_by: string;
  approved_at: Timestamp;
}

export interface InfosecSharingGroupTable {
  id: string;
  name: string;
  states: string[];
  created_by: string;
  created_at: Timestamp;
}

export interface InfosecRejectedTable {
  id: Generated<string>;
  at: Generated<Timestamp>;
  subject: string;
  origin: string | null;
  reason: string;
}

export interface InfosecSightingTable {
  id: string;
  record_id: string;
  state: string;
  kind: 'seen' | 'false_positive' | 'note';
  note: string;
  reported_by: string;
  reported_at: Timestamp;
}

export interface InfosecExerciseTable {
  id: string;
  year: number;
  host: string;
  title: string;
  scenario: string;
  participants: string[];
  starts_on: string | null;
  ends_on: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface InfosecExerciseFindingTable {
  id: string;
  exercise_id: string;
  finding: string;
  measure_id: string;
  recorded_by: string;
  recorded_at: Timestamp;
}
