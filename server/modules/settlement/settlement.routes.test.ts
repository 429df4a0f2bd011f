import { test } from 'node:test';
import { settleAuditLog } from '../../audit/audit-chainer.ts';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { projectRoot } from '../../config.ts';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';

const sample = (name: string) => fs.readFileSync(path.join(projectRoot, 'data', 'samples', name), 'utf8');
const as = new Map<string, SignedIn>();
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'operator@example.org', [{ role: 'settlement_operator' }]);
  await userWithRoles(db, 'kz-bank@example.org', [{ role: 'settlement_officer', state: 'KZ' }]);
  await userWithRoles(db, 'in-bank@example.org', [{ role: 'settlement_officer', state: 'IN' }]);
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  for (const who of ['operator', 'kz-bank', 'in-bank', 'officer']) as.set(who, await signInAs(server, `${who}@example.org`));
});

async function call(who: string | null, method: 'GET' | 'POST', url: string, payload?: object | string, contentType?: string) {
  const headers: Record<string, string> = { ...(who ? as.get(who)!.headers(method !== 'GET') : {}), ...(contentType ? { 'content-type': contentType } : {}) };
  const res = await app().inject({ method, url, headers, payload });
  return { status: res.statusCode, body: /^application\/(problem\+)?json/.test(String(res.headers['content-type'])) ? res.json() : res.body };
}
const count = async (table: 'settlement_obligation' | 'settlement_cycle') => Number((await database().db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

test('the operator loads participants and rates; only the operator may', async () => {
  const participants = JSON.parse(sample('settlement-participants.json'));
  delete participants.note;
  assert.equal((await call('kz-bank', 'POST', '/api/v1/settlement/participants', participants)).status, 403);
  assert.equal((await call(null, 'POST', '/api/v1/settlement/participants', participants)).status, 401);
  assert.deepEqual((await call('operator', 'POST', '/api/v1/settlement/participants', participants)).body, { participants: 6, swap_lines: 4 });
  const bad = await call('operator', 'POST', '/api/v1/settlement/participants', { participants: [{ ...participants.participants[0], state: 'ZZ', net_debit_cap: '1.234' }] });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field), ['participants.0.state', 'participants.0.net_debit_cap']);
  assert.equal((await call('in-bank', 'POST', '/api/v1/settlement/rates', sample('rates-2026-12-01.csv'), 'text/csv')).status, 403);
  assert.deepEqual((await call('operator', 'POST', '/api/v1/settlement/rates', sample('rates-2026-12-01.csv'), 'text/csv')).body, { recorded: 7 });
  const rates = (await call(null, 'GET', '/api/v1/settlement/rates?date=2026-12-01&unit=CNY&vehicle=USD')).body;
  const kzt = rates.cross.find((x: { from: string }) => x.from === 'KZT');
  assert.deepEqual([kzt.rate, kzt.path], ['0.01428571', ['KZT/USD', '~CNY/USD']], 'KZT→USD→CNY: 0.0020 / 0.14');
  assert.deepEqual(rates.cross.find((x: { from: string }) => x.from === 'RUB').path, ['~CNY/RUB'], 'a direct quote beats the vehicle');
});

test('an import is all or nothing, and names each bad line or transaction', async () => {
  const csv = sample('obligations-2026-12-01.csv').split('\n');
  csv[3] = csv[3]!.replace(/,[0-9.]+,2026/, ',12.345,2026');
  csv[5] = csv[5]!.replace(/^([^,]+),[A-Z]+,/, '$1,NOBODY,');
  const refused = await call('operator', 'POST', '/api/v1/settlement/obligations', csv.join('\n'), 'text/csv');
  assert.equal(refused.status, 400);
  assert.deepEqual(refused.body.errors.map((e: { field: string }) => e.field), ['line 4', 'line 6']);
  assert.match(refused.body.errors[1].message, /payer NOBODY is not a participant/);
  const xml = sample('obligations-2026-12-02.pacs008.xml').replace('<BICFI>XCBRRUMM</BICFI>', '<BICFI>XXXXXXXX</BICFI>');
  const refusedXml = await call('operator', 'POST', '/api/v1/settlement/obligations', xml, 'application/xml');
  assert.equal(refusedXml.status, 400);
  assert.deepEqual(refusedXml.body.errors, [{ field: 'CdtTrfTxInf 2 (line 21)', message: 'payee XXXXXXXX is not a participant' }]);
  assert.equal(await count('settlement_obligation'), 0);
});

