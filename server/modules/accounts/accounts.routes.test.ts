import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { PASSWORD, signInAs, userWithRoles } from '../../testing/test-users.ts';
import { FREE_FAILURES, waitAfter } from './sign-in.ts';
import { buildApp } from '../../app.ts';

const { app, database } = useTestApp(async (_app, { db }) => {
  await userWithRoles(db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'delegate.ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  await userWithRoles(db, 'locked@example.org', []);
});

test('sign-in sets an HttpOnly session cookie and returns roles, abilities and the CSRF token', async () => {
  const res = await app().inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'Delegate.RU@example.org ', password: PASSWORD } });
  assert.equal(res.statusCode, 200);
  const cookie = res.cookies.find((c) => c.name === 'secretariat_session')!;
  assert.ok(cookie.httpOnly);
  assert.equal(cookie.sameSite, 'Lax');
  const body = res.json();
  assert.deepEqual(body.roles, [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  assert.ok(body.abilities.includes('accounts.me'));
  assert.ok(!body.abilities.includes('accounts.list'));
  assert.ok(body.csrf_token.length > 16);
});

test('a wrong password and an unknown e-mail get the same answer', async () => {
  const wrong = await app().inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'officer@sectsco.org', password: 'nope' } });
  const unknown = await app().inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'ghost@example.org', password: 'nope' } });
  assert.equal(wrong.statusCode, 401);
  assert.equal(wrong.json().detail, unknown.json().detail);
  assert.equal(wrong.headers['content-type'], 'application/problem+json; charset=utf-8');
});

test(`after ${FREE_FAILURES} failures one (e-mail, address) pair is slowed down; the owner elsewhere is not locked out; answers never reveal an account`, async () => {
  const attempt = (email: string, password: string, remoteAddress: string) => app().inject({ method: 'POST', url: '/api/v1/session', payload: { email, password }, remoteAddress });
  for (const email of ['locked@example.org', 'nobody-here@example.org']) {
    const answers = [];
    for (let i = 0; i < FREE_FAILURES; i++) answers.push((await attempt(email, `wrong ${i}`, '203.0.113.7')).body);
    assert.equal(new Set(answers.map((a) => JSON.parse(a).detail)).size, 1);
    const slowed = await attempt(email, PASSWORD, '203.0.113.7');
    assert.equal(slowed.statusCode, 429, email);
    assert.equal(slowed.headers['retry-after'], String(waitAfter(FREE_FAILURES)));
    assert.match(slowed.json().detail, /^Too many failed sign-ins with this e-mail address from your address; try again in \d+ seconds$/);
  }
  const known = await attempt('locked@example.org', 'wrong', '203.0.113.7');
  const unknown = await attempt('nobody-here@example.org', 'wrong', '203.0.113.7');
  assert.equal(known.body.replace(/\d+ seconds/, 'N seconds').replace(/"instance":"[^"]*"/, ''), unknown.body.replace(/\d+ seconds/, 'N seconds').replace(/"instance":"[^"]*"/, ''), 'the same answer for a known and an unknown e-mail address');
  assert.equal((await attempt('locked@example.org', PASSWORD, '198.51.100.20')).statusCode, 200, 'the owner, from another address, signs in');
  assert.deepEqual([1, 4, 5, 6, 7, 20].map(waitAfter), [0, 0, 30, 60, 120, 900], 'exponential back-off, capped');
});

test('a change made with the session needs the CSRF token; signing out ends the session', async () => {
  const user = await signInAs(app(), 'officer@sectsco.org');
  const noCsrf = await app().inject({ method: 'POST', url: '/api/v1/tokens', headers: user.headers(), payload: { name: 'x' } });
  assert.equal(noCsrf.statusCode, 403);
  assert.match(noCsrf.json().detail, /x-csrf-token/);
  const ok = await app().inject({ method: 'POST', url: '/api/v1/tokens', headers: user.headers(true), payload: { name: 'x' } });
  assert.equal(ok.statusCode, 201);
  assert.equal((await app().inject({ method: 'DELETE', url: '/api/v1/session', headers: user.headers(true) })).statusCode, 204);
  assert.equal((await app().inject({ url: '/api/v1/me', headers: user.headers() })).statusCode, 401, 'the old cookie no longer works');
});

test('any tab of a session reads its CSRF token from GET /api/v1/session; anonymous callers get no user and no error', async () => {
  const user = await signInAs(app(), 'officer@sectsco.org');
  const session = await app().inject({ url: '/api/v1/session', headers: user.headers() });
  assert.equal(session.statusCode, 200);
  assert.equal(session.json().csrf_token, user.csrf, 'the token given at sign-in');
  assert.equal(session.json().user.email, 'officer@sectsco.org');
  // A second tab knows only the cookie: the token it reads makes its change pass.
  const change = await app().inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: user.cookie, 'x-csrf-token': session.json().csrf_token }, payload: { name: 'tab 2' } });
  assert.equal(change.statusCode, 201);
  const wrong = await app().inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: user.cookie, 'x-csrf-token': 'guessed' }, payload: { name: 'tab 3' } });
  assert.equal(wrong.statusCode, 403, 'a wrong token is still refused');
  const anonymous = await app().inject({ url: '/api/v1/session' });
  assert.equal(anonymous.statusCode, 200);
  assert.deepEqual(anonymous.json(), { user: null, csrf_token: null });
});

test('API tokens: shown once, hashed at rest, scoped, revocable', async () => {
  const user = await signInAs(app(), 'officer@sectsco.org');
  const created = (await app().inject({ method: 'POST', url: '/api/v1/tokens', headers: user.headers(true), payload: { name: 'reader', scopes: ['registry'] } })).json();
  assert.match(created.token, /^sct_/);
  const stored = await database().db.selectFrom('api_token').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
  assert.ok(!JSON.stringify(stored).includes(created.token.split('.')[1]), 'the secret is not stored');
  const bearer = { authorization: `Bearer ${created.token}` };
  assert.equal((await app().inject({ url: '/api/v1/states/RU', headers: bearer })).statusCode, 200);
  assert.equal((await app().inject({ url: '/api/v1/me', headers: bearer })).statusCode, 403, 'outside the token\'s scope');
  assert.equal((await app().inject({ method: 'DELETE', url: `/api/v1/tokens/${created.id}`, headers: user.headers(true) })).statusCode, 204);
  const revoked = await app().inject({ url: '/api/v1/states/RU', headers: bearer });
  assert.equal(revoked.statusCode, 401);
  assert.equal((await app().inject({ url: '/api/v1/states/RU', headers: { authorization: 'Bearer sct_forged.token' } })).statusCode, 401);
});

test('bad sign-in input is a 400 naming the field', async () => {
  const res = await app().inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'a@b.c' } });
  assert.equal(res.statusCode, 400);
  assert.match(res.json().detail, /^password: /);
});

test('sign-in attempts are rate-limited per client', async () => {
  const limited = await buildApp({ db: database().db, webDir: '', signInsPerMinute: 3 });
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await limited.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'ghost@example.org', password: 'x' } })).statusCode);
  await limited.close();
  assert.deepEqual(statuses, [401, 401, 401, 429]);
});
