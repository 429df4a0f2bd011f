import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';

let officer: SignedIn;
let coordinatorRu: SignedIn;
let coordinatorIn: SignedIn;
const CHARTER = 'charter-2002-06-07-charter';
const { app } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'nc-ru@example.org', [{ role: 'national_coordinator', state: 'RU' }]);
  // Afghanistan (not a party to the Charter) takes part as an SCO partner's delegate.
  await userWithRoles(db, 'nc-ao@example.org', [{ role: 'partner_delegate', state: 'AF' }]);
  officer = await signInAs(server, 'officer@example.org');
  coordinatorRu = await signInAs(server, 'nc-ru@example.org');
  coordinatorIn = await signInAs(server, 'nc-ao@example.org');
});

const post = (who: SignedIn, payload: object, key = CHARTER) => app().inject({ method: 'POST', url: `/api/v1/documents/${key}/acts`, headers: who.headers(true), payload });
const ratification = { state: 'RU', action: 'ratification', date: '2003-05-20', instrument: 'Federal Law (test instrument)', source: ['test:depositary'] };

test('a ratification enters the ledger, the party is in force from the overall date, and a numbered notification reaches the parties', async () => {
  const before = await getJson(app(), `/api/v1/documents/${CHARTER}`);
  assert.equal(before.parties.find((p: { state: string }) => p.state === 'RU').status, 'unknown');
  const res = await post(officer, ratification);
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  // consents:4:30 with a recorded overall date of 2003-09-19: an earlier instrument waits for it.
  assert.deepEqual([body.party.state, body.party.consented, body.party.inForceFrom, body.party.status], ['RU', '2003-05-20', '2003-09-19', 'in_force']);
  assert.match(body.notification.id, /^DN-\d{4}-1$/);
  const second = (await post(officer, { ...ratification, state: 'TJ' })).json();
  assert.equal(second.notification.number, 2);
  // The Russian coordinator is a party's coordinator; Afghanistan's delegate is no party's.
  const inboxRu = await app().inject({ url: '/api/v1/inbox', headers: coordinatorRu.headers() });
  assert.ok(inboxRu.json().items.some((n: { event: string; summary: string }) => n.event === 'depositary_notification' && /Russia/.test(n.summary)));
  const inboxAf = await app().inject({ url: '/api/v1/inbox', headers: coordinatorIn.headers() });
  assert.equal(inboxAf.json().items.filter((n: { event: string }) => n.event === 'depositary_notification').length, 0);
  const published = await getJson(app(), `/api/v1/depositary/notifications?document=${CHARTER}`);
  assert.equal(published.total, 2);
  const audit = await app().inject({ url: '/api/v1/documents/charter-2002-06-07-charter' });
  assert.ok(audit.json().ledger.some((l: { state: string; action: string }) => l.state === 'RU' && l.action === 'ratification'));
});

test('a correction supersedes the act it corrects; a second correction of the same act is a conflict', async () => {
  const first = (await post(officer, { ...ratification, state: 'UZ', date: '2003-01-01' })).json();
  const fix = await post(officer, { ...ratification, state: 'UZ', date: '2003-08-01', supersedes: first.act.id });
  assert.equal(fix.statusCode, 201);
  assert.equal(fix.json().party.consented, '2003-08-01', 'the superseded date no longer counts');
  assert.equal((await post(officer, { ...ratification, state: 'UZ', supersedes: first.act.id })).statusCode, 409);
  const acts = await getJson(app(), `/api/v1/documents/${CHARTER}/acts`);
  assert.equal(acts.items.find((a: { id: string }) => a.id === first.act.id).superseded_by, fix.json().act.id);
  assert.equal((await post(officer, { ...ratification, state: 'KG', supersedes: first.act.id })).statusCode, 400, 'another state\'s act');
});

test('bad acts are refused with the field named; only officers record', async () => {
  const reservation = await post(officer, { ...ratification, action: 'reservation' });
  assert.equal(reservation.statusCode, 400);
  assert.equal(reservation.json().errors[0].field, 'text');
  assert.equal((await post(officer, { ...ratification, state: 'XX' })).json().errors[0].field, 'state');
  assert.equal((await post(officer, { ...ratification, action: 'blessing' })).statusCode, 400);
  assert.equal((await post(officer, ratification, 'no-such-document')).statusCode, 404);
  assert.equal((await post(coordinatorRu, ratification)).statusCode, 403);
  assert.equal((await app().inject({ method: 'POST', url: `/api/v1/documents/${CHARTER}/acts`, payload: ratification })).statusCode, 401);
});

test('status table as JSON and CSV, with the computation shown', async () => {
  await post(officer, { ...ratification, state: 'KG', action: 'declaration', date: '2003-06-01', text: 'A test declaration.' });
  const table = await getJson(app(), `/api/v1/documents/${CHARTER}/status`);
  const kg = table.items.find((r: { participant: string }) => r.participant === 'KG');
  assert.deepEqual(kg.reservations, ['declaration 2003-06-01: A test declaration.']);
  const ru = table.items.find((r: { participant: string }) => r.participant === 'RU');
  assert.deepEqual([ru.signature, ru.consent, ru.consent_kind, ru.entry_into_force], ['2002-06-07', '2003-05-20', 'ratification', '2003-09-19']);
  const csv = await app().inject({ url: `/api/v1/documents/${CHARTER}/status.csv` });
  assert.match(csv.body.split('\n')[0]!, /^participant,participant_name,signature,consent/);
  assert.match(csv.body, /RU,Russia,2002-06-07,2003-05-20,ratification,,2003-09-19,in_force/);
  const doc = await getJson(app(), `/api/v1/documents/${CHARTER}`);
  assert.match(doc.status.computation.join(' '), /recorded date of entry into force: 2003-09-19/);
});
