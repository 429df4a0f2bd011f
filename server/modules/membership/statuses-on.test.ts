/** `statusesOn` (acts' kind, status and date only) agrees with `listStates` on every date where a status changes. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { listStates, statusesOn } from './membership.service.ts';

let database: TestDatabase;
before(async () => { database = await openTestDatabase(); });
after(async () => { await database.dispose(); });

const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);

test('each state holds the same status by statusesOn as by listStates, on the day of every act and the day before', async () => {
  const acts = await database.db.selectFrom('membership_act').select('date').distinct().execute();
  const dates = [...new Set(acts.flatMap((a) => [a.date, dayBefore(a.date)])), '2000-01-01', '2099-12-31'].sort();
  assert.ok(dates.length > 20);
  for (const date of dates) {
    const expected = new Map((await listStates(database.db, date)).filter((s) => s.status).map((s) => [s.iso2, s.status!.status]));
    assert.deepEqual(await statusesOn(database.db, date), expected, date);
  }
  assert.equal((await statusesOn(database.db, '2025-10-01')).size >= 10, true);
});
