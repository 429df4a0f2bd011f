/**
 * Sessions kept in memory cost no query per request, yet sign-out, a revoked role and expiry take
 * effect on the very next request in this process, and (on PostgreSQL) a change committed by
 * another process takes effect once its notice arrives.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { buildApp } from '../app.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { signInAs, userWithRoles } from '../testing/test-users.ts';
import { revokeRole } from '../modules/accounts/accounts.service.ts';
import { createSessionCache } from './session-cache.ts';

let database: TestDatabase;
let app: FastifyInstance;
let queries = 0;
const counting: KyselyPlugin = { transformQuery: (a) => { queries++; return a.node; }, transformResult: async (a) => a.result };
before(async () => {
  database = await openTestDatabase();
  app = await buildApp({ db: database.db.withPlugin(counting), webDir: '', listen: database.listen, signInsPerMinute: 10_000 });
});
after(async () => {
  await app.close();
  await database.dispose();
});

const me = async (cookie: string) => {
  queries = 0;
  const res = await app.inject({ url: '/api/v1/session', headers: { cookie } });
  assert.equal(res.statusCode, 200);
  return { user: res.json().user as { roles: { role: string }[] } | null, queries };
};
const eventually = async (check: () => Promise<boolean>, what: string) => {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`not within 5 s: ${what}`);
};

test('a kept session costs no query; sign-out is refused on the very next request', async () => {
  await userWithRoles(database.db, 'cache-officer@example.org', [{ role: 'secretariat_officer' }]);
  const officer = await signInAs(app, 'cache-officer@example.org');
  assert.ok((await me(officer.cookie)).user);
  const second = await me(officer.cookie);
  assert.ok(second.user);
  assert.equal(second.queries, 0, 'the session was read from memory');
  const out = await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: officer.headers(true) });
  assert.ok(out.statusCode < 300, out.body);
  assert.equal((await me(officer.cookie)).user, null);
  // A change with the old cookie is refused too (anonymous: 401).
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/plans', headers: officer.headers(true), payload: { id: 'after-sign-out', title_en: 'x', pillar: 'culture' } })).statusCode, 401);
});

test('a revoked role is refused on the very next request', async () => {
  await userWithRoles(database.db, 'cache-revoked@example.org', [{ role: 'secretariat_officer' }]);
  const user = await signInAs(app, 'cache-revoked@example.org');
  await me(user.cookie);
  assert.equal((await me(user.cookie)).queries, 0);
  await revokeRole(database.db, 'test', 'cache-revoked@example.org', { role: 'secretariat_officer' });
  assert.deepEqual((await me(user.cookie)).user?.roles, []);
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/plans', headers: user.headers(true), payload: { id: 'after-revoke', title_en: 'x', pillar: 'culture' } })).statusCode, 403);
});

test('an expired session is never served from memory', async () => {
  await userWithRoles(database.db, 'cache-expiry@example.org', [{ role: 'secretariat_officer' }]);
  const user = await signInAs(app, 'cache-expiry@example.org');
  const token = decodeURIComponent(user.cookie.split('=')[1]!);
  const cache = createSessionCache(database.db);
  cache.setListening(true);
  const session = await cache.lookup(token);
  assert.ok(session && cache.size === 1);
  assert.equal(await cache.lookup(token, session.expiresAt), undefined);
  assert.equal(await cache.lookup(token, session.expiresAt + 1), undefined);
});

test('a change committed outside this process (another connection) takes effect once its notice arrives', async () => {
  await userWithRoles(database.db, 'cache-elsewhere@example.org', [{ role: 'secretariat_officer' }]);
  const user = await signInAs(app, 'cache-elsewhere@example.org');
  await me(user.cookie);
  assert.equal((await me(user.cookie)).queries, 0);
  const url = process.env.TEST_POSTGRES_URL;
  if (url) {
    // Another process: its own connection to the test database, not this app's pool.
    const name = (await database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow()).name;
    const other = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: `/${name}` }).toString() });
    await other.connect();
    await other.query(`update role_assignment set revoked_at = now() where user_id = (select id from app_user where email = 'cache-elsewhere@example.org')`);
    await other.end();
  } else {
    // PGlite has one process: a write that bypasses this process's use-cases is noticed the same way.
    await database.exec(`update role_assignment set revoked_at = now() where user_id = (select id from app_user where email = 'cache-elsewhere@example.org')`);
  }
  await eventually(async () => (await me(user.cookie)).user?.roles.length === 0, 'the revoked role is gone');
});
