import type { Sourced } from '../../db/schema.ts';

export interface MeetingTable extends Sourced {
  id: string;
  organ_id: string;
  number: number | null;
  start_date: string;
  end_date: string;
  city: string;
  host_iso2: string | null;
  chair_iso2: string | null;
  format: string;
  outcomes: string | null;
  note: string | null;
  /** 'reference' rows come from the data files; 'secretariat' rows are kept by officers here. */
  origin?: 'reference' | 'secretariat';
}

export interface AgendaItem {
  title: string;
  /** A draft on the agenda (d_…), if any. */
  draft?: string;
}
export interface Delegation {
  state: string;
  members: string[];
}

export interface MeetingRecordTable {
  meeting_id: string;
  agenda: AgendaItem[] | string;
  delegations: Delegation[] | string;
  outcome_documents: string[];
  minutes: string | null;
  updated_by: string;
  updated_at: Date | string;
}

export interface OrganRhythmTable extends Sourced {
  organ_id: string;
  rhythm: string;
  interval_months: number | null;
  grace_days: number;
  counted_from: string;
  note: string | null;
}

export interface DormantAlertTable {
  organ_id: string;
  due: string;
  sent_at: Date | string;
}

/** A cultural or humanitarian event on the calendar: a thematic year, a cultural capital, a festival… */
export interface CulturalEventTable extends Sourced {
  id: string;
  kind: string;
  title_en: string;
  title_ru: string | null;
  title_zh: string | null;
  start_date: string;
  end_date: string;
  date_precision: 'day' | 'month' | 'year';
  city: string | null;
  hosts: string[];
  states: string[];
  organ_id: string | null;
  meeting_id: string | null;
  note: string | null;
}
