type Timestamp = Date | string;

export interface DraftTable {
  id: string;
  organ_id: string;
  kind: string;
  title: string;
  tabled_by_state: string | null;
  tabled_by: string;
  tabled_at: Timestamp;
  status: 'draft' | 'in_procedure' | 'adopted' | 'rejected' | 'withdrawn';
  current_version: number;
}

export interface DraftVersionTable {
  draft_id: string;
  version: number;
  text_en: string | null;
  text_ru: string | null;
  text_zh: string | null;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface AmendmentTable {
  id: string;
  draft_id: string;
  proposed_by_state: string | null;
  proposed_by: string;
  proposed_at: Timestamp;
  base_version: number;
  text_en: string | null;
  text_ru: string | null;
  text_zh: string | null;
  rationale: string | null;
  status: 'proposed' | 'accepted' | 'rejected';
  decided_by: string | null;
  decided_at: Timestamp | null;
  resulting_version: number | null;
}

export interface DecisionProcedureTable {
  id: string;
  draft_id: string;
  kind: string;
  eligible: string[];
  concerned_state: string | null;
  deadline: Timestamp | null;
  opened_by: string;
  opened_at: Timestamp;
  deadline_notice_at: Timestamp | null;
}

export interface PositionTable {
  id: import('kysely').Generated<number | string>;
  procedure_id: string;
  state_iso2: string;
  position: string;
  text: string | null;
  expressed_by: string;
  expressed_at: Timestamp;
}

export interface DecisionRecordTable {
  id: string;
  draft_id: string;
  outcome: 'adopted' | 'rejected' | 'withdrawn';
  participants: string[];
  document_id: string | null;
  supersedes: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface NotificationTable {
  id: import('kysely').Generated<number | string>;
  user_id: string;
  event: string;
  subject_id: string;
  summary: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface WebhookTable {
  id: string;
  url: string;
  secret: string;
  events: string[];
  created_by: string;
  created_at: Timestamp;
  active: boolean;
}

export interface WebhookDeliveryTable {
  id: import('kysely').Generated<number | string>;
  webhook_id: string;
  event: string;
  payload: unknown;
  created_at: Timestamp;
  attempts: number;
  delivered_at: Timestamp | null;
  last_error: string | null;
  /** Not sent again before this time (back-off); null: at once. */
  next_attempt_at: Timestamp | null;
  /** Set when MAX_ATTEMPTS failed: the dead-letter state, never retried. */
  dead_at: Timestamp | null;
}
