import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';

const { app } = useTestApp();

test('documents filter by kind, year and text in any language', async () => {
  const conventions = await getJson(app(), '/api/v1/documents?kind=convention');
  assert.ok(conventions.total >= 4);
  assert.ok(conventions.items.every((d: { kind: string }) => d.kind === 'convention'));
  const y2001 = await getJson(app(), '/api/v1/documents?year=2001');
  assert.ok(y2001.items.every((d: { date: string }) => d.date.startsWith('2001')));
  const ru = await getJson(app(), `/api/v1/documents?q=${encodeURIComponent('Хартия')}`);
  assert.deepEqual(ru.items.map((d: { key: string }) => d.key), ['charter-2002-06-07-charter']);
  const zh = await getJson(app(), `/api/v1/documents?q=${encodeURIComponent('宪章')}`);
  assert.equal(zh.total, 1);
  const memoranda = await getJson(app(), '/api/v1/documents?kind=memorandum&per_page=100');
  for (const partner of ['United Nations', 'ASEAN', 'CSTO', 'CICA', 'CIS']) {
    assert.ok(memoranda.items.some((d: { counterparty: string | null }) => d.counterparty?.includes(partner)), partner);
  }
});

test('text search treats quotes and wildcards as text', async () => {
  for (const q of ["'; drop table document; --", '%', '_', '\\']) {
    const res = await getJson(app(), `/api/v1/documents?q=${encodeURIComponent(q)}`);
    assert.equal(res.total, 0, q);
  }
  assert.ok((await getJson(app(), '/api/v1/documents')).total > 70, 'the table is still there');
  const tooLong = await app().inject({ url: `/api/v1/documents?q=${'x'.repeat(201)}` });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.json().detail, /^q: /);
});

test('a document shows its ledger and its entry-into-force status overall and per party', async () => {
  const charter = await getJson(app(), '/api/v1/documents/charter-2002-06-07-charter?at=2026-01-01');
  assert.equal(charter.id, '/akn/sco/act/charter/2002-06-07/charter');
  assert.deepEqual({ ...charter.status, computation: undefined }, { status: 'in_force', date: '2003-09-19', basis: 'recorded', computation: undefined });
  assert.match(charter.status.computation[1], /30th day after the 4th instrument/);
  const kz = charter.parties.find((p: { state: string }) => p.state === 'KZ');
  assert.equal(kz.consented, '2003-07-04');
  assert.equal(kz.status, 'in_force');
  const cn = charter.parties.find((p: { state: string }) => p.state === 'CN');
  assert.equal(cn.status, 'unknown', 'signed, ratification not recorded');
  assert.ok(charter.ledger.filter((a: { action: string }) => a.action === 'signature').length === 6);
  const before = await getJson(app(), '/api/v1/documents/charter-2002-06-07-charter?at=2003-01-01');
  assert.equal(before.status.status, 'not_in_force');
});

test('unknown documents are 404, malformed keys 400; AKN URIs resolve', async () => {
  assert.equal((await app().inject({ url: '/api/v1/documents/convention-1900-01-01-none' })).statusCode, 404);
  assert.equal((await app().inject({ url: '/api/v1/documents/..%2F..%2Fetc' })).statusCode, 400);
  const res = await app().inject({ url: '/akn/sco/act/convention/2001-06-15/terrorism', headers: { accept: 'application/json' } });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/api/v1/documents/convention-2001-06-15-terrorism');
});
