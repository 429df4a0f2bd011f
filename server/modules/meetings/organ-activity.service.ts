/**
 * Which bodies met, how often and what they produced, against each organ's mandated rhythm; and
 * the dormant-body alerts to the Secretariat and the chair's national coordinator, sent once per
 * organ and missed due date.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { notifyCoordinators } from '../decisions/notices.ts';
import { dormancy } from './dormancy.ts';

/** Every organ with its rhythm, meetings (by year), documents produced and standing on `today`. */
export async function organActivity(db: Kysely<DB>, today: string) {
  const organs = await db.selectFrom('organ').select(['id', 'parent_id', 'kind', 'name_en', 'name_ru', 'name_zh']).orderBy('id').execute();
  const rhythms = new Map((await db.selectFrom('organ_rhythm').selectAll().execute()).map((r) => [r.organ_id, r]));
  const meetings = await db.selectFrom('meeting').select(['id', 'organ_id', 'start_date']).orderBy('start_date').execute();
  const docs = await db.selectFrom('document').select(['organ_id']).where('organ_id', 'is not', null).execute();
  const produced = new Map<string, number>();
  for (const d of docs) produced.set(d.organ_id!, (produced.get(d.organ_id!) ?? 0) + 1);
  const rank = { dormant: 0, active: 1, not_mandated: 2 } as const;
  const rows = organs.map((o) => {
    const own = meetings.filter((m) => m.organ_id === o.id);
    const r = rhythms.get(o.id);
    const byYear: Record<string, number> = {};
    for (const m of own) byYear[m.start_date.slice(0, 4)] = (byYear[m.start_date.slice(0, 4)] ?? 0) + 1;
    const standing = r ? dormancy({ rhythm: r.rhythm, intervalMonths: r.interval_months, graceDays: r.grace_days, countedFrom: r.counted_from }, own.map((m) => m.start_date), today) : { status: 'not_mandated' as const, last: own.filter((m) => m.start_date <= today).at(-1)?.start_date ?? null, due: null };
    return {
      organ: o.id, parent: o.parent_id, kind: o.kind, name: { en: o.name_en, ru: o.name_ru, zh: o.name_zh },
      rhythm: r ? { rhythm: r.rhythm, interval_months: r.interval_months, grace_days: r.grace_days, source: r.source, confidence: r.confidence, note: r.note } : null,
      meetings: own.length, meetings_by_year: byYear, next: own.find((m) => m.start_date > today)?.start_date ?? null,
      documents: produced.get(o.id) ?? 0, ...standing,
    };
  });
  // Dormant bodies first, then those keeping their rhythm, then the rest; by name within each.
  return rows.sort((a, b) => rank[a.status] - rank[b.status] || a.name.en.localeCompare(b.name.en));
}
export type OrganActivity = Awaited<ReturnType<typeof organActivity>>[number];

/** Sends an alert for each dormant organ not yet alerted for its current due date; returns them. */
export async function alertDormantBodies(db: Kysely<DB>, today: string, actor = 'system:dispatcher') {
  const dormant = (await organActivity(db, today)).filter((o) => o.status === 'dormant');
  const sent: { organ: string; due: string }[] = [];
  if (dormant.length === 0) return sent;
  const chair = await db.selectFrom('chairmanship').select('state_iso2').where('valid_from', '<=', today).where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', today)])).orderBy('valid_from', 'desc').executeTakeFirst();
  for (const o of dormant) {
    await db.transaction().execute(async (trx) => {
      const claimed = await trx.insertInto('dormant_alert').values({ organ_id: o.organ, due: o.due!, sent_at: new Date().toISOString() }).onConflict((oc) => oc.doNothing()).returning('organ_id').executeTakeFirst();
      if (!claimed) return;
      const summary = `${o.name.en} is dormant: its rhythm (${o.rhythm!.rhythm.replace('_', ' ')}) called for a meeting by ${o.due}; ${o.last ? `last recorded meeting ${o.last}` : 'no meeting recorded'}`;
      await notifyCoordinators(trx, { states: chair ? [chair.state_iso2] : [], secretariat: true }, 'dormant_body', { id: o.organ, kind: 'organ', title: o.name.en }, summary);
      await recordEvent(trx, { actor, action: 'organ.dormant_alert', subjectType: 'organ', subjectId: o.organ, after: { due: o.due, last: o.last, chair: chair?.state_iso2 ?? null } });
      sent.push({ organ: o.organ, due: o.due! });
    });
  }
  return sent;
}
