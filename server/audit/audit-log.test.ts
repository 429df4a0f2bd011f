import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.ts';
import { canonicalJson, recordEvent, verifyAuditLog } from './audit-log.ts';

let database: TestDatabase;
before(async () => { database = await openTestDatabase(); });
after(async () => { await database.dispose(); });

const count = async () => Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('canonical JSON ignores key order at every level', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } }), canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }));
});

test('the seed audited every row it wrote, attributed, and the chain verifies', async () => {
  const n = await count();
  assert.ok(n > 300, `${n} events`);
  const first = await database.db.selectFrom('audit_event').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
  assert.equal(first.actor, 'system:seed');
  assert.match(first.action, /^reference\.(insert|update)$/);
  const state = await database.db.selectFrom('audit_event').selectAll().where('subject_type', '=', 'state').where('subject_id', '=', 'IN').executeTakeFirstOrThrow();
  assert.equal((state.after as { name_en: string }).name_en, 'India');
  assert.deepEqual(await verifyAuditLog(database.db), { ok: true, events: n });
});

test('events are written in the caller\'s transaction: a rolled-back change leaves no event', async () => {
  const n = await count();
  await assert.rejects(
    database.db.transaction().execute(async (trx) => {
      await recordEvent(trx, { actor: 'user:test', action: 'test.change', subjectType: 'test', subjectId: '1', after: { x: 1 } });
      throw new Error('the change failed');
    }),
  );
  assert.equal(await count(), n);
});

test('the log is append-only, and verify names an altered or removed event', async () => {
  await assert.rejects(sql`update audit_event set actor = 'someone else' where seq = 5`.execute(database.db), /append-only/);
  await assert.rejects(sql`delete from audit_event where seq = 5`.execute(database.db), /append-only/);
  // Someone with the database owner's rights bypasses the trigger: verify still finds it.
  await sql`alter table audit_event disable trigger audit_event_append_only`.execute(database.db);
  await sql`update audit_event set after = jsonb_set(after, '{name_en}', '"Altered"') where seq = 7`.execute(database.db);
  assert.deepEqual((await verifyAuditLog(database.db)).problem, { seq: 7, reason: 'its content does not match its hash (altered)' });
  await sql`delete from audit_event where seq = 7`.execute(database.db);
  assert.deepEqual((await verifyAuditLog(database.db)).problem, { seq: 8, reason: 'event 7 is missing (removed)' });
  await sql`alter table audit_event enable trigger audit_event_append_only`.execute(database.db);
});
