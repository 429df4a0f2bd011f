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

const post = (who: SignedIn | null, iso2: string, payload: object) =>
  app().inject({ method: 'POST', url: `/api/v1/states/${iso2}/acts`, headers: who ? who.headers(true) : {}, payload });

test('a state page lists its acts, and its periods derive from them', async () => {
  const iran = await getJson(app(), '/api/v1/states/IR?at=2023-07-04');
  assert.equal(iran.status.status, 'member');
  assert.deepEqual(iran.acts.map((a: { act: string }) => a.act), ['admission', 'application', 'procedure_launched', 'memorandum_of_obligations', 'admission']);
  assert.equal(iran.acts[3].decision, '/akn/sco/act/memorandum/2022-09-15/memorandum-obligations-iran');
  assert.equal(iran.history[0].valid_to, '2023-07-04');
  const all = await getJson(app(), '/api/v1/membership/acts?act=memorandum_of_obligations');
  assert.deepEqual(all.items.map((a: { state: string }) => a.state).sort(), ['BY', 'IN', 'IR', 'PK']);
  const csv = await app().inject({ url: '/api/v1/membership/acts.csv?state=by' });
  assert.match(csv.body.split('\n')[0]!, /^id,state,act,status,date/);
  assert.equal(csv.body.trim().split('\n').length, 8);
});

test("an admission for a state that never applied is a 409 naming the organisation's rule; the full path admits it from the act's date", async () => {
  const early = await post(officer, 'LA', { act: 'admission', status: 'member', date: '2026-12-01' });
  assert.equal(early.statusCode, 409);
  assert.equal(early.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.match(early.json().detail, /rule "member_admission_procedure".*no application for "member"/);
  assert.equal(early.json().errors[0].field, 'act');

  for (const [act, date] of [['application', '2026-01-15'], ['procedure_launched', '2026-06-01'], ['memorandum_of_obligations', '2026-09-01']] as const) {
    const res = await post(officer, 'la', { act, status: 'member', date, basis: `test ${act}`, source: ['https://example.org/decision'] });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().grants, null);
  }
  const admitted = await post(officer, 'LA', { act: 'admission', status: 'member', date: '2026-12-01', organ: 'CHS', decision: 'memorandum-2022-09-15-memorandum-obligations-iran' });
  assert.equal(admitted.statusCode, 201, admitted.body);
  assert.equal(admitted.json().act.decision, '/akn/sco/act/memorandum/2022-09-15/memorandum-obligations-iran', 'a decision named by its key is stored by its id');
  assert.deepEqual(admitted.json().periods, [{ status: 'partner', valid_from: '2025-09-01', valid_to: '2026-12-01' }, { status: 'member', valid_from: '2026-12-01', valid_to: null }]);

  assert.equal((await getJson(app(), '/api/v1/states/LA?at=2026-11-30')).status.status, 'partner');
  const after = await getJson(app(), '/api/v1/states/LA?at=2026-12-01');
  assert.equal(after.status.status, 'member');
  assert.equal(after.status.confidence, 'confirmed');
  const members = await getJson(app(), '/api/v1/states?at=2027-01-01&status=member');
  assert.equal(members.total, 11);

  await settleAuditLog(database().db);
  const audit = await database().db.selectFrom('audit_event').select(['action', 'subject_id']).where('action', '=', 'membership.act.record').execute();
  assert.equal(audit.length, 4);
  assert.ok(audit.every((e) => e.subject_id === 'LA'));

  const twice = await post(officer, 'LA', { act: 'admission', status: 'member', date: '2026-12-01' });
  assert.equal(twice.statusCode, 409);
  const again = await post(officer, 'LA', { act: 'admission', status: 'member', date: '2027-02-01' });
  assert.equal(again.statusCode, 409);
  assert.match(again.json().detail, /already_holds/);
});

test('a back-dated act that would break a later act is refused, naming the later act', async () => {
  // Mongolia: observer 2004, partner 2025. A withdrawal in 2020 would leave the 2025 change with nothing to change from.
  const res = await post(officer, 'MN', { act: 'withdrawal', date: '2020-01-01' });
  assert.equal(res.statusCode, 409);
  assert.match(res.json().detail, /later act MN-status_change-2025-09-01 .*partner_from_observer_or_dialogue_partner/);
  assert.equal((await getJson(app(), '/api/v1/states/MN?at=2021-01-01')).status.status, 'observer', 'nothing was recorded');
});

test('only the Secretariat records acts; bad input is a 4xx problem naming the field', async () => {
  assert.equal((await post(null, 'LA', { act: 'application', status: 'member', date: '2026-01-01' })).statusCode, 401);
  assert.equal((await post(delegate, 'LA', { act: 'application', status: 'member', date: '2026-01-01' })).statusCode, 403);
  const cases: [string, object, number, RegExp][] = [
    ['LA', { act: 'application', date: '2026-01-01' }, 400, /^status:/],
    ['LA', { act: 'application', status: 'emperor', date: '2026-01-01' }, 400, /^status: "emperor" is not one/],
    ['LA', { act: 'withdrawal', status: 'member', date: '2026-01-01' }, 400, /^status: a withdrawal takes no status/],
    ['LA', { act: 'coronation', status: 'member', date: '2026-01-01' }, 400, /act/],
    ['LA', { act: 'application', status: 'member', date: '2026-02-30' }, 400, /date/],
    ['LA', { act: 'application', status: 'member', date: '1999-01-01' }, 400, /^date: is before the organisation was founded/],
    ['LA', { act: 'application', status: 'member', date: '2026-01-01', decision: 'no-such-document' }, 400, /^decision:/],
    ['LA', { act: 'application', status: 'member', date: '2026-01-01', meeting: 'CHS-99' }, 400, /^meeting:/],
    ['XX', { act: 'application', status: 'member', date: '2026-01-01' }, 404, /State "XX"/],
  ];
  for (const [iso2, payload, status, detail] of cases) {
    const res = await post(officer, iso2, payload);
    assert.equal(res.statusCode, status, JSON.stringify(payload));
    assert.match(res.json().detail, detail, JSON.stringify(payload));
  }
});
