import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';

const { app } = useTestApp();

test('cultural and humanitarian events from the seeds, with kinds, hosts and participating states', async () => {
  const { items } = await getJson(app(), '/api/v1/events?per_page=200');
  const varanasi = items.find((e: { id: string }) => e.id === 'VARANASI-2022-2023');
  assert.equal(varanasi.kind, 'cultural_capital');
  assert.deepEqual(varanasi.hosts, ['IN']);
  assert.equal(varanasi.meeting, 'CHS-22');
  assert.equal(varanasi.date_precision, 'year');
  assert.ok(varanasi.source.includes('seed:001_7970970c94cdbdc3.txt'));
  assert.equal(varanasi.title.ru, 'Варанаси — туристическая и культурная столица ШОС 2022–2023');
  assert.deepEqual(new Set(items.map((e: { kind: string }) => e.kind)), new Set(['thematic_year', 'cultural_capital', 'festival', 'forum']));
  const in2023 = await getJson(app(), '/api/v1/events?year=2023');
  assert.deepEqual(in2023.items.map((e: { id: string }) => e.id).sort(), ['TOURISM-YEAR-2023', 'VARANASI-2022-2023']);
  const forums = await getJson(app(), '/api/v1/events?kind=forum&organ=SCO-FORUM');
  assert.deepEqual(forums.items.map((e: { id: string }) => e.id), ['SCO-FORUM-3-2008', 'SCO-FORUM-FOUNDING-2006']);
  const bad = await app().inject({ url: '/api/v1/events?kind=party' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail, /kind/);
});

test('the iCalendar feeds carry events beside meetings, for all organs and per organ', async () => {
  const all = await app().inject({ url: '/api/v1/meetings.ics' });
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /UID:event-VARANASI-2022-2023@secretariat/);
  assert.match(all.body, /DTSTART;VALUE=DATE:20220101/);
  assert.match(all.body, /DTEND;VALUE=DATE:20240101/, 'DTEND is exclusive: the day after 2023-12-31');
  assert.match(all.body, /UID:CHS-22@secretariat/);
  const forum = await app().inject({ url: '/api/v1/meetings.ics?organ=SCO-FORUM' });
  assert.match(forum.body, /UID:event-SCO-FORUM-FOUNDING-2006@secretariat/);
  assert.doesNotMatch(forum.body, /VARANASI/);
  const chs = await app().inject({ url: '/api/v1/meetings.ics?organ=CHS' });
  assert.doesNotMatch(chs.body, /UID:event-/, 'events decided at a summit are not the summit organ\'s own events');
});
