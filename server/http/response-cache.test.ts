/**
 * Answers kept in memory (response-cache.ts): anonymous public reads shared by all anonymous
 * callers; signed-in reads kept for their own session and principal, never served to anybody else,
 * and never after a change, a sign-out or a role revoked, here or (once its notice arrives) elsewhere.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { Kysely, PostgresDialect, type KyselyPlugin } from 'kysely';
import pg from 'pg';
import { buildApp } from '../app.ts';
import type { DB } from '../db/schema.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { signInAs, userWithRoles, type SignedIn } from '../testing/test-users.ts';
import { recordEvent } from '../audit/audit-log.ts';
import { revokeRole } from '../modules/accounts/accounts.service.ts';
import { DEMO_PLAN, seedDemo } from '../modules/implementation/demo-data.ts';
import { CACHED_ROUTES } from './response-cache.ts';

let database: TestDatabase;
let app: FastifyInstance;
/** The same database without any answer kept: what a fresh computation answers. */
let plain: FastifyInstance;
let queries = 0;
const counting: KyselyPlugin = { transformQuery: (a) => { queries++; return a.node; }, transformResult: async (a) => a.result };

before(async () => {
  database = await openTestDatabase();
  app = await buildApp({ db: database.db.withPlugin(counting), webDir: '', listen: database.listen, signInsPerMinute: 10_000 });
  plain = await buildApp({ db: database.db, webDir: '', signInsPerMinute: 10_000, chainAudit: false });
});
after(async () => {
  await plain.close();
  await app.close();
  await database.dispose();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
const nameOfIndia = async () => (JSON.parse((await get('/api/v1/states/IN')).body) as { name: { en: string } }).name.en;
/** Renames India in the database behind the app's back, audited (a change notice) or not. */
async function rename(to: string, audited: boolean) {
  await database.db.transaction().execute(async (trx) => {
    await trx.updateTable('state').set({ name_en: to }).where('iso2', '=', 'IN').execute();
    if (audited) await recordEvent(trx, { actor: 'test', action: 'state.update', subjectType: 'state', subjectId: 'IN', after: { name_en: to } });
  });
}

test('an anonymous public read is answered again with the same bytes, a strong ETag and 304 for it', async () => {
  const first = await get('/api/v1/organs');
  const second = await get('/api/v1/organs');
  assert.equal(first.statusCode, 200);
  assert.equal(second.body, first.body);
  assert.equal(second.headers['content-type'], first.headers['content-type']);
  assert.match(String(first.headers.etag), /^"[\w-]+"$/);
  assert.equal(second.headers.etag, first.headers.etag);
  const revalidated = await get('/api/v1/organs', { 'if-none-match': String(first.headers.etag) });
  assert.equal(revalidated.statusCode, 304);
  assert.equal(revalidated.body, '');
  const csv = await get('/api/v1/organs', { accept: 'text/csv' });
  assert.match(String(csv.headers['content-type']), /text\/csv/, 'the Accept header is part of the key');
});

test('the iCalendar feed is answered from memory with DTSTAMP set to the time of each answer', async () => {
  const stamps = (body: string) => [...body.matchAll(/^DTSTAMP:(\d{8}T\d{6}Z)\r$/gm)].map((m) => m[1]);
  const unstamped = (body: string) => body.replace(/^DTSTAMP:.*\r\n/gm, '');
  const fresh = (await buildApp({ db: database.db, webDir: '' }));
  try {
    const first = await get('/api/v1/meetings.ics?organ=CHS');
    await new Promise((r) => setTimeout(r, 1100));
    // Unannounced (no audit event): an answer computed now would show it, one from memory not.
    await database.db.updateTable('meeting').set({ city: 'Nowhere' }).where('id', '=', 'CHS-25').execute();
    const later = await get('/api/v1/meetings.ics?organ=CHS');
    const uncached = (await fresh.inject({ url: '/api/v1/meetings.ics?organ=CHS' })).body.replace('LOCATION:Nowhere', 'LOCATION:Tianjin');
    await database.db.updateTable('meeting').set({ city: 'Tianjin' }).where('id', '=', 'CHS-25').execute();
    assert.match(later.body, /LOCATION:Tianjin/, 'served from memory');
    assert.ok(stamps(first.body).length > 5);
    assert.notEqual(stamps(later.body)[0], stamps(first.body)[0], 'a new stamp a second later');
    assert.equal(new Set(stamps(later.body)).size, 1);
    assert.equal(unstamped(later.body), unstamped(uncached), 'the same feed apart from the stamps');
    assert.equal(later.headers.etag, undefined);
  } finally {
    await fresh.close();
  }
});

test('a change committed by another writer (an audit event) is seen once its notice arrives', async () => {
  assert.equal(await nameOfIndia(), 'India');
  await rename('India (renamed)', true);
  let seen = await nameOfIndia();
  for (let i = 0; i < 50 && seen !== 'India (renamed)'; i++) {
    await new Promise((r) => setTimeout(r, 20));
    seen = await nameOfIndia();
  }
  assert.equal(seen, 'India (renamed)');
  await rename('India', true);
});

test('a change made through this server is seen by the next read at once', async () => {
  // The previous test's last change arrives as a notice once the audit chainer has linked it.
  for (let i = 0; i < 100 && (await nameOfIndia()) !== 'India'; i++) await new Promise((r) => setTimeout(r, 20));
  assert.equal(await nameOfIndia(), 'India');
  await rename('India (unannounced)', false); // no audit event, so no notice: only the request below moves the cache on
  assert.equal(await nameOfIndia(), 'India', 'still served from memory');
  const change = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'nobody@example.org', password: 'wrong password here' } });
  assert.equal(change.statusCode, 401);
  assert.equal(await nameOfIndia(), 'India (unannounced)');
  await rename('India', true);
});

