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
}
