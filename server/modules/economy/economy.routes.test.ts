import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { useTestApp, getJson } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { loadWdi, WDI_DIR } from './wdi-load.ts';
import { COMTRADE_PLUS, COMTRADE_PRODUCTS } from './trade-fixtures.ts';

const users = new Map<string, SignedIn>();
const { app, database } = useTestApp(async (server, { db }) => {
  await loadWdi(db);
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHG' }]);
  users.set('officer', await signInAs(server, 'officer@example.org'));
  users.set('ru', await signInAs(server, 'ru@example.org'));
});

/** The WDI file read straight, without the product: iso3 → value for one year. */
function wdi(code: string, year: number): Map<string, number> {
  const rows = parse(fs.readFileSync(path.join(WDI_DIR, `${code}.csv`), 'utf8'), { columns: true }) as Record<string, string>[];
  return new Map(rows.filter((r) => Number(r.Year) === year).map((r) => [r['Country Code']!, Number(r.Value)]));
}

test("members' GDP in 2019 equals the sum of the eight members' WDI values", async () => {
  const r = await getJson(app(), '/api/v1/economy/indicators/ny.gdp.mktp.cd/aggregate?year=2019&group=members');
  assert.deepEqual(r.states, ['CN', 'IN', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ']);
  const gdp = wdi('ny.gdp.mktp.cd', 2019);
  // The eight members of 2019 by ISO alpha-3, summed in the order of their alpha-2 codes.
  const expected = ['CHN', 'IND', 'KGZ', 'KAZ', 'PAK', 'RUS', 'TJK', 'UZB'].reduce((acc, c) => acc + gdp.get(c)!, 0);
  assert.equal(r.value, expected);
  assert.equal(r.unit, 'USD');
  assert.equal(r.complete, true);
  assert.deepEqual(r.missing, []);
  assert.equal(r.world.value, gdp.get('WLD'));
  assert.equal(r.world.share, expected / gdp.get('WLD')!);
});

test('a group in a year is the states holding its status on 31 December', async () => {
  const count = async (group: string, year: number) => (await getJson(app(), `/api/v1/economy/indicators/sp.pop.totl/aggregate?year=${year}&group=${group}`)).states.length;
  assert.deepEqual([await count('members', 2016), await count('members', 2019), await count('members', 2023), await count('members', 2024)], [6, 8, 9, 10]);
  assert.deepEqual((await getJson(app(), '/api/v1/economy/indicators/sp.pop.totl/aggregate?year=2024&group=founders')).states, ['CN', 'KG', 'KZ', 'RU', 'TJ', 'UZ']);
  const observers2016 = (await getJson(app(), '/api/v1/economy/indicators/sp.pop.totl/aggregate?year=2016&group=observers')).states;
  assert.ok(observers2016.includes('IN') && observers2016.includes('BY') && !observers2016.includes('CN'));
  const family = await count('family', 2019);
  assert.equal(family, 8 + (await count('observers', 2019)) + (await count('partners', 2019)));
});

test('a partial group is reported with its missing states, never summed as if complete', async () => {
  // External debt is not published for the Gulf dialogue partners.
  const r = await getJson(app(), '/api/v1/economy/indicators/dt.dod.dect.cd/aggregate?year=2023&group=partners');
  assert.equal(r.complete, false);
  assert.equal(r.value, null);
  assert.ok(['AE', 'BH', 'KW', 'QA', 'SA'].every((s) => r.missing.includes(s)), r.missing.join());
  const debt = wdi('dt.dod.dect.cd', 2023);
  const iso3 = new Map(r.by_state.map((b: { iso2: string }) => [b.iso2, b.iso2]));
  assert.ok(iso3.size === r.states.length);
  const reportedSum = r.by_state.filter((b: { value: number | null }) => b.value !== null).reduce((a: number, b: { value: number }) => a + b.value, 0);
  assert.ok(Math.abs(r.partial_value - reportedSum) < 1e-3 * Math.abs(reportedSum));
  assert.ok(r.partial_value > 0 && debt.size > 0);
});

test('ratios and weighted means form group values from the parts', async () => {
  const pc = await getJson(app(), '/api/v1/economy/indicators/ny.gdp.pcap.cd/aggregate?year=2019&group=members');
  const gdp = wdi('ny.gdp.mktp.cd', 2019);
  const pop = wdi('sp.pop.totl', 2019);
  const codes = ['CHN', 'IND', 'KGZ', 'KAZ', 'PAK', 'RUS', 'TJK', 'UZB'];
  const expected = codes.reduce((a, c) => a + gdp.get(c)!, 0) / codes.reduce((a, c) => a + pop.get(c)!, 0);
  assert.ok(Math.abs(pc.value - expected) < 1e-9 * expected);
  assert.equal(pc.world.share, null, 'no share of the world for a ratio');
  const res = await app().inject({ url: '/api/v1/economy/indicators/lp.lpi.ovrl.xq/aggregate?year=2018&group=members' });
  assert.equal(res.statusCode, 400);
  assert.equal(res.json().errors[0].field, 'code');
});

test('bad input names the field; unknown indicators are 404', async () => {
  const bad = async (url: string, status: number, field?: string) => {
    const res = await app().inject({ url });
    assert.equal(res.statusCode, status, url);
    assert.match(res.headers['content-type'] as string, /problem\+json/);
    if (field) assert.equal(res.json().errors[0].field, field, url);
  };
  await bad('/api/v1/economy/indicators/ny.gdp.mktp.cd/aggregate?year=2019&group=friends', 400, 'group');
  await bad('/api/v1/economy/indicators/ny.gdp.mktp.cd/aggregate', 400, 'year');
  await bad('/api/v1/economy/indicators/ny.gdp.mktp.cd/aggregate?year=19', 400, 'year');
  await bad('/api/v1/economy/indicators/no.such.code/aggregate?year=2019', 404);
  await bad('/api/v1/economy/indicators/ny.gdp.mktp.cd/series?from=2020&to=2010', 400, 'to');
});

test('series over time carry the sources\' statements; statements sit beside the computed figure', async () => {
  const s = await getJson(app(), '/api/v1/economy/indicators/ny.gdp.mktp.cd/series?group=members&from=2015&to=2024');
  assert.equal(s.points.length, 10);
  assert.deepEqual(s.points.map((p: { states: string[] }) => p.states.length), [6, 6, 8, 8, 8, 8, 8, 8, 9, 10]);
  assert.ok(s.statements.some((x: { id: string }) => x.id === 'gdp-members-2019'));
  const items = (await getJson(app(), '/api/v1/economy/statements')).items;
  const gdp = items.find((x: { id: string }) => x.id === 'gdp-members-2019');
  const computed = s.points.find((p: { year: number }) => p.year === 2019).value;
  assert.equal(gdp.computed.value, computed);
  assert.equal(gdp.computed.difference, (19.4e12 - computed) / computed);
  assert.equal(items.find((x: { id: string }) => x.id === 'trade-members-2019').computed, null);
});

test('exports: CSV, XLSX and SDMX-CSV', async () => {
  const csv = await app().inject({ url: '/api/v1/economy/indicators/ny.gdp.mktp.cd/observations.csv?from=2019&to=2019' });
  assert.equal(csv.statusCode, 200);
  const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, 9);
  assert.equal(rows[0]!.area, 'SCO_MEMBERS');
  const sdmx = await app().inject({ url: '/api/v1/economy/indicators/ny.gdp.mktp.cd/observations.sdmx-csv?from=2019&to=2019' });
  assert.match(sdmx.body.split('\n')[0]!, /^DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE/);
  assert.match(sdmx.body, /SCO:WDI_EXTRACT\(1\.0\),CN,NY\.GDP\.MKTP\.CD,2019,/);
  const xlsx = await app().inject({ url: '/api/v1/economy/indicators/ny.gdp.mktp.cd/observations.xlsx?from=2019&to=2019' });
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  const projects = await app().inject({ url: '/api/v1/economy/projects.csv' });
  assert.match(projects.body, /horgos-border-cooperation-centre/);
});

test('the WDI load is idempotent', async () => {
  const again = await loadWdi(database().db);
  assert.equal(again.changed, false);
  assert.ok(again.observations > 15_000);
});

test('a project decided by interested states binds only the states that joined', async () => {
  const officer = users.get('officer')!.headers(true);
  const post = (url: string, payload: object, headers = officer) => app().inject({ method: 'POST', url, payload, headers });
  assert.equal((await post('/api/v1/economy/projects', { id: 'xyz', title_en: 'X', sector: 'energy' }, {})).statusCode, 401);
  assert.equal((await post('/api/v1/economy/projects', { id: 'solar-park', title_en: 'Solar park', sector: 'energy' }, users.get('ru')!.headers(true))).statusCode, 403);
  assert.equal((await post('/api/v1/economy/projects', { id: 'solar-park', title_en: 'Solar park', sector: 'energy', host_states: ['KZ'], planned_end: '2030-01-01' })).statusCode, 201);
  assert.equal((await post('/api/v1/economy/projects', { id: 'solar-park', title_en: 'Again', sector: 'energy' })).statusCode, 409);
  for (const stage of ['proposal', 'appraisal']) assert.equal((await post('/api/v1/economy/projects/solar-park/stage', { stage })).statusCode, 200);
  const early = await post('/api/v1/economy/projects/solar-park/stage', { stage: 'financing' });
  assert.equal(early.statusCode, 409, 'no financing before the decision');
  const tabled = await post('/api/v1/economy/projects/solar-park/decision', {});
  assert.equal(tabled.statusCode, 201, tabled.body);
  const draft = tabled.json().draft;
  assert.equal((await post('/api/v1/economy/projects/solar-park/decision', {})).statusCode, 409);
  const opened = await post(`/api/v1/drafts/${draft}/procedure`, {});
  assert.equal(opened.json().kind, 'interested_states');
  const eligible: string[] = opened.json().eligible;
  const joining = ['CN', 'KG', 'KZ'];
  for (const state of eligible) {
    const email = `${state.toLowerCase()}-nc@example.org`;
    await userWithRoles(database().db, email, [{ role: 'national_coordinator', state }]);
    const who = await signInAs(app(), email);
    const res = await post(`/api/v1/drafts/${draft}/positions`, { state, position: joining.includes(state) ? 'join' : 'stay_out' }, who.headers(true));
    assert.equal(res.statusCode, 201, res.body);
  }
  const before = await getJson(app(), '/api/v1/economy/projects/solar-park');
  assert.deepEqual(before.decision.bound, [], 'nobody is bound before the decision is recorded');
  assert.equal((await post(`/api/v1/drafts/${draft}/decision`, { outcome: 'adopted' })).statusCode, 201);
  const p = await getJson(app(), '/api/v1/economy/projects/solar-park');
  assert.deepEqual(p.decision.bound, joining);
  assert.ok(eligible.length > joining.length);
  const list = (await getJson(app(), '/api/v1/economy/projects?state=RU')).items;
  assert.ok(!list.some((x: { id: string }) => x.id === 'solar-park'), 'Russia stayed out: the project is not listed as binding it');
  assert.equal((await post('/api/v1/economy/projects/solar-park/stage', { stage: 'financing' })).statusCode, 200);

  const f = await post('/api/v1/economy/projects/solar-park/financing', { source_name: 'China Development Bank', source_kind: 'interbank_consortium', instrument: 'loan', amount: 100_000_000, currency: 'usd' });
  assert.equal(f.statusCode, 201, f.body);
  await post('/api/v1/economy/projects/solar-park/financing', { source_name: 'Development Bank of Kazakhstan', source_kind: 'development_bank', instrument: 'loan', amount: 100_000_000, currency: 'USD' });
  const fid = f.json().id;
  assert.equal((await post(`/api/v1/economy/projects/solar-park/financing/${fid}/disbursements`, { date: '2026-01-15', amount: 40_000_000 })).statusCode, 201);
  const over = await post(`/api/v1/economy/projects/solar-park/financing/${fid}/disbursements`, { date: '2026-02-15', amount: 70_000_000 });
  assert.equal(over.statusCode, 400);
  assert.equal(over.json().errors[0].field, 'amount');
  const after = await getJson(app(), '/api/v1/economy/projects/solar-park');
  assert.deepEqual(after.computed.by_currency, [{ currency: 'USD', committed: 200_000_000, disbursed: 40_000_000, ratio: 0.2, creditor_concentration: 0.5 }]);
  assert.equal(after.computed.delay_days, 0);
  const iati = await app().inject({ url: '/api/v1/economy/projects/solar-park/iati.xml' });
  assert.match(iati.headers['content-type'] as string, /application\/xml/);
  assert.match(iati.body, /<iati-identifier>SCO-SECRETARIAT-solar-park<\/iati-identifier>/);
  assert.equal((iati.body.match(/<transaction>/g) ?? []).length, 1, 'one disbursement (the commitments carry no date)');
});

test('reference projects follow their file: their stage is not changed through the API', async () => {
  const res = await app().inject({ method: 'POST', url: '/api/v1/economy/projects/horgos-border-cooperation-centre/stage', payload: { stage: 'completed' }, headers: users.get('officer')!.headers(true) });
  assert.equal(res.statusCode, 409);
  const p = await getJson(app(), '/api/v1/economy/projects/horgos-border-cooperation-centre');
  assert.deepEqual(p.host_states, ['CN', 'KZ']);
  assert.ok(p.source[0].startsWith('seed:'));
});

test('trade files import (whole or not at all) and give the group\'s matrix with mirror cells, shares and intensity', async () => {
  const headers = { ...users.get('officer')!.headers(true), 'content-type': 'text/csv' };
  const bad = await app().inject({ method: 'POST', url: '/api/v1/economy/trade/imports?source=comtrade', headers, payload: 'refYear,reporterISO,partnerISO,flowCode,cmdCode,primaryValue\n2022,KAZ,CHN,X,TOTAL,1\n2022,KAZ,CHN,X,TOTAL,-5\n' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().errors[0].field, 'line 3');
  assert.equal((await getJson(app(), '/api/v1/economy/trade/matrix?year=2022')).flows_loaded, 0, 'nothing of a bad file is kept');
  const denied = await app().inject({ method: 'POST', url: '/api/v1/economy/trade/imports?source=comtrade', headers: { ...users.get('ru')!.headers(true), 'content-type': 'text/csv' }, payload: COMTRADE_PLUS });
  assert.equal(denied.statusCode, 403);
  const ok = await app().inject({ method: 'POST', url: '/api/v1/economy/trade/imports?source=comtrade&file_name=kz-ru-cn.csv', headers, payload: COMTRADE_PLUS });
  assert.equal(ok.statusCode, 201, ok.body);
  assert.equal(ok.json().rows, 7);
  const again = await app().inject({ method: 'POST', url: '/api/v1/economy/trade/imports?source=comtrade', headers, payload: COMTRADE_PLUS });
  assert.equal(again.statusCode, 201);
  const m = await getJson(app(), '/api/v1/economy/trade/matrix?year=2022&group=members');
  assert.equal(m.flows_loaded, 7, 'a re-import replaces, never duplicates');
  assert.equal(m.states.length, 8, 'eight members in 2022');
  const cell = (a: string, b: string) => m.cells.find((c: { from: string; to: string }) => c.from === a && c.to === b);
  assert.equal(cell('KZ', 'CN').value, 13.2e9);
  assert.equal(cell('RU', 'CN').mirror, true);
  const imports = wdi('tm.val.mrch.cd.wt', 2022);
  assert.ok(Math.abs(cell('KZ', 'CN').intensity - (13.2e9 / 84.4e9) / (imports.get('CHN')! / imports.get('WLD')!)) < 1e-9);
  assert.equal(m.total, null, 'most pairs are unreported: no total is claimed');
});

test('complementarity: computed from an imported Comtrade file by product, checked by hand, and exported formula-safe', async () => {
  const officer = users.get('officer')!.headers(true);
  const r = await app().inject({ method: 'POST', url: '/api/v1/economy/trade/imports?source=comtrade', headers: { ...officer, 'content-type': 'text/csv' }, payload: COMTRADE_PRODUCTS });
  assert.equal(r.statusCode, 201, r.body);
  assert.equal(r.json().product_rows, 7);
  const c = await getJson(app(), '/api/v1/economy/trade/complementarity?year=2022&group=members');
  const cell = (from: string, to: string) => c.cells.find((x: { exporter: string; importer: string }) => x.exporter === from && x.importer === to).index;
  assert.equal(cell('KZ', 'CN'), 50);
  assert.equal(cell('CN', 'KZ'), 100);
  assert.equal(cell('RU', 'CN'), null, 'Russia\'s exports by product were not imported');
  const csv = await app().inject({ url: '/api/v1/economy/trade/complementarity.csv?year=2022&group=members' });
  assert.match(csv.body, /2022,members,comtrade,KZ,CN,50/);
  const xlsx = await app().inject({ url: '/api/v1/economy/trade/complementarity.xlsx?year=2022&group=members' });
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  for (const url of ['/api/v1/economy/statements.csv', '/api/v1/economy/indicators.xlsx', '/api/v1/economy/trade/matrix.csv?year=2022']) assert.equal((await app().inject({ url })).statusCode, 200, url);
  const statements = await app().inject({ url: '/api/v1/economy/statements.csv' });
  assert.doesNotMatch(statements.body, /(^|,)[=+@]/m, 'no cell a spreadsheet would run as a formula');
});
