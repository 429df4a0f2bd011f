/**
 * The audit chain off the write path (docs/decisions/0013): events are written unchained and
 * linked after commit, in a deterministic order, never skipping one whose transaction commits late;
 * committed events survive a crash unchained and are chained after the restart; each chaining
 * batch is checkpointed, so a cut of recent events is detected.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { recordEvent, verifyAuditLog } from './audit-log.ts';
import { chainAll, chainPending, settleAuditLog, startAuditChainer } from './audit-chainer.ts';
import { loadOrCreateAuditKey, readCheckpointFile, useAuditKey, type AuditKey } from './audit-signing.ts';

const onPostgres = Boolean(process.env.TEST_POSTGRES_URL);

let database: TestDatabase;
let key: AuditKey;
let keyDir: string;
before(async () => {
  database = await openTestDatabase({ seeded: false });
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-chainer-'));
  key = loadOrCreateAuditKey(path.join(keyDir, 'audit-signing-key.pem'));
  useAuditKey(key);
});
after(async () => {
  useAuditKey(undefined);
  await database.dispose();
  fs.rmSync(keyDir, { recursive: true, force: true });
});

const record = (db: Kysely<DB>, subjectId: string) => db.transaction().execute((trx) => recordEvent(trx, { actor: 'user:test', action: 'test.change', subjectType: 'test', subjectId, after: { subjectId } }));
const chained = async (db: Kysely<DB>) => (await db.selectFrom('audit_event').select('subject_id').orderBy('seq').execute()).map((e) => e.subject_id);
const pendingCount = async (db: Kysely<DB>) => Number((await db.selectFrom('audit_pending').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

/** Statements as the database owner, past the append-only triggers. */
async function asOwner(db: Kysely<DB>, ...statements: string[]) {
  for (const t of ['audit_event', 'audit_checkpoint', 'audit_pending']) await sql.raw(`alter table ${t} disable trigger user`).execute(db);
  try {
    for (const statement of statements) await sql.raw(statement).execute(db);
  } finally {
    for (const t of ['audit_event', 'audit_checkpoint', 'audit_pending']) await sql.raw(`alter table ${t} enable trigger user`).execute(db);
  }
}

test('a write leaves its event unchained; a pass links it, signed, and verify holds', async () => {
  const before = (await chained(database.db)).length;
  await record(database.db, 'w1');
  assert.equal((await chained(database.db)).length, before, 'the write itself chains nothing');
  assert.equal(await pendingCount(database.db), 1);
  const fresh = await verifyAuditLog(database.db, { key });
  assert.equal(fresh.ok, true, 'a fresh unchained event is not a problem');
  assert.equal(fresh.unchained?.events, 1);
  assert.equal(await chainPending(database.db), 1);
  assert.equal(await pendingCount(database.db), 0);
  const event = await database.db.selectFrom('audit_event').selectAll().where('subject_id', '=', 'w1').executeTakeFirstOrThrow();
  assert.ok(event.signature && event.event_id, 'signed, and named by its pending id');
  const v = await verifyAuditLog(database.db, { key });
  assert.deepEqual([v.ok, v.events, v.unchained], [true, before + 1, undefined]);
});

test('an event whose transaction commits late is chained after it commits, never skipped', { skip: !onPostgres && 'needs concurrent transactions (PostgreSQL)' }, async () => {
  const start = (await chained(database.db)).length;
  // A: writes its event first (lower txid and lower n) but commits last.
  let releaseA!: () => void;
  let aWritten!: () => void;
  const written = new Promise<void>((resolve) => { aWritten = resolve; });
  const aCommitted = database.db.transaction().execute(async (trx) => {
    await recordEvent(trx, { actor: 'user:a', action: 'test.change', subjectType: 'test', subjectId: 'late-a' });
    aWritten();
    await new Promise<void>((r) => { releaseA = r; });
  });
  await written;
  await record(database.db, 'early-b'); // B: written after A, committed before it
  assert.equal(await pendingCount(database.db), 1, 'only B is visible');
  assert.equal(await chainPending(database.db), 1, 'B is chained; A is not committed yet');
  releaseA();
  await aCommitted;
  assert.equal(await chainPending(database.db), 1, 'A, committed late with the lower id, is not passed over');
  assert.deepEqual((await chained(database.db)).slice(start), ['early-b', 'late-a'], 'in the order they committed');
  assert.equal(await pendingCount(database.db), 0);
  assert.equal((await verifyAuditLog(database.db, { key })).ok, true);
});

test('concurrent writers and a running chainer: every committed event chained exactly once', async () => {
  const chainer = startAuditChainer(database.db, { pollMs: 20 });
  const start = (await chained(database.db)).length;
  const writes = Array.from({ length: 200 }, (_, i) => record(database.db, `c${i}`).then(() => chainer.wake()));
  // One writer rolls back: its event never appears.
  const rolledBack = database.db.transaction().execute(async (trx) => {
    await recordEvent(trx, { actor: 'user:test', action: 'test.change', subjectType: 'test', subjectId: 'rolled-back' });
    throw new Error('the change failed');
  }).catch(() => 'rolled back');
  await Promise.all([...writes, rolledBack]);
  await chainer.stop();
  const ids = (await chained(database.db)).slice(start);
  assert.equal(ids.length, 200);
  assert.equal(new Set(ids).size, 200);
  assert.ok(!ids.includes('rolled-back'));
  assert.equal(await pendingCount(database.db), 0);
  const v = await verifyAuditLog(database.db, { key });
  assert.equal(v.ok, true, JSON.stringify(v.problem));
  assert.equal(v.checkpoint?.events, v.events, 'the chainer signed a checkpoint of its last batch');
});

