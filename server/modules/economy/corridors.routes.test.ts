import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp, getJson } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { settleAuditLog } from '../../audit/audit-chainer.ts';

const users = new Map<string, SignedIn>();
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'kg@example.org', [{ role: 'competent_authority', state: 'KG' }]);
  await userWithRoles(db, 'cn@example.org', [{ role: 'national_coordinator', state: 'CN' }]);
  await userWithRoles(db, 'kz@example.org', [{ role: 'competent_authority', state: 'KZ' }]);
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  for (const who of ['kg', 'cn', 'kz', 'officer']) users.set(who, await signInAs(server, `${who}@example.org`));
});

const post = (who: string | null, url: string, payload: unknown, contentType?: string) =>
  app().inject({ method: 'POST', url, headers: { ...(who ? users.get(who)!.headers(true) : {}), ...(contentType ? { 'content-type': contentType } : {}) }, payload: payload as string });

test('the seeds\' corridors are loaded with their segments, and what no source reports stays null', async () => {
  const list = await getJson(app(), '/api/v1/economy/corridors?per_page=200');
  const ids = list.items.map((c: { id: string }) => c.id);
  for (const id of ['instc', 'chabahar', 'carec', 'tapi', 'casa-1000', 'china-kyrgyzstan-uzbekistan-railway', 'central-asia-china-gas-pipeline', 'kazakhstan-china-oil-pipeline']) assert.ok(ids.includes(id), id);
  const oil = list.items.find((c: { id: string }) => c.id === 'kazakhstan-china-oil-pipeline');
  assert.deepEqual(oil.segments[0].capacity, { value: 20, unit: 'million tonnes a year' });
  assert.ok(oil.source.includes('seed:004_d722eeada4c2b7ef.txt'));
  const cku = await getJson(app(), '/api/v1/economy/corridors/china-kyrgyzstan-uzbekistan-railway');
  assert.deepEqual(cku.segments.map((s: { from: string; to: string }) => `${s.from}>${s.to}`), ['kashgar>torugart', 'torugart>jalal-abad', 'jalal-abad>andijan']);
  assert.deepEqual(cku.segments.map((s: { capacity: unknown; transit_hours: unknown }) => [s.capacity, s.transit_hours]), [[null, null], [null, null], [null, null]]);
  assert.deepEqual(cku.crossings.map((c: { place: string }) => c.place), ['torugart']);
  assert.equal(cku.computed.end_to_end.hours, null);
  assert.deepEqual(cku.reportable, []);
  const torugart = cku.places.find((p: { id: string }) => p.id === 'torugart');
  assert.ok(torugart.coordinates.source.length > 0);
});

test('a state reports its own side of a crossing; the corridor then shows the time and the slowest crossing', async () => {
  let r = await post('kg', '/api/v1/economy/crossing-times', { place: 'torugart', state: 'KG', observed_on: '2025-03-31', hours: 30, source: 'KG customs, Q1 2025' });
  assert.equal(r.statusCode, 201, r.body);
  const cku = await getJson(app(), '/api/v1/economy/corridors/china-kyrgyzstan-uzbekistan-railway?at=2025-06-30');
  assert.deepEqual(cku.computed.crossings[0].sides, [{ state: 'CN', hours: null, observed_on: null }, { state: 'KG', hours: 30, observed_on: '2025-03-31' }]);
  assert.equal(cku.computed.crossings[0].hours, null, 'one side is not a crossing time');
  r = await post('cn', '/api/v1/economy/crossing-times', { place: 'torugart', state: 'CN', observed_on: '2025-03-31', hours: 12 });
  assert.equal(r.statusCode, 201, r.body);
  const after = await getJson(app(), '/api/v1/economy/corridors/china-kyrgyzstan-uzbekistan-railway?at=2025-06-30');
  assert.deepEqual(after.computed.slowest, { place: 'torugart', hours: 42 });
  assert.deepEqual(after.timeline.map((t: { at: string; slowest: unknown }) => [t.at, t.slowest]), [['2025-03-31', { place: 'torugart', hours: 42 }]]);
  // The same day again replaces the report, and the audit keeps the old one.
  r = await post('kg', '/api/v1/economy/crossing-times', { place: 'torugart', state: 'KG', observed_on: '2025-03-31', hours: 24 });
  assert.equal(r.json().replaced, 1);
  await settleAuditLog(database().db);
  const events = await database().db.selectFrom('audit_event').select(['action', 'before']).where('subject_type', '=', 'economy_crossing_time').orderBy('seq').execute();
  assert.deepEqual(events.map((e) => e.action), ['crossing.report', 'crossing.report', 'crossing.report']);
  assert.equal((events[2]!.before as { replaced: { hours: number }[] }).replaced[0]!.hours, 30);
  const csv = await app().inject({ url: '/api/v1/economy/crossing-times.csv?place=torugart' });
  assert.match(csv.body, /torugart,CN,2025-03-31,12/);
  assert.match(csv.body, /torugart,KG,2025-03-31,24/);
});