test('signed-in or token requests are never answered from memory', async () => {
  for (const headers of [{ cookie: 'secretariat_session=unknown' }, { authorization: 'Bearer sct_unknown' }] as Record<string, string>[]) {
    const res = await get('/api/v1/organs', headers);
    assert.equal(res.headers.etag, undefined, JSON.stringify(headers));
  }
});

test('an app built without change notices keeps nothing', async () => {
  const plain = await buildApp({ db: database.db, webDir: '' });
  try {
    assert.equal((await plain.inject({ url: '/api/v1/organs' })).headers.etag, undefined);
  } finally {
    await plain.close();
  }
});

test('every route listed as cached is a GET route of the app', async () => {
  for (const { route } of CACHED_ROUTES) assert.ok(app.hasRoute({ method: 'GET', url: route }), route);
});

test('an answer from memory carries the security headers of a computed one', async () => {
  const first = await get('/api/v1/organs');
  const second = await get('/api/v1/organs');
  assert.equal(second.headers.etag, first.headers.etag);
  for (const header of ['content-security-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options']) assert.equal(second.headers[header], first.headers[header], header);
  assert.equal(second.headers['cache-control'], undefined, 'an anonymous public answer is not marked no-store');
});

// Signed-in reads: a draft with its positions, a plan with its rates.
const who = new Map<string, SignedIn>();
let draft = '';
async function signedIn() {
  if (draft) return;
  await userWithRoles(database.db, 'rc-officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(database.db, 'rc-officer2@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(database.db, 'rc-ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  await userWithRoles(database.db, 'rc-kz@example.org', [{ role: 'national_coordinator', state: 'KZ' }]);
  await userWithRoles(database.db, 'rc-uz@example.org', [{ role: 'national_coordinator', state: 'UZ' }]);
  await seedDemo(database.db, 'test');
  for (const name of ['officer', 'officer2', 'ru', 'kz', 'uz']) who.set(name, await signInAs(app, `rc-${name}@example.org`));
  draft = (await app.inject({ method: 'POST', url: '/api/v1/drafts', headers: who.get('officer')!.headers(true), payload: { organ: 'CHS', kind: 'declaration', title: 'Kept', text_en: 'Text.' } })).json().id;
  await app.inject({ method: 'POST', url: `/api/v1/drafts/${draft}/procedure`, headers: who.get('officer')!.headers(true), payload: {} });
}
/** A GET as `as` (a signed-in user, or raw headers), with the queries it cost. */
async function read(url: string, as: SignedIn | Record<string, string>, on = app) {
  queries = 0;
  const res = await on.inject({ url, headers: 'cookie' in as && typeof as.headers === 'function' ? as.headers() : (as as Record<string, string>) });
  return { status: res.statusCode, body: res.body, headers: res.headers, queries };
}
/**
 * The read answered from memory. A write's audit event is chained, and so notified, a few
 * milliseconds after its answer: an answer computed before that notice is not kept, so this
 * reads again until one is (within 5 s).
 */
async function fromMemory(url: string, as: SignedIn | Record<string, string>) {
  for (let i = 0; i < 100; i++) {
    const r = await read(url, as);
    if (r.queries === 0) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return assert.fail(`${url} was never answered from memory`);
}
const eventually = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`not within 5 s: ${what}`);
};

test('a signed-in read is answered again from memory to the same session alone, marked private, with an ETag and 304', async () => {
  await signedIn();
  const url = `/api/v1/drafts/${draft}`;
  const officer = who.get('officer')!;
  const first = await read(url, officer);
  assert.equal(first.status, 200);
  assert.equal(first.headers['cache-control'], 'private, no-cache');
  assert.match(String(first.headers.etag), /^"[\w-]+"$/);
  const again = await fromMemory(url, officer);
  assert.equal(again.body, first.body);
  assert.equal(again.headers['cache-control'], 'private, no-cache');
  assert.equal(again.headers['content-security-policy'], first.headers['content-security-policy']);
  const revalidated = await read(url, { ...officer.headers(), 'if-none-match': String(first.headers.etag) });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.headers['cache-control'], 'private, no-cache');
  // Everybody else computes their own answer: another session of the same user, another user
  // with the same role, a user with another role, anonymous callers and API tokens.
  const otherSession = await read(url, await signInAs(app, 'rc-officer@example.org'));
  assert.ok(otherSession.queries > 0, 'another session of the same user');
  for (const name of ['officer2', 'ru']) {
    const other = await read(url, who.get(name)!);
    assert.ok(other.queries > 0, name);
    assert.equal(other.body, (await read(url, who.get(name)!, plain)).body, name);
  }
  assert.notEqual((await read(url, who.get('ru')!)).body, first.body, "a delegate's answer differs from the officer's");
  for (const headers of [{}, { authorization: 'Bearer sct_unknown' }, { cookie: 'secretariat_session=unknown' }, { ...officer.headers(), authorization: 'Bearer sct_unknown' }] as Record<string, string>[]) {
    const res = await read(url, headers);
    assert.notEqual(res.status, 200, JSON.stringify(headers));
    assert.equal(res.headers.etag, undefined, JSON.stringify(headers));
  }
});

