import type { Sourced } from '../../db/schema.ts';

export interface ChairmanshipTable extends Sourced {
  state_iso2: string;
  valid_from: string;
  valid_to: string | null;
  summit_id: string | null;
  note: string | null;
}
