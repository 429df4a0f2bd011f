import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';

let officer: SignedIn;
let chsOfficer: SignedIn;
let coordinator: SignedIn;
const WG = 'SPECIAL-WORKING-GROUP-ON-E-COMMERCE';
const { app } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'chs-officer@example.org', [{ role: 'secretariat_officer', organ: 'CHS' }]);
  await userWithRoles(db, 'nc-ru@example.org', [{ role: 'national_coordinator', state: 'RU' }]);
  officer = await signInAs(server, 'officer@example.org');
  chsOfficer = await signInAs(server, 'chs-officer@example.org');
  coordinator = await signInAs(server, 'nc-ru@example.org');
});
const meeting = { organ: WG, start_date: '2026-03-10', end_date: '2026-03-11', city: 'Tashkent', host: 'UZ', agenda: [{ title: 'Cross-border e-commerce rules' }], delegations: [{ state: 'CN', members: ['Head of delegation'] }], outcome_documents: ['charter-2002-06-07-charter'] };

test('an officer schedules a working-group meeting: it is in the list, the calendar and has its record', async () => {
  const res = await app().inject({ method: 'POST', url: '/api/v1/meetings', headers: officer.headers(true), payload: meeting });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id;
  assert.equal(id, `${WG}-2026-03-10`);
  const got = await getJson(app(), `/api/v1/meetings/${id}`);
  assert.deepEqual([got.city, got.record.agenda[0].title, got.record.delegations[0].state], ['Tashkent', 'Cross-border e-commerce rules', 'CN']);
  const ics = await app().inject({ url: `/api/v1/meetings.ics?organ=${WG}` });
  assert.match(ics.body, new RegExp(`UID:${id}@secretariat[\\s\\S]*?DTSTART;VALUE=DATE:20260310`));
  const all = await app().inject({ url: '/api/v1/meetings.ics' });
  assert.match(all.body, new RegExp(`UID:${id}@secretariat`));
  // A second meeting of the organ that day is a conflict, not a duplicate.
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/meetings', headers: officer.headers(true), payload: meeting })).statusCode, 409);
  const edit = await app().inject({ method: 'PATCH', url: `/api/v1/meetings/${id}`, headers: officer.headers(true), payload: { city: 'Samarkand', minutes: 'Agreed to meet again.' } });
  assert.equal(edit.statusCode, 200, edit.body);
  const edited = await getJson(app(), `/api/v1/meetings/${id}`);
  assert.deepEqual([edited.city, edited.record.minutes, edited.record.agenda.length], ['Samarkand', 'Agreed to meet again.', 1]);
});

test('a reference meeting keeps its date and place; its record can be kept', async () => {
  const date = await app().inject({ method: 'PATCH', url: '/api/v1/meetings/CHS-17', headers: officer.headers(true), payload: { city: 'Elsewhere' } });
  assert.equal(date.statusCode, 409);
  assert.equal(date.json().errors[0].field, 'city');
  const rec = await app().inject({ method: 'PATCH', url: '/api/v1/meetings/CHS-17', headers: officer.headers(true), payload: { minutes: 'Minutes of Astana' } });
  assert.equal(rec.statusCode, 200);
});

test('refusals and bad input: organ-scoped officers, coordinators, anonymous; fields named', async () => {
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/meetings', headers: chsOfficer.headers(true), payload: { ...meeting, start_date: '2026-04-01' } })).statusCode, 403);
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/meetings', headers: coordinator.headers(true), payload: meeting })).statusCode, 403);
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/meetings', payload: meeting })).statusCode, 401);
  const badOrgan = await app().inject({ method: 'POST', url: '/api/v1/meetings', headers: officer.headers(true), payload: { ...meeting, organ: 'NOPE' } });
  assert.equal(badOrgan.json().errors[0].field, 'organ');
  const badDoc = await app().inject({ method: 'POST', url: '/api/v1/meetings', headers: officer.headers(true), payload: { ...meeting, start_date: '2026-05-01', end_date: '2026-05-01', outcome_documents: ['no-such'] } });
  assert.equal(badDoc.json().errors[0].field, 'outcome_documents.0');
  const badDates = await app().inject({ method: 'POST', url: '/api/v1/meetings', headers: officer.headers(true), payload: { ...meeting, start_date: '2026-05-02', end_date: '2026-05-01' } });
  assert.equal(badDates.json().errors[0].field, 'end_date');
});

test('organ activity: rhythms as data, dormant bodies alerted once to the Secretariat and the chair', async () => {
  const activity = await getJson(app(), '/api/v1/organ-activity?at=2026-01-01&per_page=200');
  const by = new Map(activity.items.map((o: { organ: string }) => [o.organ, o]));
  const chs = by.get('CHS') as { status: string; meetings: number; documents: number; rhythm: { rhythm: string } };
  assert.deepEqual([chs.status, chs.rhythm.rhythm], ['active', 'annual']);
  assert.ok(chs.meetings >= 25 && chs.documents > 10);
  // The registry records no meeting of the Council of National Coordinators, which meets at least three times a year.
  assert.equal((by.get('CNC') as { status: string }).status, 'dormant');
  assert.equal((by.get('RATS-COUNCIL') as { status: string; meetings: number }).status, 'not_mandated');
  const sent = await app().inject({ method: 'POST', url: '/api/v1/organ-activity/alerts', headers: officer.headers(true) });
  assert.equal(sent.statusCode, 200);
  assert.ok(sent.json().sent.some((s: { organ: string }) => s.organ === 'CNC'));
  const again = await app().inject({ method: 'POST', url: '/api/v1/organ-activity/alerts', headers: officer.headers(true) });
  assert.deepEqual(again.json().sent, [], 'once per missed due date');
  const inbox = (await app().inject({ url: '/api/v1/inbox', headers: officer.headers() })).json().items;
  assert.ok(inbox.some((n: { event: string; summary: string }) => n.event === 'dormant_body' && /National Coordinators/.test(n.summary)));
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/organ-activity/alerts', headers: coordinator.headers(true) })).statusCode, 403);
});
