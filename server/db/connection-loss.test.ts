/**
 * The database server drops connections (restart, failover, pg_terminate_backend): the process
 * stays up, the request that held a connection answers 503 problem+json with Retry-After, and the
 * next requests succeed on fresh connections. Only meaningful on PostgreSQL (the postgres suite).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { sql } from 'kysely';
import { useTestApp } from '../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../testing/test-users.ts';
import { problemFromDatabaseError } from './database-errors.ts';

const serverUrl = process.env.TEST_POSTGRES_URL;
const skip = serverUrl ? false : 'needs the PostgreSQL server (TEST_POSTGRES_URL)';
let officer: SignedIn;

const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  officer = await signInAs(server, 'officer@sectsco.org');
});

async function testDatabaseName(): Promise<string> {
  return (await sql<{ name: string }>`select current_database() as name`.execute(database().db)).rows[0]!.name;
}

/** Terminates every backend of the test database except `spare`; answers how many. */
async function terminateBackends(spare = 0): Promise<number> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const r = await admin.query('select pg_terminate_backend(pid) as t from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and pid <> $2', [await testDatabaseName(), spare]);
    return r.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

test('a connection terminated between two queries: the next one fails as unavailable (503), and the pool recovers', { skip }, async () => {
  let error: unknown;
  await database().db.connection().execute(async (conn) => {
    await sql`select 1`.execute(conn);
    assert.ok((await terminateBackends()) >= 1);
    // The server's notice arrives while no query runs.
    await sleep(300);
    error = await sql`select 1`.execute(conn).then(() => undefined, (e: unknown) => e);
  });
  assert.ok(error, 'the query on the dropped connection fails');
  assert.equal(problemFromDatabaseError(error)?.code, 'unavailable', String(error));
  assert.equal((await sql<{ one: number }>`select 1 as one`.execute(database().db)).rows[0]!.one, 1, 'the pool recovers');
});

test('a request whose connection is terminated mid-request gets 503 with Retry-After; the next ones succeed', { skip }, async () => {
  const created = await app().inject({ method: 'POST', url: '/api/v1/drafts', headers: officer.headers(true), payload: { organ: 'CHS', kind: 'declaration', title: 'Held', text_en: 'Held.' } });
  assert.equal(created.statusCode, 201, created.body);
  const id = (created.json() as { id: string }).id;
  // Another session holds the draft's row, so the request waits inside its transaction.
  const url = new URL(serverUrl!);
  url.pathname = `/${await testDatabaseName()}`;
  const holder = new pg.Client({ connectionString: url.toString() });
  await holder.connect();
  const holderPid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid as number;
  await holder.query('begin');
  await holder.query('select id from draft where id = $1 for update', [id]);
  const pending = app().inject({ method: 'POST', url: `/api/v1/drafts/${id}/versions`, headers: officer.headers(true), payload: { text_en: 'Edited.' } });
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  for (let i = 0; i < 100; i++) {
    const waiting = await admin.query("select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'", [url.pathname.slice(1)]);
    if (waiting.rows[0].n > 0) break;
    await sleep(50);
  }
  await admin.end();
  assert.ok((await terminateBackends(holderPid)) >= 1);
  const res = await pending;
  await holder.query('rollback');
  await holder.end();
  assert.equal(res.statusCode, 503, res.body);
  assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  assert.equal(res.headers['retry-after'], '2');
  assert.match((res.json() as { detail: string }).detail, /connection was lost/);
  const after = await app().inject({ method: 'POST', url: `/api/v1/drafts/${id}/versions`, headers: officer.headers(true), payload: { text_en: 'Edited again.' } });
  assert.equal(after.statusCode, 201, after.body);
  assert.equal((after.json() as { version: number }).version, 2, 'the request that lost its connection changed nothing');
  for (let i = 0; i < 5; i++) assert.equal((await app().inject({ url: `/api/v1/drafts/${id}`, headers: officer.headers() })).statusCode, 200);
});
