/**
 * Fuzzing from the contract: every operation of the committed openapi.json is called with values
 * drawn from its own parameter and body schemas (fast-check), mixed with hostile strings and
 * numbers, anonymously and as each kind of signed-in user. Asserts: no 5xx, every error is
 * problem+json, and every status answered is declared for that operation.
 *
 * FUZZ_REQUESTS sets the number of requests (default 10,000 on PostgreSQL, 1,500 on PGlite);
 * FUZZ_SEED replays a run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fc from 'fast-check';
import { useTestApp } from './testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from './testing/test-users.ts';
import { committedOpenApiPath } from './openapi.ts';

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema: Schema }[];
  body?: { type: string; schema: Schema; required: boolean };
  statuses: Set<string>;
}

const doc = JSON.parse(fs.readFileSync(committedOpenApiPath, 'utf8'));
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? (process.env.TEST_POSTGRES_URL ? 10_000 : 1_500));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** Strings and numbers that have broken servers: NUL, lone surrogates, huge and non-finite numbers, impossible dates. */
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '%00', '%', "' or 1=1 --", '../../etc/passwd', '<script>alert(1)</script>',
  '=cmd|"/c calc"!A1', '𝒳𝒴', 'Ωмир中文', 'A'.repeat(5000), 'null', 'true', '{}', '[]', '\\', '"',
  'Infinity', '-Infinity', 'NaN', '-1', '0', '-0', '1e309', '1.5', '2147483648', '-2147483649', '9223372036854775808', '99999999999999999999999',
  '0000-01-01', '2024-02-30', '2024-13-01', '9999-12-31', '10000-01-01', '1970-01-01T00:00:00Z',
];
const HOSTILE_NUMBERS: unknown[] = [0, -1, -0, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 63, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 'Infinity', 'NaN', null, '', true];

/** Known identifiers found by crawling the lists, so that calls also reach existing records. */
const known: string[] = [];

function resolve(schema: Schema): Schema {
  if (schema?.$ref) {
    const name = String(schema.$ref).split('/').pop()!;
    return doc.components?.schemas?.[name] ?? {};
  }
  return schema ?? {};
}

/** An arbitrary for values of `schema`: mostly valid ones, sometimes hostile ones. */
function arbitrary(raw: Schema, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  const hostile = fc.constantFrom<unknown>(...HOSTILE_STRINGS, ...HOSTILE_NUMBERS);
  const valid = validArbitrary(schema, depth);
  return fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: hostile, weight: 1 });
}

function validArbitrary(schema: Schema, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...(alternatives as Schema[]).map((s) => arbitrary(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(arbitrary(schema.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object': {
      if (depth > 3) return fc.constant({});
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const model = Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, arbitrary(s, depth + 1)]));
      const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((k: string) => k in model) });
      return fc.oneof({ arbitrary: record, weight: 5 }, { arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 2 }), weight: 1 });
    }
    case 'string':
    default: {
      const choices: fc.Arbitrary<unknown>[] = [];
      if (schema.pattern) choices.push(fc.stringMatching(new RegExp(schema.pattern)).map((s) => s.slice(0, schema.maxLength ?? 300)));
      else if (schema.format === 'date') choices.push(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
      else choices.push(fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 40), unit: 'grapheme' }));
      if (known.length) choices.push(fc.constantFrom(...known));
      return fc.oneof(...choices);
    }
  }
}

/** Percent-encodes a string, lone surrogates included (as their WTF-8 bytes, which are not UTF-8). */
function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((c) => {
      const unit = c.charCodeAt(0);
      if (c.length === 1 && unit >= 0xd800 && unit <= 0xdfff) return `%${(0xe0 | (unit >> 12)).toString(16)}%${(0x80 | ((unit >> 6) & 0x3f)).toString(16)}%${(0x80 | (unit & 0x3f)).toString(16)}`.toUpperCase();
      return encodeURIComponent(c);
    }).join('');
  }
}

function operations(): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content as Record<string, { schema: Schema }> | undefined;
      const [type, media] = content ? Object.entries(content)[0]! : [];
      ops.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], statuses: new Set(Object.keys(op.responses ?? {})), ...(type ? { body: { type, schema: media!.schema ?? {}, required: Boolean(op.requestBody.required) } } : {}) });
    }
  }
  return ops;
}

/** A body for a media type that is not JSON: text in that format (sometimes broken), or hostile bytes. */
function fileBody(type: string): fc.Arbitrary<string> {
  const text = fc.string({ maxLength: 60, unit: 'grapheme' });
  const line = fc.array(fc.oneof(text, fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 100))), { maxLength: 4 });
  if (type.includes('csv')) return fc.tuple(fc.constantFrom('code,title,responsible_states', 'measure,state,claim,date', 'code;title', ''), fc.array(line.map((c) => c.join(',')), { maxLength: 4 })).map(([h, rows]) => [h, ...rows].join('\r\n'));
  if (type.includes('xml')) return fc.oneof(text.map((t) => `<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><DATAID>1</DATAID><FIRST_NAME>${t}</FIRST_NAME></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>`), text);
  if (type.includes('json')) return fc.oneof(fc.array(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), { maxLength: 3 }).map((l) => l.join('\n')), text);
  return text;
}

type Caller = 'anonymous' | 'delegate' | 'officer' | 'admin' | 'authority' | 'rats' | 'partner';
const callers = new Map<Caller, SignedIn | undefined>([['anonymous', undefined]]);

