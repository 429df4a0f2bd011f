import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';

const { app } = useTestApp();

test('membership counts by status over the years follow the status periods', async () => {
  const { items } = await getJson<{ items: { date: string; counts: Record<string, number> }[] }>(app(), '/api/v1/membership/counts?at=2025-10-01');
  const on = (date: string) => items.find((i) => i.date === date)!.counts;
  assert.equal(items[0]!.date, '2001-06-30');
  assert.deepEqual(on('2001-06-30'), { member: 6 }, 'the six founders');
  assert.equal(on('2016-06-30').member, 6);
  assert.equal(on('2016-06-30').observer, 6, 'Afghanistan, Belarus, India, Iran, Mongolia, Pakistan');
  assert.equal(on('2017-06-30').member, 8, 'India and Pakistan from 2017-06-09');
  assert.equal(items.at(-1)!.date, '2025-10-01');
  assert.equal(on('2025-10-01').member, 10);
  assert.equal(on('2025-10-01').observer, undefined, 'observers became SCO partners on 2025-09-01');
  const bad = await app().inject({ url: '/api/v1/membership/counts?at=2025-13-01' });
  assert.equal(bad.statusCode, 400);
});
