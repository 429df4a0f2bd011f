import type { Sourced } from '../../db/schema.ts';

type Timestamp = Date | string;

export interface EconomyPlaceTable extends Sourced {
  id: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  kind: string;
  /** ISO alpha-2 of the state(s) the place lies in; a border crossing names both sides. */
  states: string[];
  lat: number | null;
  lon: number | null;
  coordinates_source: string | null;
  note: string | null;
}

export interface EconomyCorridorTable extends Sourced {
  id: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  kind: string;
  states: string[];
  note: string | null;
}

export interface EconomyCorridorSegmentTable extends Sourced {
  corridor_id: string;
  seq: number;
  from_place: string;
  to_place: string;
  mode: string | null;
  status: string;
  capacity: number | null;
  capacity_unit: string | null;
  length_km: number | null;
  transit_hours: number | null;
  note: string | null;
}

export interface EconomyCrossingTimeTable {
  place_id: string;
  state_iso2: string;
  observed_on: string;
  hours: number;
  source: string | null;
  reported_by: string;
  reported_at: Timestamp;
}

export interface EconomyProjectMilestoneTable {
  id: string;
  project_id: string;
  title_en: string;
  title_ru: string | null;
  title_zh: string | null;
  planned_on: string;
  actual_on: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface EconomyProjectMeasureTable {
  project_id: string;
  measure_id: string;
}

export interface EconomyProjectCorridorTable {
  project_id: string;
  corridor_id: string;
}

export interface EconomyTradeProductTable {
  source: 'comtrade' | 'imf';
  reporter: string;
  year: number;
  flow: 'export' | 'import';
  product: string;
  value: number;
  import_id: string;
}

export interface EconomyFinancingSourceTable {
  id: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  kind: string;
  state_iso2: string | null;
  source: string[];
  confidence: string;
  note: string | null;
}
