type Timestamp = Date | string;

export interface DepositaryActTable {
  id: string;
  document_id: string;
  state_iso2: string;
  action: string;
  date: string;
  instrument: string;
  text: string | null;
  source: string[];
  supersedes: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface DepositaryNotificationTable {
  id: string;
  year: number;
  number: number;
  document_id: string;
  act_id: string;
  summary: string;
  published_at: Timestamp;
}
