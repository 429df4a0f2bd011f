/** Queries on meetings of the organs, with the states taking part by their status on the date. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { statesWithStatusOn } from '../membership/membership.service.ts';

export interface MeetingFilter {
  organ?: string | undefined;
  year?: number | undefined;
}

const columns = ['meeting.id', 'meeting.organ_id', 'meeting.number', 'meeting.start_date', 'meeting.end_date', 'meeting.city', 'meeting.host_iso2', 'meeting.chair_iso2', 'meeting.format', 'meeting.outcomes', 'meeting.source', 'meeting.confidence', 'meeting.note', 'organ.name_en as organ_name_en', 'organ.name_ru as organ_name_ru', 'organ.name_zh as organ_name_zh'] as const;

function query(db: Kysely<DB>) {
  return db.selectFrom('meeting').innerJoin('organ', 'organ.id', 'meeting.organ_id').select(columns);
}
type Row = Awaited<ReturnType<ReturnType<typeof query>['execute']>>[number];

const present = (m: Row) => ({
  id: m.id,
  organ: m.organ_id,
  organ_name: { en: m.organ_name_en, ru: m.organ_name_ru, zh: m.organ_name_zh },
  number: m.number,
  start_date: m.start_date,
  end_date: m.end_date,
  city: m.city,
  host: m.host_iso2,
  chair: m.chair_iso2,
  format: m.format,
  outcomes: m.outcomes,
  source: m.source,
  confidence: m.confidence,
  note: m.note,
});
export type MeetingView = ReturnType<typeof present>;

export async function listMeetings(db: Kysely<DB>, filter: MeetingFilter): Promise<MeetingView[]> {
  let q = query(db).orderBy('meeting.start_date', 'desc');
  if (filter.organ) q = q.where('meeting.organ_id', '=', filter.organ);
  if (filter.year) q = q.where('meeting.start_date', '>=', `${filter.year}-01-01`).where('meeting.start_date', '<=', `${filter.year}-12-31`);
  return (await q.execute()).map(present);
}

export async function getMeeting(db: Kysely<DB>, id: string) {
  const m = await query(db).where('meeting.id', '=', id).executeTakeFirst();
  if (!m) return undefined;
  const states = await statesWithStatusOn(db, m.start_date);
  const participants: Record<string, string[]> = {};
  for (const s of states) (participants[s.status!.status] ??= []).push(s.iso2);
  const documents = await db.selectFrom('document').select(['id', 'key', 'kind', 'title_en', 'title_ru', 'title_zh']).where('meeting_id', '=', id).orderBy('kind').execute();
  return {
    ...present(m),
    participants,
    documents: documents.map((d) => ({ id: d.id, key: d.key, kind: d.kind, title: { en: d.title_en, ru: d.title_ru, zh: d.title_zh } })),
  };
}
