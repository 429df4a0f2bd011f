import type { Sourced } from '../../db/schema.ts';

export interface DocumentTable extends Sourced {
  id: string;
  key: string;
  kind: string;
  title_en: string;
  title_ru: string | null;
  title_zh: string | null;
  date: string | null;
  date_precision: string | null;
  place: string | null;
  organ_id: string | null;
  meeting_id: string | null;
  counterparty: string | null;
  in_force: string | null;
  entry_into_force: string;
  named_in_seeds: boolean;
  note: string | null;
  /** 'reference' rows come from the data files; 'decision' rows from recorded decisions. */
  origin?: 'reference' | 'decision';
  /** The states bound, for documents adopted here (pending signatures are parties without one). */
  parties?: string[];
}

export interface DocumentActionTable extends Sourced {
  document_id: string;
  state_iso2: string;
  action: string;
  date: string;
  text: string | null;
  note: string | null;
}