test('reports are refused for another state, by the Secretariat, anonymously, and at a place that is no crossing', async () => {
  assert.equal((await post('kg', '/api/v1/economy/crossing-times', { place: 'torugart', state: 'CN', observed_on: '2025-03-31', hours: 1 })).statusCode, 403);
  assert.equal((await post('officer', '/api/v1/economy/crossing-times', { place: 'torugart', state: 'KG', observed_on: '2025-03-31', hours: 1 })).statusCode, 403);
  assert.equal((await post(null, '/api/v1/economy/crossing-times', { place: 'torugart', state: 'KG', observed_on: '2025-03-31', hours: 1 })).statusCode, 401);
  const kz = await post('kz', '/api/v1/economy/crossing-times', { place: 'torugart', state: 'KZ', observed_on: '2025-03-31', hours: 1 });
  assert.equal(kz.statusCode, 400);
  assert.equal(kz.json().errors[0].field, 'state');
  const city = await post('kg', '/api/v1/economy/crossing-times', { place: 'jalal-abad', state: 'KG', observed_on: '2025-03-31', hours: 1 });
  assert.equal(city.statusCode, 400);
  assert.equal(city.json().errors[0].field, 'place');
  const future = await post('kg', '/api/v1/economy/crossing-times', { place: 'torugart', state: 'KG', observed_on: '2999-01-01', hours: 1 });
  assert.equal(future.statusCode, 400);
});

test('a CSV import stores every row or none; a row for another state refuses the file', async () => {
  const bad = await post('kz', '/api/v1/economy/crossing-times/import', 'place,state,observed_on,hours\nkhorgos,KZ,2025-06-30,10\nkhorgos,CN,2025-06-30,5\n', 'text/csv');
  assert.equal(bad.statusCode, 400);
  assert.deepEqual(bad.json().errors.map((e: { field: string }) => e.field), ['line 3']);
  assert.equal((await getJson(app(), '/api/v1/economy/crossing-times?place=khorgos')).total, 0);
  const good = await post('kz', '/api/v1/economy/crossing-times/import?file_name=q2.csv', 'place,state,observed_on,hours,source\nkhorgos,KZ,2025-06-30,10,KZ SRC\nalashankou,KZ,2025-06-30,7.5,\n', 'text/csv');
  assert.equal(good.statusCode, 201, good.body);
  assert.equal(good.json().stored, 2);
  assert.equal((await getJson(app(), '/api/v1/economy/crossing-times?place=khorgos')).total, 1);
  assert.equal((await post('officer', '/api/v1/economy/crossing-times/import', 'place,state,observed_on,hours\nkhorgos,KZ,2025-06-30,10\n', 'text/csv')).statusCode, 403);
});

test('every corridor table exports as CSV and XLSX', async () => {
  for (const path of ['/api/v1/economy/corridors', '/api/v1/economy/corridor-segments', '/api/v1/economy/places', '/api/v1/economy/crossing-times']) {
    const csv = await app().inject({ url: `${path}.csv` });
    assert.equal(csv.statusCode, 200, path);
    const xlsx = await app().inject({ url: `${path}.xlsx` });
    assert.equal(xlsx.statusCode, 200, path);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK', path);
  }
  const segments = await app().inject({ url: '/api/v1/economy/corridor-segments.csv?kind=energy' });
  assert.match(segments.body, /kazakhstan-china-oil-pipeline,1,atasu,alashankou,pipeline,operating,20,million tonnes a year/);
});

