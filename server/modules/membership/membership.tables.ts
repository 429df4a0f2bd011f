import type { Sourced } from '../../db/schema.ts';

export interface StateTable extends Sourced {
  iso2: string;
  iso3: string;
  m49: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  official_name_en: string | null;
}

export interface StatusPeriodTable extends Sourced {
  state_iso2: string;
  status: string;
  valid_from: string;
  valid_to: string | null;
  basis: string | null;
  meeting_id: string | null;
  note: string | null;
}

export interface MembershipActTable extends Sourced {
  id: string;
  state_iso2: string;
  act: string;
  status: string | null;
  date: string;
  date_precision: 'day' | 'month' | 'year';
  organ_id: string | null;
  meeting_id: string | null;
  decision_id: string | null;
  basis: string | null;
  note: string | null;
  /** 'reference' rows come from the data files; 'secretariat' rows are recorded by officers. */
  origin?: 'reference' | 'secretariat';
  recorded_by?: string | null;
  recorded_at?: Date | string | null;
}
