/**
 * Deadline alerts for measures: once when a deadline is less than ALERT_DAYS away and the measure
 * is not done, once when it has passed and the measure is overdue. They reach the responsible
 * states' national coordinators (inbox) and subscribed webhooks.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { addDays } from '../documents/entry-into-force.ts';
import { notifyStates } from '../decisions/notices.ts';
import { computePlan, type MeasureInput, type ReportClaim } from './progress-rules.ts';

export const ALERT_DAYS = 30;

export async function alertMeasureDeadlines(db: Kysely<DB>, today = new Date().toISOString().slice(0, 10)): Promise<number> {
  const due = await db
    .selectFrom('measure')
    .select(['id', 'plan_id'])
    .where('deadline', 'is not', null)
    .where('deadline', '<=', addDays(today, ALERT_DAYS))
    .where('dropped', '=', false)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('measure_alert').select('measure_id').whereRef('measure_alert.measure_id', '=', 'measure.id').where('measure_alert.kind', '=', 'overdue'))))
    .execute();
  if (due.length === 0) return 0;
  const planIds = [...new Set(due.map((d) => d.plan_id))];
  const measures = await db.selectFrom('measure').selectAll().where('plan_id', 'in', planIds).execute();
  const reports = await db.selectFrom('measure_report').innerJoin('measure', 'measure.id', 'measure_report.measure_id').selectAll('measure_report').where('measure.plan_id', 'in', planIds).execute();
  const sent = new Set((await db.selectFrom('measure_alert').select(['measure_id', 'kind']).where('measure_id', 'in', due.map((d) => d.id)).execute()).map((a) => `${a.measure_id}:${a.kind}`));
  const inputs: MeasureInput[] = measures.map((m) => ({ id: m.id, parent: m.parent_id, weight: Number(m.weight), start: m.start_date, deadline: m.deadline, dropped: m.dropped, responsible: m.responsible_states, indicator: m.baseline !== null && m.target !== null ? { baseline: Number(m.baseline), target: Number(m.target) } : null }));
  const computed = computePlan(inputs, reports.map((r) => ({ measure: r.measure_id, state: r.state_iso2, value: r.value === null ? null : Number(r.value), claim: r.claim as ReportClaim, date: r.report_date, returned: r.review === 'returned' })), today);
  let alerts = 0;
  for (const { id } of due) {
    const m = measures.find((x) => x.id === id)!;
    const status = computed.get(id)!.status;
    const kind = status === 'overdue' ? 'overdue' : status === 'done' || status === 'dropped' ? null : 'approaching';
    if (!kind || sent.has(`${id}:${kind}`)) continue;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('measure_alert').values({ measure_id: id, kind, sent_at: new Date().toISOString() }).execute();
      const summary = kind === 'overdue' ? `Measure ${m.code} "${m.title}" is overdue (deadline ${m.deadline})` : `The deadline of measure ${m.code} "${m.title}" is ${m.deadline}`;
      await notifyStates(trx, m.responsible_states, kind === 'overdue' ? 'measure_overdue' : 'measure_deadline_approaching', m, summary);
    });
    alerts++;
  }
  return alerts;
}
