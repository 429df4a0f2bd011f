import type { Sourced } from '../../db/schema.ts';

export interface OrganTable extends Sourced {
  id: string;
  parent_id: string | null;
  kind: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  charter_article: number | null;
  permanent: boolean;
  seat: string | null;
  functions: string[];
  founding_document: string | null;
  note: string | null;
}

export interface OfficialTable extends Sourced {
  organ_id: string;
  name: string;
  state_iso2: string | null;
  title: string;
  term_start: string;
  term_end: string | null;
  note: string | null;
}
