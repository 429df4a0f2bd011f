import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { CSV, readXlsx, writeXlsx, XLSX } from '../../http/tabular.ts';
import { MEASURE_COLUMNS } from './plan-import.ts';
import { alertMeasureDeadlines } from './measure-alerts.ts';
import { addDays } from '../documents/entry-into-force.ts';

const as = new Map<string, SignedIn>();
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'kz@example.org', [{ role: 'national_coordinator', state: 'KZ' }]);
  await userWithRoles(db, 'uz@example.org', [{ role: 'national_coordinator', state: 'UZ' }]);
  for (const who of ['officer', 'kz', 'uz']) as.set(who, await signInAs(server, `${who}@${who === 'officer' ? 'sectsco.org' : 'example.org'}`));
});

async function call(who: string | null, method: 'GET' | 'POST', url: string, payload?: object | string | Buffer, contentType?: string) {
  const headers: Record<string, string> = { ...(who ? as.get(who)!.headers(method !== 'GET') : {}), ...(contentType ? { 'content-type': contentType } : {}) };
  const res = await app().inject({ method, url, headers, payload });
  const type = String(res.headers['content-type'] ?? '');
  return { status: res.statusCode, body: type.includes('json') ? res.json() : res.body, raw: res.rawPayload };
}

const MEASURES = `code,parent_code,title,responsible_states,start_date,deadline,indicator_unit,baseline,target,weight
1,,Transport corridors,KZ UZ,2023-01-01,2026-12-31,,,,2
1.1,1,Open a new rail border crossing,KZ UZ,2023-01-01,2025-06-30,crossings,0,1,1
1.2,1,Harmonise transit documents,KZ UZ,2023-01-01,2030-12-31,%,0,100,1
2,,Trade in national currencies,KZ,2023-01-01,2030-12-31,%,10,50,1
`;

test('the reference plans are listed publicly, without invented measures', async () => {
  const plans = (await call(null, 'GET', '/api/v1/plans')).body.items;
  const trade = plans.find((p: { id: string }) => p.id === 'trade-economic-2021-2025');
  assert.ok(trade);
  assert.equal(trade.measures, 0);
  assert.match(trade.note, /no publicly sourced measures/);
});

test('importing measures is all or nothing, with every bad row named', async () => {
  assert.equal((await call('officer', 'POST', '/api/v1/plans', { id: 'corridors-2023-2030', title_en: 'Corridors plan', pillar: 'economy', period_start: '2023-01-01', period_end: '2030-12-31' })).status, 201);
  const bad = MEASURES.replace('1.1,1,', '1.1,9,').replace(',KZ,2023', ',XX,2023').replace('2030-12-31,%,0,100', '2030-13-31,%,0,100');
  const refused = await call('officer', 'POST', '/api/v1/plans/corridors-2023-2030/measures', bad, CSV);
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body.errors.map((e: { field: string }) => e.field), ['line 3', 'line 4', 'line 5']);
  assert.match(refused.body.detail, /nothing was written/);
  assert.equal((await call('officer', 'GET', '/api/v1/plans/corridors-2023-2030')).body.measures.length, 0);
  assert.equal((await call('kz', 'POST', '/api/v1/plans/corridors-2023-2030/measures', MEASURES, CSV)).status, 403, 'only the Secretariat imports');
  const ok = await call('officer', 'POST', '/api/v1/plans/corridors-2023-2030/measures', MEASURES, CSV);
  assert.deepEqual(ok.body, { inserted: 4, updated: 0 });
  const cycle = await call('officer', 'POST', '/api/v1/plans/corridors-2023-2030/measures', 'code,parent_code,title,responsible_states\nA,B,a,KZ\nB,A,b,KZ\n', CSV);
  assert.match(cycle.body.detail, /cycle/);
});

