/** Exercises in rotation (the chairmanship's rule), their findings becoming measures of implementation monitoring. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { rotationOrder } from '../chairmanship/rotation.ts';
import { listStates } from '../membership/membership.service.ts';
import { today } from '../../http/common-schemas.ts';
import { settleAuditLog } from '../../audit/audit-chainer.ts';

let officer: SignedIn;
let cert: SignedIn;
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@sco.example', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'cert@kz.example', [{ role: 'cert_officer', state: 'KZ' }]);
  officer = await signInAs(server, 'officer@sco.example');
  cert = await signInAs(server, 'cert@kz.example');
});
const plan = (body: object, who = officer) => app().inject({ method: 'POST', url: '/api/v1/infosec/exercises', headers: who.headers(true), payload: body });

test('exercises follow the rotation rule; findings become measures owned by the participants', async () => {
  const members = await listStates(database().db, today(), 'member');
  const order = rotationOrder(members.map((s) => ({ iso2: s.iso2, name: s.name.ru ?? s.name.en })), 'ru').map((c) => c.iso2);
  const first = order.indexOf('KZ');
  const next = order[(first + 1) % order.length]!;
  assert.equal((await plan({ id: 'ex-2026', year: 2026, host: 'KZ', title: 'Joint response', scenario: 'Ransomware at a power grid operator', participants: ['KZ', 'RU', 'CN'] }, cert)).statusCode, 403);
  const ok = await plan({ id: 'ex-2026', year: 2026, host: 'KZ', title: 'Joint response', scenario: 'Ransomware at a power grid operator', participants: ['KZ', 'RU', 'CN'], starts_on: '2026-10-05', ends_on: '2026-10-07' });
  assert.equal(ok.statusCode, 201, ok.body);
  const calendar = (await app().inject({ url: '/api/v1/infosec/exercises' })).json();
  const computed = calendar.items.filter((i: { basis: string }) => i.basis === 'computed');
  assert.deepEqual(computed[0], { year: 2027, host: next, basis: 'computed' });
  const wrong = order.find((s) => s !== next)!;
  const out = await plan({ id: 'ex-2027', year: 2027, host: wrong, title: 'x', scenario: 'x', participants: [wrong] });
  assert.equal(out.statusCode, 409);
  assert.equal(out.json().errors[0].field, 'host');
  assert.equal((await plan({ id: 'ex-2027', year: 2027, host: next, title: 'x', scenario: 'x', participants: ['KZ'] })).json().errors[0].field, 'participants');
  assert.equal((await plan({ id: 'ex-2027', year: 2027, host: next, title: 'Tabletop', scenario: 'DDoS on customs', participants: [next, 'KZ'] })).statusCode, 201);

  const findings = await app().inject({ method: 'POST', url: '/api/v1/infosec/exercises/ex-2026/findings', headers: officer.headers(true), payload: { findings: [{ finding: 'Agree a 24/7 contact list between CERTs', deadline: '2027-03-31' }, { finding: 'RU and CN to test out-of-band channels', states: ['RU', 'CN'] }] } });
  assert.equal(findings.statusCode, 201, findings.body);
  const measures = findings.json().measures;
  assert.deepEqual(measures.map((m: { code: string; states: string[] }) => [m.code, m.states]), [['ex-2026-1', ['CN', 'KZ', 'RU']], ['ex-2026-2', ['RU', 'CN']]]);
  const stored = await database().db.selectFrom('measure').selectAll().where('plan_id', '=', 'infosec-exercises').orderBy('code').execute();
  assert.deepEqual(stored.map((m) => [m.code, m.title, m.deadline]), [['ex-2026-1', 'Agree a 24/7 contact list between CERTs', '2027-03-31'], ['ex-2026-2', 'RU and CN to test out-of-band channels', null]]);
  const bad = await app().inject({ method: 'POST', url: '/api/v1/infosec/exercises/ex-2026/findings', headers: officer.headers(true), payload: { findings: [{ finding: 'x', states: ['IN'] }] } });
  assert.equal(bad.json().errors[0].field, 'findings.0.states');
  await settleAuditLog(database().db);
  const audit = await database().db.selectFrom('audit_event').select('action').where('subject_type', '=', 'infosec_exercise').execute();
  assert.deepEqual(audit.map((a) => a.action).sort(), ['infosec.exercise.findings', 'infosec.exercise.planned', 'infosec.exercise.planned']);
  const again = (await app().inject({ url: '/api/v1/infosec/exercises' })).json();
  assert.equal(again.items.find((i: { id?: string }) => i.id === 'ex-2026').findings.length, 2);
});
