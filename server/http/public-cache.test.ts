import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { recordEvent } from '../audit/audit-log.ts';

let database: TestDatabase;
let app: FastifyInstance;

before(async () => {
  database = await openTestDatabase();
  app = await buildApp({ db: database.db, webDir: '', listen: database.listen });
});
after(async () => {
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
