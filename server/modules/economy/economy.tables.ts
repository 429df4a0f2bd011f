import type { Sourced } from '../../db/schema.ts';

type Timestamp = Date | string;
type Numeric = number | string;

export interface EconomyIndicatorTable extends Sourced {
  code: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  unit: string;
  aggregation: 'sum' | 'ratio' | 'weighted_mean' | 'none';
  numerator: string | null;
  denominator: string | null;
  weight: string | null;
  note: string | null;
}

export interface EconomyObservationTable {
  indicator_code: string;
  /** ISO 3166-1 alpha-3 as WDI writes it; WLD is the world. */
  area: string;
  year: number;
  value: number;
}

export interface EconomyDatasetTable {
  id: string;
  fingerprint: string;
  observations: number;
  loaded_at: Timestamp;
}

export interface EconomyStatementTable extends Sourced {
  id: string;
  indicator_code: string | null;
  group_id: string | null;
  year: number | null;
  value: number;
  unit: string;
  quote: string;
  label_en: string;
  label_ru: string | null;
  label_zh: string | null;
  note: string | null;
}

export interface EconomyProjectTable extends Sourced {
  id: string;
  title_en: string;
  title_ru: string | null;
  title_zh: string | null;
  sector: string;
  stage: string;
  location: string | null;
  host_states: string[];
  /** Not in the reference files: set when the decision is tabled. */
  draft_id?: string | null;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  note: string | null;
  origin: 'reference' | 'user';
  updated_at?: Timestamp;
}

export interface EconomyFinancingTable {
  id: string;
  project_id: string;
  source_name: string;
  source_kind: string;
  instrument: string;
  amount: Numeric;
  currency: string;
  committed_on: string | null;
  recorded_at: Timestamp;
}

export interface EconomyDisbursementTable {
  id: import('kysely').Generated<string>;
  financing_id: string;
  disbursed_on: string;
  amount: Numeric;
  recorded_at: Timestamp;
}

export interface EconomyTradeImportTable {
  id: string;
  source: 'comtrade' | 'imf';
  file_name: string | null;
  rows: number;
  imported_by: string;
  imported_at: Timestamp;
}

export interface EconomyTradeFlowTable {
  source: 'comtrade' | 'imf';
  /** ISO 3166-1 alpha-3; WLD is the world. */
  reporter: string;
  partner: string;
  year: number;
  flow: 'export' | 'import';
  value: number;
  import_id: string;
}
