import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';

const { app } = useTestApp();
const keys = (r: { items: { key: string }[] }) => r.items.map((i) => i.key);
const CHARTER = 'charter-2002-06-07-charter';

test('the Charter is found by a Russian query in another case, a Chinese query and an English one', async () => {
  // "хартии" (genitive) stems to the same word as "Хартия" in the title.
  const ru = await getJson(app(), `/api/v1/search?q=${encodeURIComponent('хартии шанхайской организации')}`);
  assert.equal(ru.items[0].key, CHARTER);
  const zh = await getJson(app(), `/api/v1/search?q=${encodeURIComponent('宪章')}`);
  assert.equal(zh.items[0].key, CHARTER);
  assert.deepEqual(zh.items[0].highlight.zh.filter((s: { hit: boolean }) => s.hit).map((s: { text: string }) => s.text), ['宪章']);
  const en = await getJson(app(), '/api/v1/search?q=charters');
  assert.ok(keys(en).includes(CHARTER));
  assert.deepEqual(ru.items[0].highlight.ru.filter((s: { hit: boolean }) => s.hit).map((s: { text: string }) => s.text), ['Хартия', 'Шанхайской', 'организации']);
});

test('a query in one language finds documents by their titles in the others; the results carry every title', async () => {
  const zh = await getJson(app(), `/api/v1/search?q=${encodeURIComponent('反恐怖主义公约')}`);
  assert.ok(keys(zh).includes('convention-2009-06-16-convention-against-terrorism'));
  assert.equal(zh.items[0].title.en, 'SCO Convention against Terrorism');
  // Chinese bigrams need every pair: 宪法 (constitution) is not 宪章 (charter).
  assert.equal((await getJson(app(), `/api/v1/search?q=${encodeURIComponent('宪法')}`)).total, 0);
});

test('filters by kind, organ, year and status; bad filters are named', async () => {
  const conventions = await getJson(app(), `/api/v1/search?q=${encodeURIComponent('терроризм')}&kind=convention`);
  assert.ok(conventions.total >= 2);
  assert.ok(conventions.items.every((i: { kind: string }) => i.kind === 'convention'));
  assert.deepEqual(keys(await getJson(app(), `/api/v1/search?q=terrorism&kind=convention&year=2009`)), ['convention-2009-06-16-convention-against-terrorism']);
  const inForce = await getJson(app(), '/api/v1/search?q=convention&status=in_force');
  assert.ok(keys(inForce).includes('convention-2001-06-15-terrorism'));
  assert.ok(!keys(inForce).includes('convention-2009-06-16-convention-against-terrorism'));
  const bad = await app().inject({ url: '/api/v1/search?q=x&status=maybe' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'status');
  assert.equal((await app().inject({ url: '/api/v1/search' })).json().errors[0].field, 'q');
  assert.equal((await getJson(app(), '/api/v1/search?q=%25_')).total, 0, 'wildcards are text');
});
