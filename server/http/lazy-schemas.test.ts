import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { useTestApp } from '../testing/test-app.ts';
import { compileAllSchemas, lazySchemas, rememberSchemas } from './lazy-schemas.ts';

const { app } = useTestApp();

test('every route schema of the app compiles (a broken one would otherwise fail only on its first request)', async () => {
  await app().ready();
  const n = compileAllSchemas(app());
  assert.ok(n > 200, `expected the app's ~250 route schemas, got ${n}`);
  // A second time finds nothing left to compile and still counts them all.
  assert.equal(compileAllSchemas(app()), n);
});

test('validation and coercion behave as with eager compilation: a bad query names the field, a good one is coerced', async () => {
  const bad = await app().inject({ url: '/api/v1/states?at=yesterday' });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /problem\+json/);
  assert.match(bad.body, /at/);
  const good = await app().inject({ url: '/api/v1/states?at=2016-06-01' });
  assert.equal(good.statusCode, 200);
  assert.match(good.body, /"KZ"/);
});

/** A small app with and without the lazy compilers must answer byte for byte alike. */
async function pair(build: (app: FastifyInstance) => void) {
  const schemas = lazySchemas();
  const lazy = Fastify({ schemaController: schemas.schemaController, ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } } });
  rememberSchemas(lazy, schemas);
  const eager = Fastify({ ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false } } });
  build(lazy);
  build(eager);
  await Promise.all([lazy.ready(), eager.ready()]);
  return { lazy, eager };
}

test('answers are identical to Fastify\'s eager compilers: body, query, params, headers (any case) and response serialisation', async () => {
  const { lazy, eager } = await pair((a) => {
    a.post('/things/:n', {
      schema: {
        params: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
        querystring: { type: 'object', properties: { flag: { type: 'boolean' } } },
        headers: { type: 'object', properties: { 'X-Token': { type: 'string', minLength: 3 } }, required: ['X-Token'] },
        body: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } }, required: ['name'], additionalProperties: false },
        response: { 200: { type: 'object', properties: { n: { type: 'integer' }, flag: { type: 'boolean' }, name: { type: 'string' } } } },
      },
    }, (request: FastifyRequest) => ({ ...(request.params as object), ...(request.query as object), ...(request.body as object), secret: 'not in the schema' }));
  });
  const cases = [
    { url: '/things/7?flag=true', headers: { 'x-token': 'abcd' }, payload: { name: 'ab' } },
    { url: '/things/7', headers: { 'X-TOKEN': 'abcd' }, payload: { name: 'ab' } },
    { url: '/things/seven', headers: { 'x-token': 'abcd' }, payload: { name: 'ab' } },
    { url: '/things/7', headers: {}, payload: { name: 'ab' } },
    { url: '/things/7', headers: { 'x-token': 'ab' }, payload: { name: 'ab' } },
    { url: '/things/7', headers: { 'x-token': 'abcd' }, payload: { name: 'abcdefg' } },
    { url: '/things/7', headers: { 'x-token': 'abcd' }, payload: { name: 'ab', extra: 1 } },
  ];
  for (const c of cases) {
    const [a, b] = await Promise.all([lazy.inject({ method: 'POST', ...c }), eager.inject({ method: 'POST', ...c })]);
    assert.equal(a.statusCode, b.statusCode, c.url);
    assert.equal(a.body, b.body, JSON.stringify(c));
  }
  assert.equal((await lazy.inject({ method: 'POST', ...cases[0]! })).body, '{"n":7,"flag":true,"name":"ab"}');
  assert.equal(compileAllSchemas(lazy), 5);
  await Promise.all([lazy.close(), eager.close()]);
});
