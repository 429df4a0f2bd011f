import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';

const { app } = useTestApp();

const byStatus = (items: { iso2: string; status: { status: string } | null }[]) => {
  const groups: Record<string, string[]> = {};
  for (const s of items) if (s.status) (groups[s.status.status] ??= []).push(s.iso2);
  for (const g of Object.values(groups)) g.sort();
  return groups;
};

test('statuses on 2016-06-01: six members, six observers, six dialogue partners', async () => {
  const body = await getJson(app(), '/api/v1/states?at=2016-06-01&per_page=200');
  assert.deepEqual(byStatus(body.items), {
    member: ['CN', 'KG', 'KZ', 'RU', 'TJ', 'UZ'],
    observer: ['AF', 'BY', 'IN', 'IR', 'MN', 'PK'],
    dialogue_partner: ['AM', 'AZ', 'KH', 'LK', 'NP', 'TR'],
  });
});

test('after the 2025 merge: ten members and seventeen SCO partners, no observers', async () => {
  const body = await getJson(app(), '/api/v1/states?at=2026-11-23&per_page=200');
  const groups = byStatus(body.items);
  assert.deepEqual(groups.member, ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ']);
  assert.equal(groups.partner?.length, 17);
  assert.equal(groups.observer, undefined);
  const members = await getJson(app(), '/api/v1/states?at=2026-11-23&status=member');
  assert.equal(members.total, 10);
});

test('a state page gives the whole status history with sources', async () => {
  const india = await getJson(app(), '/api/v1/states/in?at=2016-06-01');
  assert.equal(india.iso2, 'IN');
  assert.equal(india.name.ru, 'Индия');
  assert.equal(india.status.status, 'observer');
  assert.deepEqual(india.history.map((p: { status: string; valid_from: string }) => `${p.status}@${p.valid_from}`), ['observer@2005-07-05', 'member@2017-06-09']);
  assert.ok(india.history.every((p: { source: string[] }) => p.source.length > 0));
  const none = await getJson(app(), '/api/v1/states/CN?at=2000-01-01');
  assert.equal(none.status, null, 'no status before the SCO existed');
});

test('bad input is a 4xx problem naming the field, never a 500', async () => {
  const cases: [string, number, RegExp][] = [
    ['/api/v1/states?at=2016-13-01', 400, /^at: .*YYYY-MM-DD/],
    ['/api/v1/states?at=yesterday', 400, /^at:/],
    ['/api/v1/states?per_page=1000000', 400, /^per_page: must be <= 200/],
    ['/api/v1/states?page=0', 400, /^page:/],
    ['/api/v1/states?status=member%27%20or%201%3D1--', 400, /^status:/],
    ['/api/v1/states?colour=red', 400, /colour/],
    ['/api/v1/states/XX', 404, /State "XX" was not found/],
    ['/api/v1/states/USA', 400, /^iso2:/],
  ];
  for (const [url, status, detail] of cases) {
    const res = await app().inject({ url });
    assert.equal(res.statusCode, status, url);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', url);
    assert.match(res.json().detail, detail, url);
  }
});

test('the list is CSV with Accept: text/csv or a .csv suffix', async () => {
  for (const [url, headers] of [['/api/v1/states?at=2016-06-01', { accept: 'text/csv' }], ['/api/v1/states.csv?at=2016-06-01', {}]] as const) {
    const res = await app().inject({ url, headers });
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/csv/);
    const lines = res.body.trim().split('\n');
    assert.equal(lines[0], 'iso2,iso3,name_en,name_ru,name_zh,status,since,until,confidence,source');
    assert.equal(lines.length, 28, 'header and one row per state');
    assert.ok(lines.some((l) => l.startsWith('IN,IND,India,Индия,印度,observer,2005-07-05')));
  }
});
