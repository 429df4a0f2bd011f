/**
 * `rates` reads only the latest counting report per measure and state, from a read model kept by
 * triggers (docs/decisions/0014, 0020); its figures must equal the rules run over every report. Generated plans with reports that
 * must not count (returned, dated after the day asked, by a state not responsible) and reports that
 * tie on date (the higher version counts).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { rates, returnReport, submitReport } from './implementation.service.ts';
import { importReports } from './plan-import.ts';
import { today } from '../../http/common-schemas.ts';
import { implementationRate, type MeasureInput, type ReportClaim, type ReportInput } from './progress-rules.ts';
import { ANONYMOUS, type Actor } from '../../policies/actor.ts';

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

/** The read model equals the latest counting report of each pair ranked afresh from every report. */
async function assertReadModelFresh(what: string) {
  const db = database.db;
  const kept = await db.selectFrom('measure_latest_report').selectAll().orderBy('measure_id').orderBy('state_iso2').execute();
  const ranked = await db.selectFrom('measure_report').distinctOn(['measure_id', 'state_iso2'])
    .select(['measure_id', 'state_iso2', 'id as report_id', 'version', 'value', 'claim', 'report_date'])
    .where('review', '<>', 'returned').orderBy('measure_id').orderBy('state_iso2').orderBy('report_date', 'desc').orderBy('version', 'desc').execute();
  assert.ok(ranked.length > 0);
  assert.deepEqual(kept, ranked, `read model after ${what}`);
}

async function assertRatesEqualRules(what: string) {
  for (const at of ['2024-03-01', '2024-09-15', '2025-01-01', today()]) {
    for (const by of ['plan', 'state'] as const) assert.deepEqual(await rates(database.db, ANONYMOUS, by, at), await reference(by, at), `${by} on ${at} after ${what}`);
  }
  assert.deepEqual(await rates(database.db, ANONYMOUS, 'plan'), await reference('plan', today()), `plan, today by default, after ${what}`);
}

const STATES = ['KZ', 'UZ', 'KG', 'TJ', 'RU', 'CN'];
const coordinator: Actor = { kind: 'user', userId: 't', email: 't@example.org', displayName: 't', via: 'session', scopes: null, roles: [{ role: 'secretariat_officer', state: null, organ: null }, ...STATES.map((state) => ({ role: 'national_coordinator' as const, state, organ: null }))] };

/** The counting report of a pair that the read model holds now. */
const latestOf = (measure: string, state: string) => database.db.selectFrom('measure_latest_report').selectAll().where('measure_id', '=', measure).where('state_iso2', '=', state).executeTakeFirst();

test('reports filed, corrected, returned and imported keep the read model and the rates exact', async () => {
  const db = database.db;
  await assertReadModelFresh('the generated reports (one insert)');
  const measure = await db.selectFrom('measure').selectAll().where('id', '=', 'm1_4').executeTakeFirstOrThrow();
  const state = measure.responsible_states[0]!;
  const before = (await latestOf(measure.id, state))!;
  // A late report: filed now, dated before the latest; it does not become the latest.
  await submitReport(db, coordinator, 'p1', measure.id, { state, value: 55, claim: 'in_progress', date: '2024-02-02' });
  assert.equal((await latestOf(measure.id, state))!.report_id, before.report_id);
  await assertReadModelFresh('a late report');
  // A correction: the same date as the latest, a higher version; it counts instead.
  const correction = await submitReport(db, coordinator, 'p1', measure.id, { state, value: 33, claim: 'at_risk', date: before.report_date });
  assert.equal((await latestOf(measure.id, state))!.report_id, correction.id);
  await assertRatesEqualRules('a correction');
  // Returning the latest falls back to the one before; returning every report leaves no row.
  await returnReport(db, coordinator, correction.id, 'check the figure');
  assert.equal((await latestOf(measure.id, state))!.report_id, before.report_id);
  await assertRatesEqualRules('a return of the latest report');
  for (const r of await db.selectFrom('measure_report').select('id').where('measure_id', '=', measure.id).where('state_iso2', '=', state).where('review', '<>', 'returned').execute()) await returnReport(db, coordinator, r.id, 'all of them');
  assert.equal(await latestOf(measure.id, state), undefined);
  await assertReadModelFresh('every report of a pair returned');
  // A report today on a measure nobody reported on yet, and a spreadsheet import over several
  // measures and plans, in no particular order, with dates before and after the current latest.
  await submitReport(db, coordinator, 'p2', 'm2_2', { state: (await db.selectFrom('measure').select('responsible_states').where('id', '=', 'm2_2').executeTakeFirstOrThrow()).responsible_states[1]!, value: 20, claim: 'in_progress' });
  const imported: { measure: string; state: string; date: string }[] = [];
  for (const [plan, codes] of [['p2', ['9', '6', '12', '4']], ['p3', ['7', '11']]] as const) {
    const rows = [];
    for (const [i, code] of codes.entries()) {
      const m = await db.selectFrom('measure').select(['id', 'responsible_states']).where('plan_id', '=', plan).where('code', '=', code).executeTakeFirstOrThrow();
      const date = i % 2 === 0 ? '2024-04-20' : '2025-03-03';
      rows.push({ line: i + 2, cells: { measure_code: code, state: m.responsible_states[i % 2]!.toLowerCase(), value: String(10 + i * 7), claim: 'in_progress', date } });
      imported.push({ measure: m.id, state: m.responsible_states[i % 2]!, date });
    }
    await importReports(db, coordinator, plan, rows);
  }
  const after = await Promise.all(imported.map((r) => latestOf(r.measure, r.state)));
  assert.ok(after.some((l, i) => l!.report_date === imported[i]!.date) && after.some((l, i) => l!.report_date !== imported[i]!.date), 'some imported reports became the latest and some did not');
  await assertReadModelFresh('spreadsheet imports');
  await assertRatesEqualRules('spreadsheet imports');
  // A counting report deleted by hand (no command deletes one): the one before it counts.
  const deleted = (await db.selectFrom('measure_latest_report').select('report_id').where('measure_id', '=', 'm1_5').executeTakeFirstOrThrow()).report_id;
  await db.deleteFrom('measure_report').where('id', '=', deleted).execute();
  assert.notEqual((await db.selectFrom('measure_latest_report').select('report_id').where('measure_id', '=', 'm1_5').execute()).map((r) => r.report_id).includes(deleted), true);
  await assertReadModelFresh('a report deleted');
});

