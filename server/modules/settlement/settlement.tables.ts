/** The settlement module's tables (migration 0015). bigint columns come back as string or bigint. */
type Timestamp = Date | string;
type Json<T> = T | string;
type Int8 = string | number | bigint;

export interface SettlementParticipantTable {
  id: string;
  bic: string;
  state: string;
  kind: 'central_bank' | 'designated_bank';
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  net_debit_cap: Int8 | null;
  cap_currency: string | null;
  source: string[];
  confidence: string;
  updated_at: Timestamp;
}

export interface SettlementAccountTable {
  participant_id: string;
  currency: string;
  account: string;
}

export interface SettlementSwapLineTable {
  bank_a: string;
  bank_b: string;
  capacity: Int8;
  capacity_currency: string;
  source: string[];
  confidence: string;
  updated_at: Timestamp;
}

export interface SettlementRateTable {
  rate_date: string;
  base: string;
  quote: string;
  rate: string | number;
  source: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface SettlementImportTable {
  id: string;
  format: 'csv' | 'pacs.008' | 'pacs.009';
  obligations: number;
  sha256: string;
  imported_by: string;
  imported_at: Timestamp;
}

export interface SettlementObligationTable {
  id: string;
  payer_id: string;
  payee_id: string;
  currency: string;
  amount: Int8;
  value_date: string;
  reference: string | null;
  import_id: string;
  status: 'pending' | 'queued' | 'settled';
  queue_reason: Json<unknown> | null;
  settled_in: string | null;
}

export interface SettlementCycleTable {
  id: string;
  cycle_date: string;
  seq: number;
  unit: string;
  vehicle: string | null;
  rates: Json<unknown>;
  result: Json<unknown>;
  obligations: number;
  settled: number;
  queued: number;
  digest: string;
  run_by: string;
  run_at: Timestamp;
}

export interface SettlementCycleItemTable {
  cycle_id: string;
  obligation_id: string;
  outcome: 'settled' | 'queued';
  reason: Json<unknown> | null;
}
