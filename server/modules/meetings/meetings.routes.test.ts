import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';

const { app } = useTestApp();

test('meetings filter by organ and year', async () => {
  const chs2017 = await getJson(app(), '/api/v1/meetings?organ=CHS&year=2017');
  assert.deepEqual(chs2017.items.map((m: { id: string }) => m.id), ['CHS-17']);
  assert.equal(chs2017.items[0].city, 'Astana');
  const all = await getJson(app(), '/api/v1/meetings?organ=CHG&per_page=2&page=2');
  assert.equal(all.items.length, 2);
  assert.ok(all.total > 10);
});

test('a meeting lists the states taking part by their status on its date, and its documents', async () => {
  const astana = await getJson(app(), '/api/v1/meetings/CHS-17');
  // India and Pakistan became members at this summit (2017-06-09), the second day.
  assert.deepEqual(astana.participants.member.sort(), ['CN', 'KG', 'KZ', 'RU', 'TJ', 'UZ']);
  assert.ok(astana.participants.observer.includes('IN'));
  assert.ok(astana.documents.some((d: { kind: string }) => d.kind === 'convention'));
});

test('an organ\'s meetings as an iCalendar feed', async () => {
  const res = await app().inject({ url: '/api/v1/meetings.ics?organ=CHS' });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /^text\/calendar/);
  const events = res.body.split('BEGIN:VEVENT').length - 1;
  const chs = await getJson(app(), '/api/v1/meetings?organ=CHS&per_page=200');
  assert.equal(events, chs.total);
  // Tianjin, 31 Aug - 1 Sep 2025: DTEND is exclusive.
  assert.match(res.body, /UID:CHS-25@secretariat[\s\S]*?DTSTART;VALUE=DATE:20250831\r\nDTEND;VALUE=DATE:20250902/);
  assert.equal((await app().inject({ url: '/api/v1/meetings.ics?organ=%3Cscript%3E' })).statusCode, 400);
});
