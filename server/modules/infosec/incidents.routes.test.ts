/** Incidents on KZ's node (the test app): STIX objects checked, handling procedure, imports, widening as a recorded act. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { TLP_MARKING_IDS } from './sharing-policy.ts';
import { procedure } from './incident-procedure.ts';
import { EVENT } from './misp.fixture.ts';

let kz: SignedIn;
let warningId = '';
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'cert@kz.example', [{ role: 'cert_officer', state: 'KZ' }]);
  kz = await signInAs(server, 'cert@kz.example');
  const res = await server.inject({ method: 'POST', url: '/api/v1/infosec/warnings', headers: kz.headers(true), payload: { title: 'parent', tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['KZ', 'RU'] }, severity: 'high', sectors: ['energy'], recommended_actions: 'Block.', valid_until: '2027-01-01', indicators: [] } });
  warningId = res.json().id;
});

import { STIX_OBJECTS, T, uuid } from './stix.fixture.ts';
import { settleAuditLog } from '../../audit/audit-chainer.ts';
const incident = (overrides: object = {}) => ({ title: 'Intrusion at the customs portal', tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['KZ', 'RU'] }, severity: 'high', sectors: ['customs'], description: 'Remote access trojan on two servers.', objects: STIX_OBJECTS, ...overrides });
const post = (url: string, payload: object, method: 'POST' | 'PUT' = 'POST') => app().inject({ method, url, headers: kz.headers(true), payload });
const records = async () => (await database().db.selectFrom('infosec_record').select('id').execute()).length;
const outboxTo = async (id: string) => (await database().db.selectFrom('infosec_outbox').select(['recipient', 'msg_id']).execute()).filter((r) => r.msg_id.startsWith(id)).map((r) => r.recipient);

test('an incident with its STIX 2.1 objects is opened, exported with its TLP marking, and sent only to its audience', async () => {
  const res = await post('/api/v1/infosec/incidents', incident());
  assert.equal(res.statusCode, 201, res.body);
  const { id, recipients } = res.json();
  assert.deepEqual(recipients, ['KZ', 'RU']);
  const record = (await app().inject({ url: `/api/v1/infosec/records/${id}`, headers: kz.headers() })).json();
  assert.equal(record.kind, 'incident');
  assert.equal(record.status, 'reported');
  assert.deepEqual(record.indicators, [{ pattern: "[ipv4-addr:value = '198.51.100.77']", name: 'C2 address' }]);
  const bundle = (await app().inject({ url: `/api/v1/infosec/records/${id}/stix`, headers: kz.headers() })).json();
  const types = bundle.objects.map((o: { type: string }) => o.type);
  for (const t of ['incident', 'indicator', 'observed-data', 'malware', 'vulnerability', 'attack-pattern', 'threat-actor']) assert.ok(types.includes(t), t);
  assert.ok(bundle.objects.filter((o: { type: string }) => o.type !== 'identity').every((o: { object_marking_refs: string[] }) => o.object_marking_refs[0] === TLP_MARKING_IDS.AMBER));
  assert.deepEqual(await outboxTo(id), ['RU']);
});

test('a STIX object that does not match its OASIS schema is refused naming the object and field; nothing is stored', async () => {
  const before = await records();
  const { pattern: _p, ...noPattern } = STIX_OBJECTS[0]!;
  for (const [objects, field] of [
    [[STIX_OBJECTS[1], noPattern], 'objects.1.pattern'],
    [[{ ...STIX_OBJECTS[3], is_family: true, name: undefined }].map(({ name: _n, ...o }) => o), 'objects.0.name'],
    [[{ ...STIX_OBJECTS[2], created: '2026-11-30' }], 'objects.0.created'],
    [[{ type: 'campaign', id: `campaign--${uuid(9)}` }], 'objects.0.type'],
  ] as const) {
    const res = await post('/api/v1/infosec/incidents', incident({ objects }));
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.equal(res.json().errors[0].field, field, res.body);
  }
  assert.equal(await records(), before);
});

test('handling follows the procedure: steps first, one status at a time, aftercare after containment; every change audited and propagated', async () => {
  const { id } = (await post('/api/v1/infosec/incidents', incident({ objects: [] }))).json();
  const status = (to: string) => post(`/api/v1/infosec/incidents/${id}/status`, { status: to });
  const tick = (step: string, done = true) => post(`/api/v1/infosec/incidents/${id}/checklist/${step}`, { done }, 'PUT');
  const early = await status('triaged');
  assert.equal(early.statusCode, 409);
  assert.equal(early.json().errors[0].field, 'status');
  assert.match(early.json().detail, /record-report, preserve-evidence/);
  assert.equal((await tick('no-such-step')).statusCode, 400);
  assert.equal((await post(`/api/v1/infosec/incidents/${id}/aftercare`, { note: 'too early' })).statusCode, 409);
  const p = procedure();
  for (const [from, to] of [['reported', 'triaged'], ['triaged', 'contained'], ['contained', 'recovered'], ['recovered', 'closed']] as const) {
    for (const step of p.steps.filter((s) => s.status === from)) assert.equal((await tick(step.id)).statusCode, 200);
    if (to === 'closed') assert.equal((await post(`/api/v1/infosec/incidents/${id}/aftercare`, { note: 'Mail gateway now strips macros; staff trained.' })).statusCode, 200);
    const moved = await status(to);
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().status, to);
  }
  // A step of a status the incident has left stays done.
  assert.equal((await tick('isolate-systems', false)).statusCode, 409);
  assert.equal((await status('reported')).statusCode, 409);
  const record = (await app().inject({ url: `/api/v1/infosec/records/${id}`, headers: kz.headers() })).json();
  assert.deepEqual(record.history.map((h: { status: string }) => h.status), ['reported', 'triaged', 'contained', 'recovered', 'closed']);
  assert.equal(Object.keys(record.checklist).length, p.steps.length);
  assert.equal(record.aftercare[0].note, 'Mail gateway now strips macros; staff trained.');
  const versions = p.steps.length + 4 + 1 + 1;
  assert.equal(record.version, versions);
  await settleAuditLog(database().db);
  const audit = await database().db.selectFrom('audit_event').select('action').where('subject_id', '=', id).execute();
  assert.equal(audit.filter((a) => a.action.startsWith('infosec.incident.')).length, versions);
  // Every version went to RU, and to nobody else.
  const sent = await outboxTo(id);
  assert.equal(sent.length, versions);
  assert.ok(sent.every((s) => s === 'RU'));
});

test('a child narrows its parent; widening is a recorded act of the originating state, refused to anyone else', async () => {
  const wider = await post('/api/v1/infosec/incidents', incident({ parent: warningId, tlp: 'GREEN', pap: 'GREEN', audience: { kind: 'community' } }));
  assert.equal(wider.statusCode, 400);
  assert.equal(wider.json().errors[0].field, 'audience');
  assert.match(wider.json().detail, /never widens/);
  const child = await post('/api/v1/infosec/incidents', incident({ parent: warningId, tlp: 'RED', audience: { kind: 'states', states: ['RU'] } }));
  assert.equal(child.statusCode, 201, child.body);
  const { id } = child.json();
  const widened = await post(`/api/v1/infosec/records/${id}/audience`, { tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['CN', 'KZ', 'RU'] }, reason: 'CN hosts the command server' });
  assert.equal(widened.statusCode, 200, widened.body);
  assert.deepEqual(widened.json().recipients, ['CN', 'KZ', 'RU']);
  await settleAuditLog(database().db);
  const act = await database().db.selectFrom('audit_event').selectAll().where('subject_id', '=', id).where('action', '=', 'infosec.record.widened').executeTakeFirstOrThrow();
  assert.match(JSON.stringify(act.after), /CN hosts the command server/);
  assert.deepEqual((await outboxTo(id)).sort(), ['CN', 'RU', 'RU']);
  // Recipients are not withdrawn by "widening".
  assert.equal((await post(`/api/v1/infosec/records/${id}/audience`, { tlp: 'RED', pap: 'RED', audience: { kind: 'states', states: ['CN'] }, reason: 'x' })).statusCode, 400);

  // A record RU originated, received here: KZ may not widen it, nor widen its own child beyond it.
  const fromRu = '00000000-0000-4000-8000-0000000000aa';
  await database().db.insertInto('infosec_record').values({ id: fromRu, version: 1, kind: 'warning', originator: 'RU', tlp: 'AMBER', pap: 'AMBER', audience: JSON.stringify({ kind: 'states', states: ['KZ', 'RU'] }), recipients: ['KZ', 'RU'], title: 'from RU', body: '{}', revoked: false, issued_by: 'node:RU', issued_at: T, received_at: T }).execute();
  assert.equal((await post(`/api/v1/infosec/records/${fromRu}/audience`, { tlp: 'GREEN', pap: 'GREEN', audience: { kind: 'community' }, reason: 'x' })).statusCode, 403);
  const ownChild = (await post('/api/v1/infosec/incidents', incident({ parent: fromRu, objects: [] }))).json().id;
  const beyond = await post(`/api/v1/infosec/records/${ownChild}/audience`, { tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['CN', 'KZ', 'RU'] }, reason: 'x' });
  assert.equal(beyond.statusCode, 403);
  assert.match(beyond.json().detail, /RU/);
  assert.equal((await post(`/api/v1/infosec/incidents/${fromRu}/status`, { status: 'triaged' })).statusCode, 403);
});

test('a STIX bundle imports all or nothing, its TLP kept or narrowed, never widened', async () => {
  const bundle = (objects: object[]) => ({ type: 'bundle', id: `bundle--${uuid(50)}`, objects });
  const marked = STIX_OBJECTS.map((o) => ({ ...o, object_marking_refs: [TLP_MARKING_IDS.AMBER] }));
  const ok = await post('/api/v1/infosec/imports/stix', { bundle: bundle(marked), audience: { kind: 'states', states: ['KZ', 'RU'] }, pap: 'AMBER' });
  assert.equal(ok.statusCode, 201, ok.body);
  const record = (await app().inject({ url: `/api/v1/infosec/records/${ok.json().id}`, headers: kz.headers() })).json();
  assert.equal(record.title, 'Customs portal intrusion');
  assert.equal(record.tlp, 'AMBER');
  assert.equal(record.source, 'stix');
  assert.equal(record.objects.length, STIX_OBJECTS.length);

  const widen = await post('/api/v1/infosec/imports/stix', { bundle: bundle(marked), audience: { kind: 'community' }, tlp: 'GREEN', pap: 'AMBER' });
  assert.equal(widen.statusCode, 400);
  assert.equal(widen.json().errors[0].field, 'tlp');
  const before = await records();
  const { pattern: _p, ...broken } = marked[0]!;
  const bad = await post('/api/v1/infosec/imports/stix', { bundle: bundle([...marked.slice(1), broken]), audience: { kind: 'states', states: ['KZ', 'RU'] }, pap: 'AMBER' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, `bundle.objects.${marked.length - 1}.pattern`);
  assert.match(bad.json().detail, new RegExp(`indicator--${uuid(1)}`));
  const notBundle = await post('/api/v1/infosec/imports/stix', { bundle: { type: 'bundle', id: 'bundle--nope', objects: marked }, audience: { kind: 'states', states: ['KZ', 'RU'] }, pap: 'AMBER' });
  assert.equal(notBundle.json().errors[0].field, 'bundle.id');
  assert.equal(await records(), before, 'nothing of a refused bundle is stored');
});

test('a MISP event imports as an incident: attributes as indicators, tlp/PAP tags as markings, never widened', async () => {
  const ok = await post('/api/v1/infosec/imports/misp', { event: EVENT, audience: { kind: 'states', states: ['KZ', 'RU'] }, pap: 'GREEN' });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().indicators, 4);
  assert.deepEqual(ok.json().skipped, [{ type: 'text', value: 'seen by three brokers' }]);
  const record = (await app().inject({ url: `/api/v1/infosec/records/${ok.json().id}`, headers: kz.headers() })).json();
  assert.equal(record.tlp, 'AMBER');
  assert.equal(record.severity, 'high');
  assert.equal(record.source, 'misp');
  assert.ok(record.indicators.some((i: { pattern: string }) => i.pattern === "[domain-name:value = 'customs-broker-login.example']"));
  assert.equal((await post('/api/v1/infosec/imports/misp', { event: EVENT, audience: { kind: 'community' }, tlp: 'GREEN', pap: 'GREEN' })).json().errors[0].field, 'tlp');
  assert.equal((await post('/api/v1/infosec/imports/misp', { event: EVENT, audience: { kind: 'states', states: ['KZ', 'RU'] }, pap: 'CLEAR' })).json().errors[0].field, 'pap');
  const untagged = await post('/api/v1/infosec/imports/misp', { event: { Event: { info: 'x', Attribute: [{ type: 'ip-dst', value: '198.51.100.1' }] } }, audience: { kind: 'states', states: ['KZ', 'RU'] }, pap: 'AMBER' });
  assert.equal(untagged.statusCode, 400);
  assert.equal(untagged.json().errors[0].field, 'tlp');
});