test('a route not listed is never answered from memory, signed in or not', async () => {
  await signedIn();
  const officer = who.get('officer')!;
  await read(`/api/v1/drafts/${draft}/diff?from=1&to=1`, officer);
  const again = await read(`/api/v1/drafts/${draft}/diff?from=1&to=1`, officer);
  assert.equal(again.status, 200);
  assert.ok(again.queries > 0);
  assert.equal(again.headers.etag, undefined);
  assert.equal(again.headers['cache-control'], 'no-store');
});

test("a plan's rates are kept per principal: one state's coordinator never gets another's answer", async () => {
  await signedIn();
  const url = `/api/v1/plans/${DEMO_PLAN}`;
  const kz = await read(url, who.get('kz')!);
  await fromMemory(url, who.get('kz')!);
  const uz = await read(url, who.get('uz')!);
  assert.ok(uz.queries > 0);
  assert.notEqual(uz.body, kz.body);
  assert.equal(uz.body, (await read(url, who.get('uz')!, plain)).body);
});

test('a role revoked (by a use-case, no request) and a sign-out are seen on the very next request', async () => {
  await signedIn();
  const url = `/api/v1/drafts/${draft}`;
  const ru = who.get('ru')!;
  const before = await read(url, ru);
  await fromMemory(url, ru);
  await revokeRole(database.db, 'test', 'rc-ru@example.org', { role: 'delegate', state: 'RU', organ: 'CHS' });
  const after = await read(url, ru);
  assert.ok(after.queries > 0);
  assert.notEqual(after.body, before.body);
  assert.equal(after.body, (await read(url, ru, plain)).body);

  const officer2 = who.get('officer2')!;
  assert.equal((await read(url, officer2)).status, 200);
  await fromMemory(url, officer2);
  const out = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: officer2.headers(true) });
  assert.ok(out.statusCode < 300, out.body);
  const signedOut = await read(url, officer2);
  assert.notEqual(signedOut.status, 200);
  assert.equal(signedOut.headers.etag, undefined);
});

