/** Webhook delivery: internal targets refused, endpoints served concurrently, back-off with jitter, dead letters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { setTimeout as sleep } from 'node:timers/promises';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { backoffMs, deliverPending, FIRST_BACKOFF_MS, MAX_ATTEMPTS, MAX_BACKOFF_MS } from './notices.ts';
import { isInternalAddress, webhookTargetProblem } from './webhook-targets.ts';

let admin: SignedIn;
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'admin@sectsco.org', [{ role: 'administrator' }]);
  admin = await signInAs(server, 'admin@sectsco.org');
});

test('loopback, private, link-local and mapped addresses are internal; public ones are not', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'not-an-ip']) assert.equal(isInternalAddress(a), true, a);
  for (const a of ['8.8.8.8', '93.184.216.34', '2a00:1450:4001::1']) assert.equal(isInternalAddress(a), false, a);
});

test('a target is checked by every address its host resolves to', async () => {
  const lookup = async (host: string) => (host === 'metadata.example' ? [{ address: '93.184.216.34' }, { address: '169.254.169.254' }] : [{ address: '93.184.216.34' }]);
  assert.match((await webhookTargetProblem('http://metadata.example/latest', lookup))!, /internal address \(169\.254\.169\.254\)/);
  assert.equal(await webhookTargetProblem('https://hooks.example/x', lookup), undefined);
  assert.match((await webhookTargetProblem('http://[::1]:8080/', lookup))!, /internal address/);
  assert.match((await webhookTargetProblem('ftp://hooks.example/', lookup))!, /http or https/);
});

test('the API refuses to subscribe an internal target, naming the field', async () => {
  const res = await app().inject({ method: 'POST', url: '/api/v1/webhooks', headers: admin.headers(true), payload: { url: 'http://127.0.0.1:9/hook', events: ['*'] } });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json().errors[0].field, 'url');
  assert.match(res.json().detail, /internal address/);
});

test('back-off doubles with jitter between half and all of its ceiling, capped', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempts, random) => {
    const ceiling = Math.min(FIRST_BACKOFF_MS * 2 ** (attempts - 1), MAX_BACKOFF_MS);
    const wait = backoffMs(attempts, random);
    assert.ok(wait >= ceiling / 2 && wait <= ceiling, `${attempts}: ${wait}`);
  }));
});

async function hookWithDeliveries(id: string, url: string, n: number) {
  const db = database().db;
  const user = (await db.selectFrom('app_user').select('id').where('email', '=', 'admin@sectsco.org').executeTakeFirstOrThrow()).id;
  await db.insertInto('webhook').values({ id, url, secret: 's', events: ['*'], created_by: user, created_at: new Date().toISOString(), active: true }).execute();
  await db.insertInto('webhook_delivery').values(Array.from({ length: n }, (_, i) => ({ webhook_id: id, event: 'draft_tabled', payload: JSON.stringify({ i }), created_at: new Date().toISOString(), attempts: 0, delivered_at: null, last_error: null, next_attempt_at: null, dead_at: null }))).execute();
}

test('a slow endpoint does not hold up the others; a failing one backs off, then is dead-lettered', async () => {
  await hookWithDeliveries('wh_slow', 'https://93.184.216.34/slow', 3);
  await hookWithDeliveries('wh_fast', 'https://93.184.216.35/fast', 3);
  await hookWithDeliveries('wh_down', 'https://93.184.216.36/down', 1);
  const sent: { url: string; at: number }[] = [];
  const send = (async (url: string) => {
    sent.push({ url, at: Date.now() });
    if (url.endsWith('/slow')) await sleep(400);
    return new Response(null, { status: url.endsWith('/down') ? 503 : 204 });
  }) as unknown as typeof fetch;
  let clock = Date.now();
  assert.equal(await deliverPending(database().db, send, () => clock), 6);
  const fast = sent.filter((s) => s.url.endsWith('/fast'));
  const slow = sent.filter((s) => s.url.endsWith('/slow'));
  assert.equal(fast.length, 3);
  assert.ok(fast[2]!.at < slow[1]!.at, 'the fast endpoint got all three before the slow one got its second');

  // The failing delivery waits its back-off, then is retried, until it is dead-lettered.
  const down = () => database().db.selectFrom('webhook_delivery').selectAll().where('webhook_id', '=', 'wh_down').executeTakeFirstOrThrow();
  assert.equal((await down()).attempts, 1);
  assert.ok(Date.parse(String(new Date((await down()).next_attempt_at!).toISOString())) >= clock + FIRST_BACKOFF_MS / 2);
  sent.length = 0;
  await deliverPending(database().db, send, () => clock);
  assert.equal(sent.length, 0, 'not retried before its back-off');
  for (let round = 2; round <= MAX_ATTEMPTS; round++) {
    clock += MAX_BACKOFF_MS;
    await deliverPending(database().db, send, () => clock);
  }
  const dead = await down();
  assert.equal(dead.attempts, MAX_ATTEMPTS);
  assert.ok(dead.dead_at, 'dead-lettered');
  assert.equal(dead.last_error, 'HTTP 503');
  sent.length = 0;
  clock += MAX_BACKOFF_MS;
  await deliverPending(database().db, send, () => clock);
  assert.equal(sent.length, 0, 'a dead letter is never retried');
});
