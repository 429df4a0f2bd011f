import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { settleAuditLog } from '../../audit/audit-chainer.ts';

let officer: SignedIn;
let delegate: SignedIn;
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  officer = await signInAs(server, 'officer@example.org');
  delegate = await signInAs(server, 'ru@example.org');
});

test('memoranda with international organisations: the organisation is a party, each has a sourced ledger', async () => {
  const { items } = await getJson(app(), '/api/v1/memoranda?per_page=200');
  const byOrg = new Map(items.map((m: { organisation: { id: string } }) => [m.organisation.id, m]));
  for (const org of ['UN', 'ASEAN', 'CIS', 'CSTO', 'ECO', 'CICA']) assert.ok(byOrg.has(org), org);
  const asean = items.find((m: { id: string }) => m.id === 'ASEAN-SECRETARIAT-2005');
  assert.deepEqual(asean.signed, { date: '2005-04-21', date_precision: 'day' });
  assert.equal(asean.organisation.name.ru, 'Ассоциация государств Юго-Восточной Азии');
  assert.equal(asean.sco_party, 'SECRETARIAT');
  assert.deepEqual(asean.ledger[0].source, ['https://asean.org/2005/04/21']);
  const csto = await getJson(app(), '/api/v1/memoranda/CSTO-SECRETARIAT-2007');
  assert.equal(csto.signed.date, '2007-10-05');
  assert.equal(csto.title.zh, '集安组织秘书处与上合组织秘书处谅解备忘录');
  // Every ledger entry has a source; a date known to the month says so.
  for (const m of items) for (const e of m.ledger) assert.ok(e.source.length > 0 && ['day', 'month', 'year'].includes(e.date_precision), m.id);
  assert.equal(items.find((m: { id: string }) => m.id === 'CIS-EXECUTIVE-COMMITTEE-2005').signed.date_precision, 'month');
  assert.equal(items.find((m: { id: string }) => m.id === 'ECO-SECRETARIAT').signed, null, 'no verified date, none recorded');
  const un = await getJson(app(), '/api/v1/memoranda?organisation=un');
  assert.deepEqual(un.items.map((m: { id: string }) => m.id), ['UN-GA-OBSERVER-2004', 'UN-SECRETARIAT-2010']);
  const csv = await app().inject({ url: '/api/v1/memoranda.csv' });
  assert.match(csv.body, /CICA-SECRETARIAT-2014,CICA,.*2014-05-20/);
  assert.equal((await app().inject({ url: '/api/v1/memoranda/NOPE' })).statusCode, 404);
});

test('an officer adds a ledger entry with its source, audited; others are refused; bad input names the field', async () => {
  const url = '/api/v1/memoranda/CARICC-SECRETARIAT-2024/ledger';
  const payload = { action: 'signed', date: '2025-03-01', place: 'Beijing', source: ['https://example.org/caricc'] };
  assert.equal((await app().inject({ method: 'POST', url, payload })).statusCode, 401);
  assert.equal((await app().inject({ method: 'POST', url, headers: delegate.headers(true), payload })).statusCode, 403);
  const res = await app().inject({ method: 'POST', url, headers: officer.headers(true), payload });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal((await getJson(app(), '/api/v1/memoranda/CARICC-SECRETARIAT-2024')).signed.date, '2025-03-01');
  await settleAuditLog(database().db);
  const audit = await database().db.selectFrom('audit_event').select('subject_id').where('action', '=', 'relations.ledger.record').execute();
  assert.deepEqual(audit.map((a) => a.subject_id), ['CARICC-SECRETARIAT-2024']);
  assert.equal((await app().inject({ method: 'POST', url, headers: officer.headers(true), payload })).statusCode, 409);
  const bad = await app().inject({ method: 'POST', url, headers: officer.headers(true), payload: { ...payload, source: [] } });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail, /source/);
  const noMeeting = await app().inject({ method: 'POST', url, headers: officer.headers(true), payload: { ...payload, date: '2025-04-01', meeting: 'CHS-99' } });
  assert.equal(noMeeting.statusCode, 400);
  assert.match(noMeeting.json().detail, /^meeting:/);
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/memoranda/NOPE/ledger', headers: officer.headers(true), payload })).statusCode, 404);
});
