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
}
