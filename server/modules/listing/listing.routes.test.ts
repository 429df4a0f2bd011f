import { test } from 'node:test';
import { settleAuditLog } from '../../audit/audit-chainer.ts';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const OTHER_MEMBERS = ['BY', 'CN', 'IN', 'IR', 'KG', 'PK', 'TJ'];
const as = new Map<string, SignedIn>();
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'kz@example.org', [{ role: 'competent_authority', state: 'KZ' }]);
  await userWithRoles(db, 'ru@example.org', [{ role: 'competent_authority', state: 'RU' }]);
  await userWithRoles(db, 'uz@example.org', [{ role: 'national_coordinator', state: 'UZ' }]);
  await userWithRoles(db, 'rats@example.org', [{ role: 'rats_officer' }]);
  await userWithRoles(db, 'others@example.org', OTHER_MEMBERS.map((state) => ({ role: 'national_coordinator', state })));
  for (const who of ['kz', 'ru', 'uz', 'rats', 'others']) as.set(who, await signInAs(server, `${who}@example.org`));
});

async function call(who: string | null, method: 'GET' | 'POST', url: string, payload?: object | string, contentType?: string) {
  const headers: Record<string, string> = { ...(who ? as.get(who)!.headers(method !== 'GET') : {}), ...(contentType ? { 'content-type': contentType } : {}) };
  const res = await app().inject({ method, url, headers, payload });
  return { status: res.statusCode, body: /^application\/(problem\+)?json/.test(String(res.headers['content-type'])) ? res.json() : res.body };
}

test('a competent authority imports its national list; a bad file writes nothing and names every bad record', async () => {
  const bad = fixture('un-consolidated.xml').replace('<FIRST_NAME>EASTERN FRONT</FIRST_NAME>', '').replace('<DATE>1980-05-14</DATE>', '<DATE>14.05.1980</DATE>');
  const refused = await call('kz', 'POST', '/api/v1/national-lists/KZ/import', bad, 'application/xml');
  assert.equal(refused.status, 400);
  // The missing name (required) refuses the file; the unreadable date of birth (optional) would not.
  assert.deepEqual(refused.body.errors.map((e: { field: string }) => e.field), ['ENTITY 1 (XQe.001)']);
  assert.equal((await call('kz', 'GET', '/api/v1/national-lists/KZ/entries')).body.items.length, 0);

  assert.deepEqual((await call('kz', 'POST', '/api/v1/national-lists/KZ/import', fixture('un-consolidated.xml'), 'application/xml')).body, { inserted: 3, updated: 0, unchanged: 0, warnings: [] });
  assert.deepEqual((await call('kz', 'POST', '/api/v1/national-lists/KZ/import', fixture('un-consolidated.xml'), 'application/xml')).body, { inserted: 0, updated: 0, unchanged: 3, warnings: [] }, 'a re-import changes nothing');
  assert.deepEqual((await call('ru', 'POST', '/api/v1/national-lists/RU/import', fixture('ru-national.ftm.jsonl'), 'application/x-ndjson')).body, { inserted: 2, updated: 0, unchanged: 0, warnings: [] });
  await settleAuditLog(database().db); // events are chained after commit (docs/decisions/0013)
  const audit = await database().db.selectFrom('audit_event').select('action').where('action', '=', 'list_entry.import').execute();
  assert.equal(audit.length, 5);
});

test("a state never sees another state's national list; the RATS sees them all", async () => {
  assert.equal((await call('ru', 'GET', '/api/v1/national-lists/KZ/entries')).status, 403);
  assert.equal((await call('ru', 'POST', '/api/v1/national-lists/KZ/import', fixture('un-consolidated.xml'), 'application/xml')).status, 403);
  assert.equal((await call('ru', 'GET', '/api/v1/national-lists/KZ/export.ftm')).status, 403);
  assert.equal((await call(null, 'GET', '/api/v1/national-lists/KZ/entries')).status, 401);
  const kzEntry = (await call('kz', 'GET', '/api/v1/national-lists/KZ/entries')).body.items[0].id;
  assert.equal((await call('ru', 'GET', `/api/v1/list-entries/${kzEntry}`)).status, 404);
  assert.equal((await call('rats', 'GET', '/api/v1/national-lists/KZ/entries')).body.items.length, 3);
  assert.equal((await call('uz', 'GET', '/api/v1/national-lists/UZ/entries')).body.items.length, 0);
  const csv = await call('rats', 'GET', '/api/v1/national-lists/RU/export.csv');
  assert.match(csv.body, /^id,schema,caption,names/);
  assert.match(csv.body, /Rustam Abdullaev/);
});