/** Resolves once a statement of another session waits for a lock (PostgreSQL only). */
async function someoneWaitsForALock() {
  for (let i = 0; i < 500; i++) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
    if (rows[0]!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no session waited for a lock');
}

test('two writers on one measure at once: the one that waited sees what the other committed', { skip: !process.env.TEST_POSTGRES_URL && 'PGlite runs one transaction at a time' }, async () => {
  const db = database.db;
  const measure = await db.selectFrom('measure').select(['id', 'responsible_states']).where('id', '=', 'm4_6').executeTakeFirstOrThrow();
  const state = measure.responsible_states[1]!;
  const report = (id: string, version: number, date: string) => ({ id, measure_id: measure.id, state_iso2: state, version, value: 40, claim: 'in_progress', report_date: date, submitted_by: 't', submitted_at: new Date().toISOString(), evidence: [], review: 'submitted' as const });
  const top = await db.selectFrom('measure_report').select((eb) => eb.fn.max('version').as('v')).where('measure_id', '=', measure.id).where('state_iso2', '=', state).executeTakeFirstOrThrow();
  const v = Number(top.v ?? 0);
  // 1. A newer report, uncommitted, while an older one (filed late) is written by SQL without the
  //    service's lock: the older one's trigger waits, then must keep the newer as the latest.
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  let inserted!: () => void;
  const first = new Promise<void>((r) => { inserted = r; });
  const newer = db.transaction().execute(async (trx) => {
    await trx.insertInto('measure_report').values(report('race_newer', v + 1, '2025-11-01')).execute();
    inserted();
    await held;
  });
  await first;
  const older = db.insertInto('measure_report').values(report('race_older', v + 2, '2025-10-01')).execute();
  await someoneWaitsForALock();
  release();
  await Promise.all([newer, older]);
  assert.equal((await latestOf(measure.id, state))!.report_id, 'race_newer');
  await assertReadModelFresh('a late report racing a newer one');
  // 2. The latest returned, uncommitted, while another report (older than it) is filed: once the
  //    return commits, the other report is the latest.
  let release2!: () => void;
  const held2 = new Promise<void>((r) => { release2 = r; });
  let returned!: () => void;
  const first2 = new Promise<void>((r) => { returned = r; });
  const returning = db.transaction().execute(async (trx) => {
    await trx.updateTable('measure_report').set({ review: 'returned' }).where('id', '=', 'race_newer').execute();
    returned();
    await held2;
  });
  await first2;
  const filing = db.insertInto('measure_report').values(report('race_filed', v + 3, '2025-10-15')).execute();
  await someoneWaitsForALock();
  release2();
  await Promise.all([returning, filing]);
  assert.equal((await latestOf(measure.id, state))!.report_id, 'race_filed');
  await assertReadModelFresh('a return racing a filing');
  // 3. Many filings through the service and imports at once, on the same measures.
  const targets = await db.selectFrom('measure').select(['id', 'plan_id', 'code', 'responsible_states']).where('plan_id', '=', 'p4').where('code', 'in', ['4', '6', '7', '8']).execute();
  const writes = [];
  for (let i = 0; i < 12; i++) {
    const m = targets[i % targets.length]!;
    const date = `2025-0${1 + (i % 9)}-1${i % 10}`;
    writes.push(i % 3 === 0
      ? importReports(db, coordinator, 'p4', [...targets].reverse().map((t, j) => ({ line: j + 2, cells: { measure_code: t.code, state: t.responsible_states[0]!, value: String(i + j), claim: 'in_progress', date } })))
      : submitReport(db, coordinator, 'p4', m.id, { state: m.responsible_states[i % 2]!, value: i, claim: 'in_progress', date }));
  }
  await Promise.all(writes);
  await assertReadModelFresh('concurrent filings and imports');
  await assertRatesEqualRules('concurrent filings and imports');
});