test('XLSX exports and imports round-trip', async () => {
  const exported = await call('officer', 'GET', '/api/v1/plans/corridors-2023-2030/measures.xlsx');
  assert.equal(exported.status, 200);
  const rows = await readXlsx(exported.raw);
  assert.deepEqual(rows.map((r) => r.cells.code), ['1', '1.1', '1.2', '2']);
  const edited = await writeXlsx([...MEASURE_COLUMNS], rows.map((r) => ({ ...r.cells, title: r.cells.code === '2' ? 'Trade settled in national currencies' : r.cells.title })));
  assert.deepEqual((await call('officer', 'POST', '/api/v1/plans/corridors-2023-2030/measures', edited, XLSX)).body, { inserted: 0, updated: 4 });
  const csv = (await call(null, 'GET', '/api/v1/plans/corridors-2023-2030/measures.csv')).body as string;
  assert.match(csv, /^code,parent_code,title/);
  assert.match(csv, /Trade settled in national currencies/);
});

test('two states report, the Secretariat returns one, and the computed rates follow', async () => {
  const plan = (await call('kz', 'GET', '/api/v1/plans/corridors-2023-2030')).body;
  const id = (code: string) => plan.measures.find((m: { code: string }) => m.code === code).id;
  assert.deepEqual(plan.measures.find((m: { code: string }) => m.code === '1.1').can_report, ['KZ']);
  const url = (code: string) => `/api/v1/plans/corridors-2023-2030/measures/${id(code)}/reports`;
  assert.equal((await call('uz', 'POST', url('2'), { state: 'UZ', claim: 'in_progress', value: 20 })).status, 403, 'UZ is not responsible for measure 2');
  assert.equal((await call('uz', 'POST', url('1.1'), { state: 'KZ', claim: 'done' })).status, 403, 'UZ cannot report for KZ');
  assert.equal((await call('kz', 'POST', url('1.1'), { state: 'KZ', claim: 'done', narrative: 'Crossing opened', date: '2025-05-01' })).status, 201);
  assert.equal((await call('uz', 'POST', url('1.1'), { state: 'UZ', claim: 'done', date: '2025-06-01' })).status, 201);
  const kzTrade = await call('kz', 'POST', url('2'), { state: 'KZ', claim: 'in_progress', value: 30, narrative: 'Half of bilateral trade settled in tenge and sum' });
  assert.equal(kzTrade.status, 201);
  const after = (await call(null, 'GET', '/api/v1/plans/corridors-2023-2030')).body;
  const m = (code: string) => after.measures.find((x: { code: string }) => x.code === code);
  assert.equal(m('1.1').status, 'done');
  assert.equal(m('2').progress, 0.5);
  assert.deepEqual(m('2').reports, [], 'the public sees statuses, not the reports');
  assert.ok(!JSON.stringify((await call('uz', 'GET', '/api/v1/plans/corridors-2023-2030')).body).includes('tenge'), 'UZ does not see KZ\'s narrative');
  const byState = (await call(null, 'GET', '/api/v1/implementation/rates?by=state')).body.items;
  const kzBefore = byState.find((r: { key: string }) => r.key === 'KZ').rate;
  const trend = (await call(null, 'GET', '/api/v1/implementation/trend')).body.items;
  assert.equal(trend[0].date, '2025-06-30', 'from the quarter of the first report');
  assert.ok(trend.every((p: { date: string }, i: number) => i === 0 || p.date > trend[i - 1].date));
  assert.ok(trend.at(-1).rate > trend[0].rate, 'the rate grew as reports came in');
  assert.equal((await call('kz', 'POST', `/api/v1/reports/${kzTrade.body.id}/return`, { note: 'Which source?' })).status, 403);
  assert.equal((await call('officer', 'POST', `/api/v1/reports/${kzTrade.body.id}/return`, { note: 'Which source?' })).status, 204);
  const kzAfter = (await call(null, 'GET', '/api/v1/implementation/rates?by=state')).body.items.find((r: { key: string }) => r.key === 'KZ').rate;
  assert.ok(kzAfter < kzBefore, `a returned report no longer counts (${kzBefore} → ${kzAfter})`);
  const kzView = (await call('kz', 'GET', '/api/v1/plans/corridors-2023-2030')).body.measures.find((x: { code: string }) => x.code === '2').reports;
  assert.deepEqual(kzView.map((r: { version: number; review: string }) => [r.version, r.review]), [[1, 'returned']]);
  assert.equal((await call('kz', 'POST', url('2'), { state: 'KZ', claim: 'in_progress', value: 30, date: '2999-01-01' })).status, 400, 'not dated in the future');
  const pillar = (await call(null, 'GET', '/api/v1/implementation/rates?by=pillar')).body.items;
  assert.ok(pillar.some((r: { key: string }) => r.key === 'economy'));
});