test('a change answered here is seen at once; one committed over another connection once its notice arrives', async () => {
  await signedIn();
  const officer = who.get('officer')!;
  const id = (await app.inject({ method: 'POST', url: '/api/v1/drafts', headers: officer.headers(true), payload: { organ: 'CHS', kind: 'declaration', title: 'Changing', text_en: 'Text.' } })).json().id;
  const url = `/api/v1/drafts/${id}`;
  const title = async () => JSON.parse((await read(url, officer)).body).title as string;
  await read(url, officer);
  await fromMemory(url, officer);
  // A change through this server that the draft's answer shows: a new version of its text.
  const saved = await app.inject({ method: 'POST', url: `/api/v1/drafts/${id}/versions`, headers: officer.headers(true), payload: { text_en: 'Text, revised.' } });
  assert.equal(saved.statusCode, 201, saved.body);
  const next = await read(url, officer);
  assert.ok(next.queries > 0);
  assert.match(next.body, /Text, revised\./);
  assert.equal(next.body, (await read(url, officer, plain)).body);

  // Another process: its own connection (PostgreSQL); PGlite has one process, so a write that
  // bypasses this app's requests stands for it. Either way the change is audited, hence notified.
  const serverUrl = process.env.TEST_POSTGRES_URL;
  let other: Kysely<DB> = database.db;
  if (serverUrl) {
    const name = (await database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow()).name;
    other = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString(), max: 1 }) }) });
  }
  try {
    assert.equal(await title(), 'Changing');
    await fromMemory(url, officer);
    await other.transaction().execute(async (trx) => {
      await trx.updateTable('draft').set({ title: 'Renamed elsewhere' }).where('id', '=', id).execute();
      await recordEvent(trx, { actor: 'test', action: 'draft.rename', subjectType: 'draft', subjectId: id, after: { title: 'Renamed elsewhere' } });
    });
    await eventually(async () => (await title()) === 'Renamed elsewhere', 'the renamed draft');
  } finally {
    if (other !== database.db) await other.destroy();
  }
});

test("a silence procedure's answer is not served from memory past its deadline", async () => {
  await signedIn();
  const officer = who.get('officer')!;
  const id = (await app.inject({ method: 'POST', url: '/api/v1/drafts', headers: officer.headers(true), payload: { organ: 'CNC', kind: 'procedural', title: 'Silence', text_en: 'Silence.' } })).json().id;
  const opened = await app.inject({ method: 'POST', url: `/api/v1/drafts/${id}/procedure`, headers: officer.headers(true), payload: { deadline: new Date(Date.now() + 1500).toISOString() } });
  assert.equal(opened.json().kind, 'silence', opened.body);
  const outcome = async () => JSON.parse((await read(`/api/v1/drafts/${id}`, officer)).body).procedure.outcome.state as string;
  assert.equal(await outcome(), 'open');
  assert.equal(JSON.parse((await fromMemory(`/api/v1/drafts/${id}`, officer)).body).procedure.outcome.state, 'open');
  await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(opened.json().deadline) - Date.now() + 50)));
  assert.equal(await outcome(), 'deemed_adopted');
});
