import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';

const { app } = useTestApp();

test('recorded chairmanships come first; the next ones are computed from the rotation rule', async () => {
  const body = await getJson(app(), '/api/v1/chairmanships?per_page=200');
  const recorded = body.items.filter((c: { basis: string }) => c.basis === 'recorded');
  const computed = body.items.filter((c: { basis: string }) => c.basis === 'computed');
  assert.ok(recorded.length >= 24);
  assert.equal(recorded.at(-1).state, 'KG', 'Kyrgyzstan chairs 2025-2026');
  // Russian alphabetical order of members after Кыргызстан: Пакистан, Россия, Таджикистан.
  assert.deepEqual(computed.map((c: { state: string }) => c.state), ['PK', 'RU', 'TJ']);
  assert.ok(computed.every((c: { valid_from: string }) => c.valid_from > recorded.at(-1).valid_from));
});