test("a bank's officer imports only its own state's payments", async () => {
  const foreign = await call('kz-bank', 'POST', '/api/v1/settlement/obligations', sample('obligations-2026-12-01.csv'), 'text/csv');
  assert.equal(foreign.status, 403);
  assert.equal((await call('officer', 'POST', '/api/v1/settlement/obligations', sample('obligations-2026-12-01.csv'), 'text/csv')).status, 403);
  assert.equal(await count('settlement_obligation'), 0);
});

test('import, run a cycle, read positions and instructions; the queue settles once the limit allows', async () => {
  const imported = await call('operator', 'POST', '/api/v1/settlement/obligations', sample('obligations-2026-12-01.csv'), 'text/csv');
  assert.equal(imported.status, 201);
  assert.equal(imported.body.obligations, 40);
  assert.equal((await call('operator', 'POST', '/api/v1/settlement/obligations', sample('obligations-2026-12-01.csv'), 'text/csv')).status, 409, 'a second import of the same file');
  assert.equal((await call('kz-bank', 'POST', '/api/v1/settlement/cycles', { date: '2026-12-01', unit: 'CNY', vehicle: 'USD' })).status, 403);
  assert.equal((await call('operator', 'POST', '/api/v1/settlement/cycles', { date: '2026-12-01', unit: 'CNY' })).status, 400, 'KZT has no rate into CNY without the vehicle');

  const run = await call('operator', 'POST', '/api/v1/settlement/cycles', { date: '2026-12-01', unit: 'CNY', vehicle: 'USD' });
  assert.equal(run.status, 201);
  assert.equal(run.body.settled + run.body.queued, 40);
  assert.ok(run.body.queued > 0, 'the sample limits hold some obligations back');
  const cycle = (await call('operator', 'GET', `/api/v1/settlement/cycles/${run.body.id}`)).body;
  assert.equal(cycle.scope, 'all');
  for (const currency of ['CNY', 'RUB', 'KZT']) {
    const nets = cycle.positions.filter((p: { currency: string }) => p.currency === currency).map((p: { net: string }) => Math.round(Number(p.net) * 100));
    assert.equal(nets.reduce((a: number, b: number) => a + b, 0), 0, `${currency} nets sum to zero`);
  }
  for (const l of cycle.limits) if (l.net_debit_cap !== null) assert.ok(Number(l.net_debit) <= Number(l.net_debit_cap), `${l.participant} within its cap`);
  assert.equal(cycle.queued_obligations.length, run.body.queued);
  assert.ok(cycle.queued_obligations.every((q: { reason: { code: string } }) => ['net_debit_cap', 'swap_line'].includes(q.reason.code)));

  // Kazakhstan's bank sees its own positions and instructions; the public the aggregates.
  const kz = (await call('kz-bank', 'GET', `/api/v1/settlement/cycles/${run.body.id}`)).body;
  assert.equal(kz.scope, 'own');
  assert.deepEqual([...new Set(kz.positions.map((p: { participant: string }) => p.participant))], ['NBK']);
  assert.ok(kz.queued_obligations.every((q: { payer: string; payee: string }) => q.payer === 'NBK' || q.payee === 'NBK'));
  const pub = (await call(null, 'GET', `/api/v1/settlement/cycles/${run.body.id}`)).body;
  assert.equal(pub.scope, 'aggregates');
  assert.deepEqual([pub.positions, pub.instructions, pub.queued_obligations, pub.limits], [[], [], [], []]);
  assert.equal(pub.liquidity.multilateral_net, cycle.liquidity.multilateral_net);
  assert.equal((await call(null, 'GET', `/api/v1/settlement/cycles/${run.body.id}/instructions.csv`)).status, 401);
  assert.equal((await call('officer', 'GET', `/api/v1/settlement/cycles/${run.body.id}/instructions.csv`)).status, 403);
  const kzCsv = (await call('kz-bank', 'GET', `/api/v1/settlement/cycles/${run.body.id}/instructions.csv`)).body as string;
  assert.deepEqual([...new Set(kzCsv.trim().split('\n').slice(1).map((l) => l.split(',')[2]))], ['NBK']);
  const xml = (await call('operator', 'GET', `/api/v1/settlement/cycles/${run.body.id}/instructions.xml`)).body as string;
  assert.equal((xml.match(/<CdtTrfTxInf>/g) ?? []).length, cycle.instructions.length);
  assert.match(xml, /urn:iso:std:iso:20022:tech:xsd:pacs\.009\.001\.08/);

  // Obligations: the operator all, a bank its own, the public none.
  assert.equal((await call('operator', 'GET', '/api/v1/settlement/obligations')).body.total, 40);
  const own = (await call('in-bank', 'GET', '/api/v1/settlement/obligations')).body.items;
  assert.ok(own.length > 0 && own.every((o: { payer: string; payee: string }) => o.payer === 'RBI' || o.payee === 'RBI'));
  assert.equal((await call(null, 'GET', '/api/v1/settlement/obligations')).status, 401);
  assert.equal((await call('officer', 'GET', '/api/v1/settlement/obligations')).status, 403);

  // The result cannot change after settlement.
  await assert.rejects(sql`update settlement_cycle set settled = 0`.execute(database().db), /immutable/);
  await assert.rejects(sql`update settlement_obligation set amount = 1 where status = 'settled'`.execute(database().db), /settled and cannot change/);

  // Limits raised: the queued obligations settle in the next cycle, with the next day's pacs.008.
  const participants = JSON.parse(sample('settlement-participants.json'));
  delete participants.note;
  for (const p of participants.participants) p.net_debit_cap = p.net_debit_cap === null ? null : '10000000.00';
  for (const l of participants.swap_lines) l.capacity = '10000000.00';
  assert.equal((await call('operator', 'POST', '/api/v1/settlement/participants', participants)).status, 200);
  assert.equal((await call('operator', 'POST', '/api/v1/settlement/obligations', sample('obligations-2026-12-02.pacs008.xml'), 'application/xml')).body.obligations, 3);
  const next = await call('operator', 'POST', '/api/v1/settlement/cycles', { date: '2026-12-02', unit: 'CNY', vehicle: 'USD' });
  assert.deepEqual([next.status, next.body.settled, next.body.queued], [201, run.body.queued + 3, 0]);
  assert.equal((await call('operator', 'GET', '/api/v1/settlement/obligations?status=settled')).body.total, 43);
  assert.equal((await call('operator', 'POST', '/api/v1/settlement/cycles', { date: '2026-12-02', unit: 'CNY', vehicle: 'USD' })).status, 409, 'nothing is left to settle');

  const stats = (await call(null, 'GET', '/api/v1/settlement/statistics')).body;
  assert.deepEqual(stats.cycles.map((c: { id: string }) => c.id), [run.body.id, next.body.id]);
  assert.ok(stats.cycles.every((c: { national_currency_share: number; liquidity_saved_vs_gross: number }) => c.national_currency_share === 1 && c.liquidity_saved_vs_gross > 0));
  assert.deepEqual(stats.open, []);
  await settleAuditLog(database().db); // events are chained after commit (docs/decisions/0013)
  const events = await database().db.selectFrom('audit_event').select('action').where('action', 'like', 'settlement.%').execute();
  assert.equal(events.filter((e) => e.action === 'settlement.cycle.run').length, 2);
});

