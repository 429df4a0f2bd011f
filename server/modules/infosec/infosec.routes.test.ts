/** The information-security API of one node (the test app runs as KZ's): policies, STIX, TAXII 2.1. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { TLP_MARKING_IDS } from './sharing-policy.ts';
import { stableUuid } from './stix.ts';
import { settleAuditLog } from '../../audit/audit-chainer.ts';

let kz: SignedIn;
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'cert@kz.example', [{ role: 'cert_officer', state: 'KZ' }]);
  kz = await signInAs(server, 'cert@kz.example');
  for (const [title, tlp, audience] of [['one', 'GREEN', { kind: 'community' }], ['two', 'GREEN', { kind: 'community' }], ['three', 'AMBER', { kind: 'states', states: ['KZ', 'RU'] }]] as const) {
    const res = await server.inject({ method: 'POST', url: '/api/v1/infosec/warnings', headers: kz.headers(true), payload: warning(title, tlp, audience) });
    assert.equal(res.statusCode, 201, res.body);
    ids[title] = res.json().id;
  }
});
const warning = (title: string, tlp: string, audience: object) => ({ title, tlp, pap: 'AMBER', audience, severity: 'high', sectors: ['energy'], recommended_actions: 'Block.', valid_until: '2027-01-01', indicators: [{ pattern: `[domain-name:value = '${title}.example']` }] });
const issue = async (body: object) => app().inject({ method: 'POST', url: '/api/v1/infosec/warnings', headers: kz.headers(true), payload: body });
const ids: Record<string, string> = {};


test('a marking that does not fit its audience is refused, naming the audience', async () => {
  for (const [tlp, audience] of [['GREEN', { kind: 'states', states: ['RU'] }], ['RED', { kind: 'group', group: 'central-asia' }], ['AMBER', { kind: 'states', states: ['US'] }]] as const) {
    const res = await issue(warning('bad', tlp, audience));
    assert.equal(res.statusCode, 400, `${tlp} ${JSON.stringify(audience)}`);
    assert.equal(res.json().errors[0].field, 'audience');
  }
});

test('a warning exports as a STIX 2.1 bundle marked with its TLP 2.0 marking', async () => {
  const res = await app().inject({ url: `/api/v1/infosec/records/${ids.three}/stix`, headers: kz.headers() });
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /application\/stix\+json/);
  const bundle = res.json();
  const indicator = bundle.objects.find((o: { type: string }) => o.type === 'indicator');
  assert.equal(indicator.pattern, "[domain-name:value = 'three.example']");
  assert.deepEqual(indicator.object_marking_refs, [TLP_MARKING_IDS.AMBER]);
  assert.equal(indicator.spec_version, '2.1');
});

test('TAXII 2.1: collections, objects of the records the caller may read, paging with next', async () => {
  const collections = (await app().inject({ url: '/taxii2/sco/collections/', headers: kz.headers() })).json().collections;
  assert.deepEqual(collections.map((c: { title: string }) => c.title), ['Community', 'Named states']);
  const community = stableUuid('taxii:test:community');
  const first = await app().inject({ url: `/taxii2/sco/collections/${community}/objects/?limit=1`, headers: kz.headers() });
  assert.equal(first.statusCode, 200);
  assert.match(first.headers['content-type'] as string, /application\/taxii\+json;version=2\.1/);
  const page1 = first.json();
  assert.equal(page1.more, true);
  assert.ok(page1.objects.some((o: { pattern?: string }) => o.pattern === "[domain-name:value = 'one.example']"));
  assert.ok(!page1.objects.some((o: { pattern?: string }) => o.pattern?.includes('three')), 'the AMBER warning is not in the community collection');
  const page2 = (await app().inject({ url: `/taxii2/sco/collections/${community}/objects/?limit=1&next=${encodeURIComponent(page1.next)}`, headers: kz.headers() })).json();
  assert.equal(page2.more, false);
  assert.ok(page2.objects.some((o: { pattern?: string }) => o.pattern === "[domain-name:value = 'two.example']"));
  // A revoked record leaves the collections.
  await app().inject({ method: 'POST', url: `/api/v1/infosec/records/${ids.two}/revocation`, headers: kz.headers(true) });
  const after = (await app().inject({ url: `/taxii2/sco/collections/${community}/objects/`, headers: kz.headers() })).json();
  assert.ok(!after.objects.some((o: { pattern?: string }) => o.pattern?.includes('two')));
  assert.equal((await app().inject({ url: `/taxii2/sco/collections/${stableUuid('nope')}/objects/`, headers: kz.headers() })).statusCode, 404);
});

test('correlation: a value named by KZ and by a warning received from RU is flagged; a benign one is not', async () => {
  await database().db.insertInto('infosec_record').values({
    id: '00000000-0000-4000-8000-000000000001', version: 1, kind: 'warning', originator: 'RU', tlp: 'AMBER', pap: 'AMBER', audience: JSON.stringify({ kind: 'states', states: ['KZ', 'RU'] }), recipients: ['KZ', 'RU'],
    title: 'from RU', body: JSON.stringify({ indicators: [{ pattern: "[domain-name:value = 'ONE.example']" }, { pattern: "[ipv4-addr:value = '8.8.8.8']" }] }), revoked: false, issued_by: 'node:RU', issued_at: new Date().toISOString(), received_at: new Date().toISOString(),
  }).execute();
  await issue(warning('resolver', 'GREEN', { kind: 'community' }));
  const items = (await app().inject({ url: '/api/v1/infosec/correlations', headers: kz.headers() })).json().items;
  assert.deepEqual(items.map((c: { value: string; states: string[] }) => [c.value, c.states]), [['one.example', ['KZ', 'RU']]]);
});

test('sharing groups: administrators define, change and delete them; a group a record names cannot be deleted (409 naming it); every change audited', async () => {
  const db = database().db;
  await userWithRoles(db, 'admin@groups.example', [{ role: 'administrator' }]);
  await userWithRoles(db, 'cert@ru-groups.example', [{ role: 'cert_officer', state: 'RU' }]);
  const admin = await signInAs(app(), 'admin@groups.example');
  const ru = await signInAs(app(), 'cert@ru-groups.example');
  const call = (who: SignedIn | null, method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) => app().inject({ method, url, headers: who ? who.headers(method !== 'GET') : {}, payload });

  assert.equal((await call(kz, 'PUT', '/api/v1/infosec/groups/eastern', { name: 'Eastern', states: ['KZ', 'CN'] })).statusCode, 403);
  assert.equal((await call(admin, 'PUT', '/api/v1/infosec/groups/eastern', { name: 'Eastern', states: ['kz', 'CN', 'XX'] })).json().errors[0].field, 'states');
  assert.equal((await call(admin, 'PUT', '/api/v1/infosec/groups/eastern', { name: 'Eastern', states: ['KZ', 'CN'] })).statusCode, 200);
  const changed = await call(admin, 'PUT', '/api/v1/infosec/groups/eastern', { name: 'Eastern members', states: ['RU', 'KZ', 'CN'] });
  assert.deepEqual(changed.json(), { id: 'eastern', states: ['CN', 'KZ', 'RU'] });

  // Read: administrators and KZ's CERT on KZ's node; another state's CERT officer and the anonymous may not.
  for (const who of [admin, kz]) {
    const list = await call(who, 'GET', '/api/v1/infosec/groups');
    assert.equal(list.statusCode, 200);
    const eastern = list.json().items.find((g: { id: string }) => g.id === 'eastern');
    assert.deepEqual([eastern.name, eastern.states, eastern.records], ['Eastern members', ['CN', 'KZ', 'RU'], 0]);
  }
  assert.equal((await call(ru, 'GET', '/api/v1/infosec/groups')).statusCode, 403);
  assert.equal((await call(null, 'GET', '/api/v1/infosec/groups')).statusCode, 401);
  assert.equal((await call(kz, 'GET', '/api/v1/infosec/groups/eastern')).json().name, 'Eastern members');
  assert.equal((await call(kz, 'GET', '/api/v1/infosec/groups/nowhere')).statusCode, 404);

  // A record for the group: the group is in use and stays.
  const res = await issue(warning('for the east', 'AMBER', { kind: 'group', group: 'eastern' }));
  assert.equal(res.statusCode, 201, res.body);
  assert.deepEqual(res.json().recipients, ['CN', 'KZ', 'RU']);
  assert.equal((await call(kz, 'GET', '/api/v1/infosec/groups/eastern')).json().records, 1);
  assert.equal((await call(kz, 'DELETE', '/api/v1/infosec/groups/eastern')).statusCode, 403);
  const refused = await call(admin, 'DELETE', '/api/v1/infosec/groups/eastern');
  assert.equal(refused.statusCode, 409);
  assert.match(refused.json().detail, /"eastern".*"for the east"/);
  assert.equal((await call(kz, 'GET', '/api/v1/infosec/groups/eastern')).statusCode, 200);

  // An unused group goes; a second delete finds nothing.
  assert.equal((await call(admin, 'PUT', '/api/v1/infosec/groups/unused', { name: 'Unused', states: ['KZ'] })).statusCode, 200);
  assert.equal((await call(admin, 'DELETE', '/api/v1/infosec/groups/unused')).statusCode, 204);
  assert.equal((await call(admin, 'DELETE', '/api/v1/infosec/groups/unused')).statusCode, 404);
  assert.equal((await call(kz, 'GET', '/api/v1/infosec/groups/unused')).statusCode, 404);

  await settleAuditLog(db); // events are chained after commit (docs/decisions/0013)
  const audit = await db.selectFrom('audit_event').select(['action', 'subject_id', 'before']).where('subject_type', '=', 'infosec_sharing_group').orderBy('seq').execute();
  assert.deepEqual(audit.map((a) => `${a.action} ${a.subject_id}`), ['infosec.group.defined eastern', 'infosec.group.defined eastern', 'infosec.group.defined unused', 'infosec.group.deleted unused']);
  assert.deepEqual(audit[1]?.before, { name: 'Eastern', states: ['CN', 'KZ'] });
});