test('an entry proposed by one state, grouped with another\'s, is adopted by consensus with each value\'s sources', async () => {
  const kz = (await call('kz', 'GET', '/api/v1/national-lists/KZ/entries?q=ABDULLAEV')).body.items[0];
  const ru = (await call('ru', 'GET', '/api/v1/national-lists/RU/entries?q=Abdullaev')).body.items[0];
  assert.equal((await call('ru', 'POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'listing', entry: kz.id, reason: 'x' })).status, 403, 'RU cannot propose for KZ');
  const { id } = (await call('kz', 'POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'listing', entry: kz.id, reason: 'Recruiter for a listed organisation' })).body;
  const again = await call('kz', 'POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'listing', entry: kz.id, reason: 'twice' });
  assert.equal(again.status, 409, 'an entry before the states is not proposed twice');
  assert.deepEqual((await call('kz', 'GET', '/api/v1/national-lists/KZ/entries?q=ABDULLAEV')).body.items[0].listing_proposal, { id, status: 'open' });
  assert.match(again.body.detail, new RegExp(`already in proposal "${id}" \\(open\\)`));
  const grouped = await call('ru', 'POST', `/api/v1/single-list/proposals/${id}/entries`, { entry: ru.id, judgement: 'same' });
  assert.equal(grouped.status, 200);
  assert.equal(grouped.body.entries.length, 2);
  assert.equal((await call('ru', 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state: 'KZ', position: 'concur' })).status, 403, 'RU cannot speak for KZ');

  const held = await call('uz', 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state: 'UZ', position: 'hold', text: 'Checking with our courts' });
  assert.equal(held.status, 201);
  assert.equal(held.body.positions[0].position, 'hold');
  assert.ok(held.body.positions[0].review_date > new Date().toISOString().slice(0, 10), 'a hold gets a review date from the rules');
  for (const [who, state] of [['kz', 'KZ'], ['ru', 'RU'], ...OTHER_MEMBERS.map((s) => ['others', s])]) {
    const r = await call(who!, 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state, position: 'concur' });
    assert.equal(r.status, 201, `${state}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.status, 'open', 'a hold keeps the proposal open');
  }
  assert.deepEqual((await call('rats', 'GET', `/api/v1/single-list/proposals/${id}`)).body.outcome.pending, ['UZ']);
  const adopted = await call('uz', 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state: 'UZ', position: 'concur' });
  assert.equal(adopted.body.status, 'adopted');
  const entity = (await call('uz', 'GET', `/api/v1/single-list/entities/${adopted.body.entity_id}`)).body;
  assert.equal(entity.status, 'listed');
  const sources = (value: string) => entity.statements.find((s: { value: string }) => s.value === value)?.sources;
  assert.deepEqual(sources('Абдуллаев Рустам Каримович'), ['KZ', 'RU'], 'a value both states list keeps both sources');
  assert.deepEqual(sources('AA1234567'), ['KZ']);
  assert.deepEqual(sources('UZ-7788123'), ['RU']);
  assert.deepEqual(entity.history.map((h: { action: string }) => h.action), ['single_list.list']);
  assert.equal((await call('kz', 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state: 'KZ', position: 'object' })).status, 409, 'positions close with adoption');
  assert.equal((await call('ru', 'POST', '/api/v1/single-list/proposals', { state: 'RU', kind: 'listing', entry: ru.id, reason: 'again' })).status, 409, 'a listed subject is amended, not listed twice');
  const ftm = (await call('ru', 'GET', '/api/v1/single-list/export.ftm')).body.trim().split('\n').map((l: string) => JSON.parse(l));
  assert.deepEqual(ftm.map((e: { schema: string }) => e.schema), ['Person', 'Sanction']);
});

test('screening finds names in any script on the lists the caller may see, and logs who screened what', async () => {
  const match = async (who: string, queries: object, query = '') => call(who, 'POST', `/api/v1/screening/match${query}`, { queries });
  const r = await match('ru', {
    cyrillic: { schema: 'Person', properties: { name: ['Абдуллаев Рустам'] } },
    latin: { schema: 'Person', properties: { firstName: ['Rustam'], lastName: ['Abdullayev'], birthDate: ['1980'] } },
    han: { schema: 'Person', properties: { name: ['Wang Lei'] } },
    passport: { schema: 'Person', properties: { name: ['Someone Else'], passportNumber: ['AA 1234567'] } },
  });
  assert.equal(r.status, 200);
  const top = (key: string) => r.body.responses[key].results[0];
  assert.equal(top('cyrillic').match, true);
  assert.deepEqual(top('cyrillic').datasets, ['single-list'], 'the single list first: the adopted entity');
  assert.deepEqual(top('cyrillic').sources, ['KZ', 'RU']);
  assert.ok(r.body.responses.cyrillic.results.some((x: { datasets: string[] }) => x.datasets[0] === 'national-RU'), "RU's own list too");
  assert.equal(top('latin').match, true);
  assert.equal(top('passport').features.identifier, 1, 'the passport of the single-list entity, which came from KZ');
  const everyDataset = Object.values(r.body.responses).flatMap((x: any) => x.results.flatMap((y: { datasets: string[] }) => y.datasets));
  assert.ok(!everyDataset.includes('national-KZ'), "RU never screens against KZ's national list");
  assert.deepEqual(r.body.responses.han.results, [], "Wang Lei is only on KZ's national list");
  const kz = await match('kz', { han: { schema: 'Person', properties: { name: ['王磊'] } } });
  assert.equal(kz.body.responses.han.results[0].match, true, 'Chinese characters match the listed pinyin and characters');
  assert.ok(['王磊', 'WANG LEI'].includes(kz.body.responses.han.results[0].matched_name));
  assert.equal((await match('kz', { q: { schema: 'Person', properties: { name: ['x'] } } }, '?dataset=national-RU')).status, 404);
  const search = await call('rats', 'GET', '/api/v1/screening/search?q=' + encodeURIComponent('Wang Lei'));
  assert.equal(search.body.results[0].datasets[0], 'national-KZ');

  const log = (await call('rats', 'GET', '/api/v1/screening/log')).body;
  assert.equal(log.items[0].channel, 'search');
  assert.deepEqual(log.items[0].queries, { q: 'Wang Lei' });
  assert.equal((await call('ru', 'GET', '/api/v1/screening/log')).status, 403);
  // Screenings older than the retention period are forgotten at the next screening.
  await database().db.insertInto('screening_log').values({ actor: 'user:old', at: '2020-01-01T00:00:00Z', channel: 'api', queries: '{}', results: '{}' }).execute();
  await match('ru', { q: { schema: 'Person', properties: { name: ['Rustam'] } } });
  assert.deepEqual((await call('rats', 'GET', '/api/v1/screening/log?actor=user:old')).body.items, []);
});

test('an amendment adds a state\'s new values to a listed entity and keeps the earlier sources', async () => {
  const listed = (await call('rats', 'GET', '/api/v1/single-list/entities')).body.items[0];
  const entry = await call('kz', 'POST', '/api/v1/national-lists/KZ/entries', { schema: 'Person', properties: { name: ['Rustam Abdullaev'], alias: ['Abu Rustam'] }, legal_basis: 'Law of the Republic of Kazakhstan On Countering Terrorism', listed_on: '2023-02-01' });
  assert.equal(entry.status, 201);
  const { id } = (await call('kz', 'POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'amendment', entity: listed.id, entry: entry.body.id, reason: 'A new alias' })).body;
  for (const [who, state] of [['kz', 'KZ'], ['ru', 'RU'], ['uz', 'UZ'], ...OTHER_MEMBERS.map((s) => ['others', s])]) await call(who!, 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state, position: 'concur' });
  const entity = (await call('rats', 'GET', `/api/v1/single-list/entities/${listed.id}`)).body;
  const sources = (prop: string, value: string) => entity.statements.find((x: { prop: string; value: string }) => x.prop === prop && x.value === value)?.sources;
  assert.deepEqual(sources('alias', 'Abu Rustam'), ['KZ'], 'the new value comes from KZ');
  assert.deepEqual(sources('name', 'Rustam Abdullaev'), ['KZ', 'RU'], 'a value KZ now also lists joins the earlier source');
  assert.deepEqual(sources('name', 'Абдуллаев Рустам Каримович'), ['KZ', 'RU'], 'earlier values keep their sources');
  assert.deepEqual(entity.history.map((h: { action: string }) => h.action), ['single_list.list', 'single_list.amend']);
});

test('one objection blocks; delisting follows the same procedure', async () => {
  const front = (await call('kz', 'GET', '/api/v1/national-lists/KZ/entries?q=EASTERN')).body.items[0];
  const { id } = (await call('kz', 'POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'listing', entry: front.id, reason: 'Armed group' })).body;
  const blocked = await call('others', 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state: 'IN', position: 'object', text: 'Not designated under our law' });
  assert.equal(blocked.body.status, 'blocked');
  assert.deepEqual(blocked.body.outcome.objections, ['IN']);

  const listed = (await call('rats', 'GET', '/api/v1/single-list/entities')).body.items[0];
  const delisting = (await call('ru', 'POST', '/api/v1/single-list/proposals', { state: 'RU', kind: 'delisting', entity: listed.id, reason: 'Deceased' })).body.id;
  for (const [who, state] of [['kz', 'KZ'], ['ru', 'RU'], ['uz', 'UZ'], ...OTHER_MEMBERS.map((s) => ['others', s])]) await call(who!, 'POST', `/api/v1/single-list/proposals/${delisting}/positions`, { state, position: 'concur' });
  const entity = (await call('rats', 'GET', `/api/v1/single-list/entities/${listed.id}`)).body;
  assert.equal(entity.status, 'delisted');
  assert.deepEqual(entity.history.map((h: { action: string }) => h.action), ['single_list.list', 'single_list.amend', 'single_list.delist']);
  assert.deepEqual((await call('rats', 'GET', '/api/v1/single-list/entities?status=listed')).body.items, []);
});

test('bad input is a problem naming the field, never a 500', async () => {
  const cases: [string, string, object | string, string?][] = [
    ['POST', '/api/v1/national-lists/KZ/entries', { schema: 'Vessel', properties: { name: ['A'] }, legal_basis: 'x', listed_on: '2020-01-01' }],
    ['POST', '/api/v1/national-lists/KZ/entries', { schema: 'Person', properties: { name: ['A'], nationality: ['xx'] }, legal_basis: 'x', listed_on: '2020-01-01' }],
    ['POST', '/api/v1/national-lists/KZ/import', 'id,name\n1,A', 'text/csv'],
    ['POST', '/api/v1/national-lists/KZ/import', '{"id":', 'application/x-ndjson'],
    ['POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'delisting', reason: 'x' }],
    ['POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'listing', entry: 'ne_000000000000', reason: 'x' }],
  ];
  for (const [method, url, payload, type] of cases) {
    const r = await call('kz', method as 'POST', url, payload, type);
    assert.ok([400, 404, 415].includes(r.status), `${url} ${JSON.stringify(payload)}: ${r.status} ${JSON.stringify(r.body)}`);
    assert.ok(r.body.detail, 'a readable detail');
  }
});
