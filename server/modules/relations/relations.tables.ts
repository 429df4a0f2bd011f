import type { Sourced } from '../../db/schema.ts';

export interface InternationalOrganisationTable extends Sourced {
  id: string;
  name_en: string;
  name_ru: string | null;
  name_zh: string | null;
  note: string | null;
}

export interface OrgMemorandumTable extends Sourced {
  id: string;
  organisation_id: string;
  sco_party: string;
  kind: string;
  title_en: string;
  title_ru: string | null;
  title_zh: string | null;
  document_id: string | null;
  note: string | null;
}

export interface OrgMemorandumActionTable extends Sourced {
  memorandum_id: string;
  action: string;
  date: string;
  date_precision: 'day' | 'month' | 'year';
  place: string | null;
  meeting_id: string | null;
  note: string | null;
  origin?: 'reference' | 'secretariat';
  recorded_by?: string | null;
  recorded_at?: Date | string | null;
}