test('milestones carry a computed delay; projects link to economic measures and corridors, audited', async () => {
  const project = 'horgos-border-cooperation-centre';
  let r = await post('officer', `/api/v1/economy/projects/${project}/milestones`, { title_en: 'Customs zone opened', planned_on: '2020-01-31', actual_on: '2020-03-01' });
  assert.equal(r.statusCode, 201, r.body);
  r = await post('officer', `/api/v1/economy/projects/${project}/milestones`, { title_en: 'Rail terminal', planned_on: '2021-06-01' });
  const pending = r.json().id;
  assert.equal((await post('kg', `/api/v1/economy/projects/${project}/milestones`, { title_en: 'x', planned_on: '2021-06-01' })).statusCode, 403);
  let p = await getJson(app(), `/api/v1/economy/projects/${project}`);
  assert.deepEqual(p.milestones.map((m: { delay_days: number; state: string }) => [m.state, m.delay_days > 0]), [['reached', true], ['overdue', true]]);
  assert.equal(p.milestones[0].delay_days, 30);
  r = await app().inject({ method: 'POST', url: `/api/v1/economy/projects/${project}/milestones/${pending}`, headers: users.get('officer')!.headers(true), payload: { actual_on: '2021-06-11' } });
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual(r.json(), { id: pending, delay_days: 10, state: 'reached' });
  p = await getJson(app(), `/api/v1/economy/projects/${project}`);
  assert.equal(p.slip_days, 30);

  const officer = users.get('officer')!.headers(true);
  await app().inject({ method: 'POST', url: '/api/v1/plans', headers: officer, payload: { id: 'econ-plan', title_en: 'Economic plan', pillar: 'economy' } });
  await app().inject({ method: 'POST', url: '/api/v1/plans', headers: officer, payload: { id: 'culture-plan', title_en: 'Culture plan', pillar: 'culture' } });
  for (const plan of ['econ-plan', 'culture-plan']) await app().inject({ method: 'POST', url: `/api/v1/plans/${plan}/measures`, headers: { ...officer, 'content-type': 'text/csv' }, payload: 'code,title,responsible_states\nM1,Border zone,KZ\n' });
  const measure = (await getJson(app(), '/api/v1/plans/econ-plan')).measures[0].id;
  const culture = (await getJson(app(), '/api/v1/plans/culture-plan')).measures[0].id;
  assert.equal((await post('officer', `/api/v1/economy/projects/${project}/links`, { measure })).statusCode, 201);
  assert.equal((await post('officer', `/api/v1/economy/projects/${project}/links`, { measure })).statusCode, 409);
  const wrong = await post('officer', `/api/v1/economy/projects/${project}/links`, { measure: culture });
  assert.equal(wrong.statusCode, 400);
  assert.equal(wrong.json().errors[0].field, 'measure');
  assert.equal((await post('officer', `/api/v1/economy/projects/${project}/links`, { corridor: 'central-asia-china-gas-pipeline' })).statusCode, 201);
  assert.equal((await post('kz', `/api/v1/economy/projects/${project}/links`, { corridor: 'instc' })).statusCode, 403);
  p = await getJson(app(), `/api/v1/economy/projects/${project}`);
  assert.deepEqual(p.measures.map((m: { id: string; plan: string }) => [m.id, m.plan]), [[measure, 'econ-plan']]);
  assert.deepEqual(p.corridors.map((c: { id: string }) => c.id), ['central-asia-china-gas-pipeline']);
  const corridor = await getJson(app(), '/api/v1/economy/corridors/central-asia-china-gas-pipeline');
  assert.deepEqual(corridor.projects.map((x: { id: string }) => x.id), [project]);
  await settleAuditLog(database().db);
  const actions = (await database().db.selectFrom('audit_event').select('action').where('subject_id', '=', project).execute()).map((e) => e.action);
  assert.deepEqual(actions.filter((a) => a.startsWith('project.')), ['project.milestone', 'project.milestone', 'project.milestone_reached', 'project.link', 'project.link']);
  const csv = await app().inject({ url: '/api/v1/economy/milestones.csv' });
  assert.match(csv.body, /horgos-border-cooperation-centre,m_[0-9a-f]{12},Customs zone opened,,,2020-01-31,2020-03-01,30,reached/);
});

test('the Interbank Consortium\'s member banks are sourced, and only they lend as the Consortium', async () => {
  const list = await getJson(app(), '/api/v1/economy/financing-sources?per_page=200');
  const members = list.items.filter((f: { kind: string }) => f.kind === 'interbank_consortium');
  assert.equal(members.length, 8);
  assert.ok(members.every((m: { source: string }) => m.source.includes('sectsco.org')));
  const officer = users.get('officer')!.headers(true);
  const pay = (source_name: string) => app().inject({ method: 'POST', url: '/api/v1/economy/projects/horgos-border-cooperation-centre/financing', headers: officer, payload: { source_name, source_kind: 'interbank_consortium', instrument: 'loan', amount: 1000, currency: 'USD' } });
  const bad = await pay('Some Bank');
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'source_name');
  assert.equal((await pay('Habib Bank Limited')).statusCode, 201);
});
