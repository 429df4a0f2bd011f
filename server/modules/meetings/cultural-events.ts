/** Cultural and humanitarian events on the calendar beside meetings: thematic years, cultural capitals, festivals, forums, youth and media events. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const EVENT_KINDS = ['thematic_year', 'cultural_capital', 'festival', 'forum', 'youth', 'media'] as const;

export interface EventFilter {
  organ?: string | undefined;
  year?: number | undefined;
  kind?: string | undefined;
}

const present = (e: DB['cultural_event']) => ({
  id: e.id,
  kind: e.kind,
  title: { en: e.title_en, ru: e.title_ru, zh: e.title_zh },
  start_date: e.start_date,
  end_date: e.end_date,
  date_precision: e.date_precision,
  city: e.city,
  hosts: e.hosts,
  states: e.states,
  organ: e.organ_id,
  meeting: e.meeting_id,
  source: e.source,
  confidence: e.confidence,
  note: e.note,
});
export type EventView = ReturnType<typeof present>;

/** Events, newest first; a year filter keeps the events running at any time in that year. */
export async function listEvents(db: Kysely<DB>, filter: EventFilter): Promise<EventView[]> {
  let q = db.selectFrom('cultural_event').selectAll().orderBy('start_date', 'desc').orderBy('id');
  if (filter.organ) q = q.where('organ_id', '=', filter.organ);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.year) q = q.where('start_date', '<=', `${filter.year}-12-31`).where('end_date', '>=', `${filter.year}-01-01`);
  return (await q.execute()).map(present);
}
