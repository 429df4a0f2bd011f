/**
 * `rates` reads only the latest counting report per measure and state (docs/decisions/0014); its
 * figures must equal the rules run over every report, as before. Generated plans with reports that
 * must not count (returned, dated after the day asked, by a state not responsible) and reports that
 * tie on date (the higher version counts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { rates } from './implementation.service.ts';
import { implementationRate, type MeasureInput, type ReportClaim, type ReportInput } from './progress-rules.ts';
import { ANONYMOUS } from '../../policies/actor.ts';

let database: TestDatabase;
before(async () => {
  database = await openTestDatabase();
  const db = database.db;
  await sql`insert into app_user (id, email, display_name, created_at) values ('t', 't@example.org', 't', now())`.execute(db);
  await sql`insert into action_plan (id, title_en, pillar, public, confidence, origin)
            select 'p' || i, 'Plan ' || i, (array['security','economy','culture'])[1 + i % 3], i <> 3, 'confirmed', 'demo' from generate_series(1, 4) i`.execute(db);
  // Measures 1-3 of each plan are parents of 4-9; 10-12 are top-level leaves; some dropped.
  await sql`insert into measure (id, plan_id, parent_id, code, title, responsible_states, responsible_organs, start_date, deadline, baseline, target, weight, dropped)
            select 'm' || p || '_' || m, 'p' || p, case when m between 4 and 9 then 'm' || p || '_' || (1 + m % 3) end, m::text, 'Measure ' || m,
                   array[(array['KZ','UZ','KG','TJ','RU','CN'])[1 + m % 6], (array['KZ','UZ','KG','TJ','RU','CN'])[1 + (m + 2) % 6]],
                   array[(array['CHS','CFM'])[1 + m % 2]],
                   date '2023-01-01', date '2025-06-01' + m * 40, case when m % 5 = 0 then null else 10 end, case when m % 5 = 0 then null else 60 end,
                   1 + m % 3, m = 11
            from generate_series(1, 4) p, generate_series(1, 12) m`.execute(db);
  // Reports by both responsible states and one that is not, some returned, some after the day
  // asked, two by one state on one date (r = 4j and 4j + 1: the higher version counts).
  await sql`insert into measure_report (id, measure_id, state_iso2, version, value, claim, report_date, submitted_by, submitted_at, review)
            select 'r' || p || '_' || m || '_' || r, 'm' || p || '_' || m,
                   (array['KZ','UZ','KG','TJ','RU','CN'])[1 + (m + ((r / 2) % 3) * 2 + (r % 4) / 3) % 6], r,
                   (p * 7 + m * 13 + r * 17) % 80, (array['in_progress','at_risk','done','in_progress','in_progress'])[1 + (p + m + r) % 5],
                   date '2024-01-01' + (r / 2) * 45, 't', now(), case when (p + m + r) % 7 = 0 then 'returned' else 'submitted' end
            from generate_series(1, 4) p, generate_series(4, 12) m, generate_series(1, 14) r`.execute(db);
});
after(async () => { await database.dispose(); });

/** The rules over every report of the readable plans: what `rates` computed before. */
async function reference(by: 'plan' | 'pillar' | 'year' | 'state' | 'organ', at: string) {
  const db = database.db;
  const plans = (await db.selectFrom('action_plan').selectAll().execute()).filter((p) => p.public);
  const ids = plans.map((p) => p.id);
  const measures = await db.selectFrom('measure').selectAll().where('plan_id', 'in', ids).orderBy('code').execute();
  const reports: ReportInput[] = (await db.selectFrom('measure_report').innerJoin('measure', 'measure.id', 'measure_report.measure_id').selectAll('measure_report')
    .where('measure.plan_id', 'in', ids).orderBy('measure_report.report_date').orderBy('measure_report.version').execute())
    .map((r) => ({ measure: r.measure_id, state: r.state_iso2, value: r.value === null ? null : Number(r.value), claim: r.claim as ReportClaim, date: r.report_date, returned: r.review === 'returned' }));
  const parents = new Set(measures.map((m) => m.parent_id));
  const leaves = measures.filter((m) => !parents.has(m.id));
  const pillar = new Map(plans.map((p) => [p.id, p.pillar]));
  const groups = new Map<string, typeof leaves>();
  const add = (k: string, m: (typeof leaves)[number]) => groups.set(k, [...(groups.get(k) ?? []), m]);
  for (const m of leaves) {
    if (by === 'plan') add(m.plan_id, m);
    if (by === 'pillar') add(pillar.get(m.plan_id)!, m);
    if (by === 'year' && m.deadline) add(m.deadline.slice(0, 4), m);
    if (by === 'state') for (const s of m.responsible_states) add(s, m);
    if (by === 'organ') for (const o of m.responsible_organs) add(o, m);
  }
  const asMeasure = (m: (typeof leaves)[number]): MeasureInput => ({ id: m.id, parent: m.parent_id, weight: Number(m.weight), start: m.start_date, deadline: m.deadline, dropped: m.dropped, responsible: m.responsible_states, indicator: m.baseline !== null && m.target !== null ? { baseline: Number(m.baseline), target: Number(m.target) } : null });
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))
    .map(([key, ms]) => ({ key, measures: ms.length, rate: implementationRate(ms.map(asMeasure), reports, at, by === 'state' ? key : undefined) }));
}

test('rates equal the rules over every report, for every dimension and several days', async () => {
  let compared = 0;
  for (const at of ['2023-12-31', '2024-03-01', '2024-06-14', '2025-01-01', '2026-01-01']) {
    for (const by of ['plan', 'pillar', 'year', 'state', 'organ'] as const) {
      const expected = await reference(by, at);
      assert.deepEqual(await rates(database.db, ANONYMOUS, by, at), expected, `${by} on ${at}`);
      compared += expected.length;
    }
  }
  assert.ok(compared > 50, `compared ${compared} figures`);
  // With every plan readable (the plans' filter then selects everything).
  await sql`update action_plan set public = true`.execute(database.db);
  for (const by of ['plan', 'state'] as const) assert.deepEqual(await rates(database.db, ANONYMOUS, by, '2024-06-14'), await reference(by, '2024-06-14'), `${by}, every plan public`);
  // The data exercise what must not count: returned reports and later ones exist.
  const [{ returned }] = (await sql<{ returned: number }>`select count(*)::int as returned from measure_report where review = 'returned'`.execute(database.db)).rows as [{ returned: number }];
  assert.ok(returned > 10);
});
