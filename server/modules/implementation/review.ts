/**
 * An implementation review for a meeting: where every public plan stood on the meeting's date —
 * rates, statuses, the overdue list and a summary per state. The portal renders it as a page;
 * the PDF is that page printed by Chromium, so both always say the same.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/problem.ts';
import { ANONYMOUS } from '../../policies/actor.ts';
import { getPlan, listPlans, rates } from './implementation.service.ts';

export async function reviewFor(db: Kysely<DB>, meetingId: string) {
  const meeting = await db.selectFrom('meeting').innerJoin('organ', 'organ.id', 'meeting.organ_id').select(['meeting.id', 'meeting.start_date', 'meeting.city', 'meeting.number', 'organ.id as organ', 'organ.name_en', 'organ.name_ru', 'organ.name_zh']).where('meeting.id', '=', meetingId).executeTakeFirst();
  if (!meeting) throw notFound(`Meeting "${meetingId}"`);
  const at = meeting.start_date;
  // A review is a public document: it covers what the public may see.
  const plans = (await listPlans(db, ANONYMOUS, at)).filter((p) => p.measures > 0);
  const overdue = [];
  for (const p of plans) {
    const detail = await getPlan(db, ANONYMOUS, p.id, at);
    for (const m of detail.measures.filter((x) => x.status === 'overdue')) overdue.push({ plan: p.id, plan_title: p.title, code: m.code, title: m.title, deadline: m.deadline, responsible: m.responsible_states, progress: m.progress });
  }
  return {
    meeting: { id: meeting.id, organ: meeting.organ, organ_name: { en: meeting.name_en, ru: meeting.name_ru, zh: meeting.name_zh }, number: meeting.number, date: at, city: meeting.city },
    as_of: at,
    plans: plans.map((p) => ({ id: p.id, title: p.title, pillar: p.pillar, progress: p.progress, statuses: p.statuses, measures: p.measures })),
    by_state: await rates(db, ANONYMOUS, 'state', at),
    by_pillar: await rates(db, ANONYMOUS, 'pillar', at),
    overdue,
  };
}
