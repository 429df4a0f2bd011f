/**
 * One test per kind of tampering by someone who can write to the database (as its owner, past
 * the triggers): verify with the key kept outside the database names each of them.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { GENESIS, hashEvent, recordEvent, verifyAuditLog } from './audit-log.ts';
import { chainAll } from './audit-chainer.ts';
import { loadOrCreateAuditKey, useAuditKey, writeCheckpoint, type AuditKey } from './audit-signing.ts';

const EVENTS = 12;

let database: TestDatabase;
before(async () => { database = await openTestDatabase({ seeded: false }); });
after(async () => { await database.dispose(); });

/** Statements as the database owner, past the append-only triggers. */
async function asOwner(...statements: (string | (() => Promise<void>))[]) {
  await sql.raw('alter table audit_event disable trigger user').execute(database.db);
  await sql.raw('alter table audit_checkpoint disable trigger user').execute(database.db);
  try {
    for (const statement of statements) await (typeof statement === 'string' ? sql.raw(statement).execute(database.db) : statement());
  } finally {
    await sql.raw('alter table audit_event enable trigger user').execute(database.db);
    await sql.raw('alter table audit_checkpoint enable trigger user').execute(database.db);
  }
}

/** A fresh log of EVENTS signed events and a checkpoint of them, with a key in its own directory. */
async function signedLog(work: (key: AuditKey) => Promise<void>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-key-'));
  const key = loadOrCreateAuditKey(path.join(dir, 'audit-signing-key.pem'));
  await asOwner('truncate audit_event, audit_checkpoint');
  useAuditKey(key);
  try {
    for (let i = 1; i <= EVENTS; i++) {
      await database.db.transaction().execute((trx) => recordEvent(trx, { actor: 'user:test', action: 'test.change', subjectType: 'test', subjectId: String(i), after: { i } }));
    }
    assert.equal((await writeCheckpoint(database.db, key))?.events, EVENTS);
    const intact = await verifyAuditLog(database.db, { key });
    assert.deepEqual([intact.ok, intact.events, intact.checkpoint?.events], [true, EVENTS, EVENTS]);
    await work(key);
  } finally {
    useAuditKey(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the key is created once, outside the database, readable only by its owner', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-key-'));
  const file = path.join(dir, 'nested', 'audit-signing-key.pem');
  const first = loadOrCreateAuditKey(file);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(loadOrCreateAuditKey(file).id, first.id, 'the same key on the next start');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('TRUNCATE is refused; done past the trigger, verify reports the events removed', async () => {
  await signedLog(async (key) => {
    await assert.rejects(sql`truncate audit_event`.execute(database.db), /append-only/);
    await assert.rejects(sql`truncate audit_checkpoint`.execute(database.db), /append-only/);
    await asOwner('truncate audit_event, audit_checkpoint');
    const result = await verifyAuditLog(database.db, { key });
    assert.equal(result.ok, false);
    assert.deepEqual(result.problem?.seq, 1);
    assert.match(result.problem!.reason, /events 1 to 12 were removed/);
  });
});

test('deleting the last events (and the checkpoints in the database) is detected against the checkpoint file', async () => {
  await signedLog(async (key) => {
    await asOwner(`delete from audit_event where seq > ${EVENTS - 3}`, 'delete from audit_checkpoint');
    const result = await verifyAuditLog(database.db, { key });
    assert.equal(result.ok, false);
    assert.match(result.problem!.reason, /events 10 to 12 were removed/);
  });
});

test('editing an event and recomputing the chain after it is detected by the signatures', async () => {
  await signedLog(async (key) => {
    // Alter event 5, then recompute every hash from it on, as someone who knows the hash function would.
    await asOwner(`update audit_event set after = '{"i": 999}' where seq = 5`, async () => {
      const rows = await database.db.selectFrom('audit_event').selectAll().orderBy('seq').execute();
      let prev = GENESIS;
      for (const r of rows) {
        const at = new Date(r.at).toISOString();
        const hash = hashEvent({ seq: Number(r.seq), at, actor: r.actor, acting_for: r.acting_for, action: r.action, subject_type: r.subject_type, subject_id: r.subject_id, before: r.before, after: r.after, prev_hash: prev });
        await database.db.updateTable('audit_event').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
        prev = hash;
      }
    });
    assert.equal((await verifyAuditLog(database.db)).ok, true, 'the bare chain is fooled');
    const result = await verifyAuditLog(database.db, { key });
    assert.deepEqual(result.problem, { seq: 5, reason: 'its signature does not match (forged, or the chain was rewritten from here)' });
  });
});

test('appending a forged event with a correct link is detected', async () => {
  await signedLog(async (key) => {
    useAuditKey(undefined); // the forger has no key
    await database.db.transaction().execute((trx) => recordEvent(trx, { actor: 'user:forger', action: 'test.change', subjectType: 'test', subjectId: 'x' }));
    // The server's chainer, holding the key, links it: without the writer's MAC it stays unsigned.
    await chainAll(database.db, { key });
    assert.equal((await verifyAuditLog(database.db)).ok, true, 'the bare chain is fooled');
    assert.deepEqual((await verifyAuditLog(database.db, { key })).problem, { seq: EVENTS + 1, reason: 'it is not signed although earlier events are (forged, or the chain was rewritten from here)' });
    await asOwner(`update audit_event set signature = (select signature from audit_event where seq = 1) where seq = ${EVENTS + 1}`);
    assert.deepEqual((await verifyAuditLog(database.db, { key })).problem, { seq: EVENTS + 1, reason: 'its signature does not match (forged, or the chain was rewritten from here)' });
  });
});

test('shifting a time by less than a millisecond is detected', async () => {
  await signedLog(async (key) => {
    await asOwner(`update audit_event set at = at + interval '400 microseconds' where seq = 3`);
    assert.deepEqual((await verifyAuditLog(database.db, { key })).problem, { seq: 3, reason: 'its time was altered (it has a fraction of a millisecond no event is written with)' });
  });
});

test('a checkpoint forged in the database (without the key) is ignored; one signed by another key too', async () => {
  await signedLog(async (key) => {
    const other = loadOrCreateAuditKey(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-other-')), 'k.pem'));
    await asOwner('delete from audit_event where seq > 6', 'delete from audit_checkpoint');
    fs.writeFileSync(key.checkpointFile, '');
    await writeCheckpoint(database.db, other);
    assert.deepEqual(await verifyAuditLog(database.db, { key }), { ok: true, events: 6 }, 'with every trace gone, the cut cannot be seen: the checkpoint file is the anchor');
    assert.equal((await verifyAuditLog(database.db, { key, checkpoints: [] })).checkpoint, undefined, 'the foreign checkpoint was not trusted');
  });
});
