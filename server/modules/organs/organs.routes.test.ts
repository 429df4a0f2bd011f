import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';

const { app } = useTestApp();

test('organs form a tree rooted at the Council of Heads of State', async () => {
  const { items } = await getJson(app(), '/api/v1/organs?per_page=200');
  const ids = new Set(items.map((o: { id: string }) => o.id));
  for (const id of ['CHS', 'CHG', 'CMFA', 'MHMA', 'CNC', 'RATS', 'SECRETARIAT']) assert.ok(ids.has(id), id);
  assert.deepEqual(items.filter((o: { parent: string | null }) => o.parent === null).map((o: { id: string }) => o.id), ['CHS']);
  assert.ok(items.every((o: { parent: string | null }) => o.parent === null || ids.has(o.parent)));
  const secretariat = await getJson(app(), '/api/v1/organs/SECRETARIAT');
  assert.equal(secretariat.seat, 'Beijing');
  assert.ok(secretariat.functions.includes('monitors implementation of decisions'), secretariat.functions.join(' | '));
  assert.ok(items.every((o: { functions: string[] }) => o.functions.every((f) => f.length > 3)), 'functions are phrases, not letters');
  assert.ok(secretariat.officials.some((o: { name: string }) => o.name === 'Nurlan Yermekbayev'));
  assert.equal((await app().inject({ url: '/api/v1/organs/NOPE' })).statusCode, 404);
});
