/** The edge: the error contract, input refused at the edge, headers, uploads authorized before their body. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../app.ts';
import { useTestApp } from '../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../testing/test-users.ts';
import { JSON_BODY_LIMIT, boundIntegers } from './edge.ts';
import { parseTrustProxy } from '../config.ts';

let officer: SignedIn;
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'edge-officer@example.org', [{ role: 'secretariat_officer' }]);
  officer = await signInAs(server, 'edge-officer@example.org');
});

/** Asserts a problem+json answer with `status`, naming `field` when given; no Fastify internals. */
function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, field?: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = JSON.parse(res.body);
  assert.equal(body.status, status);
  assert.doesNotMatch(res.body, /FST_ERR|statusCode|"error":/);
  if (field) assert.ok(body.errors?.some((e: { field: string }) => e.field === field), `names ${field}: ${res.body}`);
}

test('framework refusals are problems with their own status: 413, 415, malformed JSON, bad URL', async () => {
  const big = JSON.stringify({ email: 'a'.repeat(JSON_BODY_LIMIT + 10), password: 'x' });
  assertProblem(await app().inject({ method: 'POST', url: '/api/v1/session', payload: big, headers: { 'content-type': 'application/json' } }), 413);
  assertProblem(await app().inject({ method: 'POST', url: '/api/v1/session', payload: 'x', headers: { 'content-type': 'application/x-unknown' } }), 415);
  assertProblem(await app().inject({ method: 'POST', url: '/api/v1/session', payload: '{"email":', headers: { 'content-type': 'application/json' } }), 400, 'body');
  assertProblem(await app().inject({ url: '/api/v1/organs/%E0%A4%A' }), 400, 'path');
  assertProblem(await app().inject({ url: `/api/v1/organs/${'x'.repeat(400)}` }), 400, 'path');
  assertProblem(await app().inject({ url: '/api/v1/nothing-here' }), 404);
});

test('hostile input is a 400 naming the field, of every kind the fuzzing found', async () => {
  const cases: [string, string][] = [
    ['/api/v1/meetings?page=Infinity', 'page'],
    ['/api/v1/meetings?per_page=1e400', 'per_page'],
    ['/api/v1/meetings?year=Infinity', 'year'],
    ['/api/v1/documents?q=%00', 'q'],
    ['/api/v1/states?at=0000-01-01', 'at'],
    ['/api/v1/states?at=2023-02-29', 'at'],
  ];
  for (const [url, field] of cases) assertProblem(await app().inject({ url }), 400, field);
  for (const email of ['a\u0000@example.org', 'a\ud800@example.org']) {
    assertProblem(await app().inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: 'x' } }), 400, 'email');
  }
  const headers = officer.headers(true);
  assertProblem(await app().inject({ method: 'POST', url: '/api/v1/plans', headers, payload: { id: 'edge-lone', title_en: 'x\udc00y', pillar: 'culture' } }), 400, 'title_en');
  assertProblem(await app().inject({ method: 'POST', url: '/api/v1/plans', headers, payload: { id: 'edge-doc', title_en: 'x', pillar: 'culture', document: '/akn/none/none' } }), 400, 'document');
  for (const link of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd']) {
    const report = { state: 'RU', claim: 'in_progress', evidence: ['https://example.org/ok', link] };
    assertProblem(await app().inject({ method: 'POST', url: '/api/v1/plans/any-plan/measures/m_000000000000/reports', headers, payload: report }), 400, 'evidence.1');
  }
  assert.equal((await database().db.selectFrom('action_plan').select('id').where('id', 'in', ['edge-lone', 'edge-doc']).execute()).length, 0);
});

test('integers without bounds get those of a PostgreSQL integer; stated bounds and enums are kept', () => {
  const schema = boundIntegers({ type: 'object', properties: { a: { type: 'integer' }, b: { type: ['integer', 'null'], maximum: 5 }, c: { enum: [1, 2] }, d: { type: 'string' } } }) as { properties: Record<string, Record<string, unknown>> };
  assert.deepEqual(schema.properties.a, { type: 'integer', minimum: -2147483648, maximum: 2147483647 });
  assert.deepEqual(schema.properties.b, { type: ['integer', 'null'], maximum: 5, minimum: -2147483648 });
  assert.deepEqual(schema.properties.c, { enum: [1, 2] });
  assert.deepEqual(schema.properties.d, { type: 'string' });
});

test('security headers on every answer; no-store on private answers only', async () => {
  const pub = await app().inject({ url: '/api/v1/organs' });
  assert.match(String(pub.headers['content-security-policy']), /frame-ancestors 'none'/);
  assert.match(String(pub.headers['content-security-policy']), /script-src 'self'/);
  assert.equal(pub.headers['x-content-type-options'], 'nosniff');
  assert.equal(pub.headers['referrer-policy'], 'strict-origin-when-cross-origin');
  assert.match(String(pub.headers['strict-transport-security']), /max-age=\d+/);
  assert.notEqual(pub.headers['cache-control'], 'no-store', 'public reference data may be cached');
  assert.equal((await app().inject({ url: '/api/v1/organs', headers: officer.headers() })).headers['cache-control'], 'no-store');
  assert.equal((await app().inject({ url: '/api/v1/users' })).headers['cache-control'], 'no-store', 'a refusal is private too');
});

test('behind a trusted TLS proxy the session cookie is Secure; a proxy not trusted is ignored', async () => {
  const signIn = (server: Awaited<ReturnType<typeof buildApp>>) => server.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'edge-officer@example.org', password: 'correct horse battery staple' }, headers: { 'x-forwarded-proto': 'https' } });
  const proxied = await buildApp({ db: database().db, webDir: '', trustProxy: parseTrustProxy('127.0.0.1') });
  try {
    assert.match(String((await signIn(proxied)).headers['set-cookie']), /; Secure/);
  } finally {
    await proxied.close();
  }
  assert.doesNotMatch(String((await signIn(app())).headers['set-cookie']), /; Secure/);
  assert.equal(parseTrustProxy(undefined), false);
  assert.equal(parseTrustProxy('2'), 2);
  assert.throws(() => parseTrustProxy('yes please'));
});

test('an upload is refused before its body is read: anonymous 401, not 400 for the unreadable file', async () => {
  const garbage = Buffer.alloc(2 * 1024 * 1024, 0xff);
  const measures = await app().inject({ method: 'POST', url: '/api/v1/plans/any-plan/measures', payload: garbage, headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
  assertProblem(measures, 401);
  assertProblem(await app().inject({ method: 'POST', url: '/api/v1/national-lists/KZ/import', payload: garbage, headers: { 'content-type': 'application/xml' } }), 401);
  assertProblem(await app().inject({ method: 'POST', url: '/api/v1/national-lists/KZ/import', payload: garbage, headers: { ...officer.headers(true), 'content-type': 'application/xml' } }), 403);
});
