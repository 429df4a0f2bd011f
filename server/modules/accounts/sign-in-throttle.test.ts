/** Sign-in throttle rows do not pile up: rows of pairs that stopped failing long ago are purged. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { FORGET_FAILURES_AFTER_SECONDS, signIn } from './sign-in.ts';

let database: TestDatabase;
before(async () => { database = await openTestDatabase(); });
after(async () => { await database.dispose(); });

test('a failed sign-in purges throttle rows whose last failure is older than the forgetting delay', async () => {
  const db = database.db;
  // A moment well after anything else in this process, so the once-a-minute purge is due.
  const now = Date.now() + 10 * 24 * 3_600_000;
  const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
  await db.insertInto('sign_in_throttle').values([
    { email: 'old@example.org', client: '192.0.2.1', failures: 9, blocked_until: ago(FORGET_FAILURES_AFTER_SECONDS + 3000), last_failure_at: ago(FORGET_FAILURES_AFTER_SECONDS + 3600) },
    { email: 'recent@example.org', client: '192.0.2.1', failures: 7, blocked_until: ago(-600), last_failure_at: ago(60) },
    { email: 'again@example.org', client: '192.0.2.2', failures: 12, blocked_until: ago(FORGET_FAILURES_AFTER_SECONDS), last_failure_at: ago(FORGET_FAILURES_AFTER_SECONDS + 1) },
  ]).execute();
  // The pair that failed long ago fails once more: its old count is forgotten, counting starts anew (1, not 13).
  await assert.rejects(signIn(db, 'again@example.org', 'wrong password', '192.0.2.2', now), { code: 'unauthenticated' });
  const rows = await db.selectFrom('sign_in_throttle').select(['email', 'failures']).orderBy('email').execute();
  assert.deepEqual(rows, [{ email: 'again@example.org', failures: 1 }, { email: 'recent@example.org', failures: 7 }]);
  // A pair still blocked stays blocked: purging never lifts a block.
  await assert.rejects(signIn(db, 'recent@example.org', 'wrong password', '192.0.2.1', now), { code: 'too_many_requests' });
});