const { app } = useTestApp(async (server, { db }) => {
  const users: [Caller, string, Parameters<typeof userWithRoles>[2]][] = [
    ['delegate', 'fuzz-ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]],
    ['officer', 'fuzz-officer@example.org', [{ role: 'secretariat_officer' }]],
    ['admin', 'fuzz-admin@example.org', [{ role: 'administrator' }]],
    ['authority', 'fuzz-kz@example.org', [{ role: 'competent_authority', state: 'KZ' }]],
    ['rats', 'fuzz-rats@example.org', [{ role: 'rats_officer' }]],
    ['partner', 'fuzz-tr@example.org', [{ role: 'partner_delegate', state: 'TR' }]],
  ];
  for (const [caller, email, roles] of users) {
    await userWithRoles(db, email, roles);
    callers.set(caller, await signInAs(server, email));
  }
  // A few records to reach, then every identifier the lists show.
  const officer = callers.get('officer')!.headers(true);
  await server.inject({ method: 'POST', url: '/api/v1/drafts', headers: officer, payload: { organ: 'CHS', kind: 'declaration', title: 'Fuzz', state: 'RU', text_en: 'Fuzz' } });
  await server.inject({ method: 'POST', url: '/api/v1/plans', headers: officer, payload: { id: 'fuzz-plan', title_en: 'Fuzz', pillar: 'culture', public: true } });
  await server.inject({ method: 'POST', url: '/api/v1/plans/fuzz-plan/measures', headers: { ...officer, 'content-type': 'text/csv' }, payload: 'code,title,responsible_states\nM1,Measure,RU\n' });
  const ids = new Set<string>(['RU', 'KZ', 'CN', 'CHS', 'fuzz-plan', 'csv', 'json', 'xlsx', 'ftm']);
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.slice(0, 20).forEach(collect);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) (['id', 'key', 'code', 'iso2', 'organ'].includes(k) && typeof v === 'string' ? ids.add(v) : collect(v));
  };
  for (const url of ['/api/v1/states', '/api/v1/organs', '/api/v1/meetings', '/api/v1/documents', '/api/v1/drafts', '/api/v1/plans', '/api/v1/plans/fuzz-plan']) {
    collect((await server.inject({ url, headers: callers.get('admin')!.headers() })).json());
  }
  known.push(...[...ids].filter((id) => !id.startsWith('/')));
});

test(`every operation of openapi.json, fuzzed: no 5xx, errors are problem+json, statuses are declared`, async () => {
  const ops = operations();
  const requestArb = fc.tuple(fc.constantFrom(...ops), fc.constantFrom(...callers.keys())).chain(([op, caller]) => {
    const params = Object.fromEntries(op.parameters.filter((p) => p.in === 'path' || p.in === 'query').map((p) => [`${p.in}:${p.name}`, p.required ? arbitrary(p.schema) : fc.option(arbitrary(p.schema), { nil: undefined })]));
    const body = !op.body ? fc.constant(undefined) : op.body.type.includes('application/json') && !op.body.type.includes('x-ndjson') ? arbitrary(op.body.schema) : fileBody(op.body.type);
    return fc.record({ op: fc.constant(op), caller: fc.constant(caller), params: fc.record(params), body });
  });
  const samples = fc.sample(requestArb, { numRuns: REQUESTS, seed: SEED });

  const statuses = new Map<number, number>();
  const failures = new Map<string, string>();
  let sent = 0;
  let serverErrors = 0;
  const started = Date.now();
  const one = async ({ op, caller, params, body }: (typeof samples)[number]) => {
    let url = op.path;
    const query: string[] = [];
    for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
      const [where, name] = key.split(':') as [string, string];
      if (where === 'path') url = url.replace(`{${name}}`, encode(value));
      else if (value !== undefined) query.push(`${name}=${encode(value)}`);
    }
    if (query.length) url += `?${query.join('&')}`;
    const signedIn = callers.get(caller);
    const headers: Record<string, string> = { ...(signedIn?.headers(op.method !== 'GET') ?? {}) };
    let payload: string | undefined;
    if (op.body && body !== undefined) {
      headers['content-type'] = op.body.type;
      payload = typeof body === 'string' && !op.body.type.includes('application/json') ? body : JSON.stringify(body);
    }
    const res = await app().inject({ method: op.method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
    sent++;
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    const where = `${op.method} ${op.path} → ${res.statusCode}`;
    const fail = (kind: string) => failures.has(`${kind} ${where}`) || failures.set(`${kind} ${where}`, `${caller} ${op.method} ${url} ${payload?.slice(0, 200) ?? ''}\n    ${res.body.slice(0, 300)}`);
    if (res.statusCode >= 500) {
      serverErrors++;
      fail('5xx');
    }
    if (!op.statuses.has(String(res.statusCode))) fail('undeclared');
    if (res.statusCode >= 400) {
      const type = String(res.headers['content-type'] ?? '');
      let body: { status?: number } | undefined;
      try {
        body = res.json();
      } catch {}
      if (!type.startsWith('application/problem+json') || body?.status !== res.statusCode) fail('not-problem');
    }
  };
  // A few requests at a time, as a server meets them.
  for (let i = 0; i < samples.length; i += 4) await Promise.all(samples.slice(i, i + 4).map(one));

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const seen = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
  console.log(`fuzz (${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'PGlite'}, seed ${SEED}): ${sent} requests over ${ops.length} operations × ${callers.size} callers in ${seconds} s; 5xx: ${serverErrors}; statuses: ${seen}`);
  assert.equal(sent, REQUESTS);
  assert.equal(failures.size, 0, `${failures.size} kinds of failure (FUZZ_SEED=${SEED}):\n${[...failures].map(([k, v]) => `${k}\n    ${v}`).join('\n')}`);
});