test('a batch of reports is checked row by row and written whole or not at all', async () => {
  const batch = 'measure_code,state,claim,value,date\n1.2,KZ,in_progress,40,2025-01-01\n1.2,UZ,in_progress,60,2025-01-01\n9,KZ,done,,2025-01-01\n';
  const refused = await call('kz', 'POST', '/api/v1/plans/corridors-2023-2030/reports', batch, CSV);
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body.errors.map((e: { field: string; message: string }) => `${e.field}: ${e.message}`), ['line 3: you may not report for UZ on measure 1.2', 'line 4: column "measure_code": no measure "9" in plan corridors-2023-2030']);
  const ok = await call('kz', 'POST', '/api/v1/plans/corridors-2023-2030/reports', batch.split('\n').slice(0, 2).join('\n'), CSV);
  assert.deepEqual(ok.body, { inserted: 1 });
});

test('a plan that is not public is invisible to the public', async () => {
  await call('officer', 'POST', '/api/v1/plans', { id: 'internal-plan', title_en: 'Internal', pillar: 'security', public: false });
  assert.equal((await call(null, 'GET', '/api/v1/plans/internal-plan')).status, 404);
  assert.ok(!(await call(null, 'GET', '/api/v1/plans')).body.items.some((p: { id: string }) => p.id === 'internal-plan'));
  assert.equal((await call('kz', 'GET', '/api/v1/plans/internal-plan')).status, 200);
});

test('approaching and passed deadlines alert the responsible states once', async () => {
  const today = new Date().toISOString().slice(0, 10);
  await call('officer', 'POST', '/api/v1/plans', { id: 'deadlines', title_en: 'Deadlines', pillar: 'culture' });
  const csv = `code,title,responsible_states,start_date,deadline\nsoon,Festival of culture,KZ,2024-01-01,${addDays(today, 10)}\nlate,Joint exhibition,KZ UZ,2024-01-01,${addDays(today, -10)}\nlater,Film week,UZ,2024-01-01,${addDays(today, 300)}\n`;
  assert.equal((await call('officer', 'POST', '/api/v1/plans/deadlines/measures', csv, CSV)).status, 200);
  // Other tests' plans may have deadlines near today too: count this plan's alerts.
  const alertsHere = async () => (await database().db.selectFrom('measure_alert').innerJoin('measure', 'measure.id', 'measure_alert.measure_id').select(['measure.code', 'measure_alert.kind']).where('measure.plan_id', '=', 'deadlines').orderBy('measure.code').execute()).map((a) => `${a.code}:${a.kind}`);
  await alertMeasureDeadlines(database().db, today);
  assert.deepEqual(await alertsHere(), ['late:overdue', 'soon:approaching']);
  assert.equal(await alertMeasureDeadlines(database().db, today), 0, 'each alert once');
  assert.deepEqual(await alertsHere(), ['late:overdue', 'soon:approaching']);
  const kz = (await call('kz', 'GET', '/api/v1/inbox')).body.items.map((n: { event: string }) => n.event).sort();
  assert.deepEqual(kz, ['measure_deadline_approaching', 'measure_overdue']);
  const uz = (await call('uz', 'GET', '/api/v1/inbox')).body.items.map((n: { event: string }) => n.event);
  assert.deepEqual(uz, ['measure_overdue']);
});

test('the review for a meeting shows where the public plans stood on its date', async () => {
  const review = (await call(null, 'GET', '/api/v1/implementation/review?meeting=CHG-24')).body;
  assert.equal(review.as_of, '2025-11-17');
  assert.ok(review.plans.some((p: { id: string }) => p.id === 'corridors-2023-2030'));
  assert.ok(!review.plans.some((p: { id: string }) => p.id === 'internal-plan'), 'a review is public: no internal plans');
  assert.ok(review.overdue.some((o: { code: string }) => o.code === '1.1') === false, 'measure 1.1 was done by then');
  assert.ok(review.by_state.some((r: { key: string }) => r.key === 'KZ'));
  assert.equal((await call(null, 'GET', '/api/v1/implementation/review?meeting=NOPE')).status, 404);
});