test('participants: the public sees names, a bank its own limits and swap lines', async () => {
  const pub = (await call(null, 'GET', '/api/v1/settlement/participants/NBK')).body;
  assert.deepEqual([pub.restricted, pub.net_debit_cap, pub.swap_lines], [true, undefined, undefined]);
  const own = (await call('kz-bank', 'GET', '/api/v1/settlement/participants/NBK')).body;
  assert.equal(own.restricted, false);
  assert.deepEqual(own.swap_lines.map((l: { counterparty: string }) => l.counterparty), ['PBC']);
  assert.equal((await call('kz-bank', 'GET', '/api/v1/settlement/participants/CBR')).body.restricted, true);
  assert.equal((await call(null, 'GET', '/api/v1/settlement/participants/NOPE')).status, 404);
});

test("a bank's officer imports its own payments, and other banks do not see them", async () => {
  const own = await call('kz-bank', 'POST', '/api/v1/settlement/obligations', 'id,payer,payee,currency,amount,value_date\nKZ-OWN-1,NBK,PBC,CNY,5.00,2026-12-09\n', 'text/csv');
  assert.deepEqual([own.status, own.body.obligations], [201, 1]);
  const ids = (who: string) => call(who, 'GET', '/api/v1/settlement/obligations?value_date=2026-12-09').then((r) => r.body.items.map((o: { id: string }) => o.id));
  assert.deepEqual(await ids('kz-bank'), ['KZ-OWN-1']);
  assert.deepEqual(await ids('operator'), ['KZ-OWN-1']);
  assert.deepEqual(await ids('in-bank'), [], "India's bank is neither payer nor payee");
});