/** A database opened twice, as by a process that crashed and the one that restarts. */
async function restartable(): Promise<{ open: () => Promise<Database>; drop: () => Promise<void> }> {
  if (onPostgres) {
    const name = `secretariat_restart_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.TEST_POSTGRES_URL!);
    url.pathname = `/${name}`;
    return {
      open: () => openDatabase({ databaseUrl: url.toString() }),
      drop: async () => {
        const c = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-restart-'));
  return { open: () => openDatabase({ dataDir: path.join(dir, 'data') }), drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('a crash loses no committed event: one committed but not chained is chained after the restart', async () => {
  const { open, drop } = await restartable();
  // This database has its own key, so that its checkpoints stay apart from the other tests'.
  const own = loadOrCreateAuditKey(path.join(keyDir, 'restart', 'key.pem'));
  useAuditKey(own);
  try {
    const first = await open();
    await migrate(first);
    for (let i = 0; i < 5; i++) await record(first.db, `before-crash-${i}`);
    // The process dies here: its events are committed, none is chained (no chainer ran).
    await first.close();
    const second = await open();
    try {
      assert.equal(await pendingCount(second.db), 5);
      const chainer = startAuditChainer(second.db); // as a restarted server does
      await chainer.stop();
      assert.deepEqual(await chained(second.db), [0, 1, 2, 3, 4].map((i) => `before-crash-${i}`));
      const v = await verifyAuditLog(second.db, { key: own });
      assert.deepEqual([v.ok, v.events, v.checkpoint?.events], [true, 5, 5]);
      assert.equal((await second.db.selectFrom('audit_event').select('signature').where('signature', 'is', null).execute()).length, 0, 'all signed: the MACs made before the crash check');
    } finally {
      await second.close();
    }
  } finally {
    useAuditKey(key);
    await drop();
  }
});

test('issue 10: cutting the most recent events is detected, as each chaining batch is checkpointed', async () => {
  const chainer = startAuditChainer(database.db, { checkpointMs: 0 });
  for (let i = 0; i < 3; i++) {
    await record(database.db, `recent-${i}`);
    chainer.wake();
  }
  await chainer.stop();
  const total = (await chained(database.db)).length;
  assert.equal(readCheckpointFile(key).at(-1)?.events, total, 'the last batch is in a signed checkpoint outside the database');
  await asOwner(database.db, `delete from audit_event where seq = ${total}`, 'delete from audit_checkpoint');
  const v = await verifyAuditLog(database.db, { key });
  assert.equal(v.ok, false);
  assert.match(v.problem!.reason, new RegExp(`events ${total} to ${total} were removed`));
});

test('an unchained event cannot be deleted, and one left unchained too long is reported', async () => {
  const db = database.db;
  // Start over: the previous test cut the chain on purpose.
  await asOwner(db, 'truncate audit_event, audit_checkpoint, audit_pending');
  fs.writeFileSync(key.checkpointFile, '');
  await record(db, 'kept');
  await assert.rejects(sql`delete from audit_pending`.execute(db), /removed only once chained/);
  await assert.rejects(sql`update audit_pending set actor = 'user:other'`.execute(db), /removed only once chained/);
  await assert.rejects(sql`truncate audit_pending`.execute(db), /append-only/);
  await asOwner(db, `update audit_pending set at = now() - interval '10 minutes'`);
  const v = await verifyAuditLog(db, { key });
  assert.equal(v.ok, false);
  assert.match(v.problem!.reason, /1 committed event is not chained, the oldest written at .*, more than 60 s ago/);
  assert.equal((await verifyAuditLog(db, { key, unchainedAfterSeconds: 3600 })).ok, true);
});

test('a row put into audit_pending by hand (no MAC from a process holding the key) is chained unsigned and named', async () => {
  const db = database.db;
  await settleAuditLog(db);
  const head = (await chained(db)).length;
  await record(db, 'genuine');
  await sql`insert into audit_pending (id, at, actor, action, subject_type, subject_id) values (gen_random_uuid(), date_trunc('milliseconds', now()), 'user:forger', 'test.change', 'test', 'forged')`.execute(db);
  await chainAll(db, { key });
  const events = await db.selectFrom('audit_event').select(['seq', 'subject_id', 'signature']).where('seq', '>', head).orderBy('seq').execute();
  assert.deepEqual(events.map((e) => [e.subject_id, e.signature !== null]), [['genuine', true], ['forged', false]]);
  const v = await verifyAuditLog(db, { key });
  assert.deepEqual(v.problem, { seq: Number(events[1]!.seq), reason: 'it is not signed although earlier events are (forged, or the chain was rewritten from here)' });
});
