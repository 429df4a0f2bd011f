/** The review PDF's shared printer: no client may monopolise it (a per-address limit, 429 problem+json). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { REVIEW_PDFS_PER_MINUTE } from './implementation.routes.ts';

let officer: SignedIn;
const { app } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'pdf-officer@example.org', [{ role: 'secretariat_officer' }]);
  officer = await signInAs(server, 'pdf-officer@example.org');
});
// An unknown meeting is answered 404 before anything is printed, so no browser is needed; the limit counts every request.
const pdf = (remoteAddress: string, headers: Record<string, string> = {}) => app().inject({ url: '/api/v1/implementation/review.pdf?meeting=no-such-meeting', remoteAddress, headers });

test('anonymous callers get at most REVIEW_PDFS_PER_MINUTE review PDFs a minute per address, then 429 problem+json', async () => {
  for (let i = 0; i < REVIEW_PDFS_PER_MINUTE; i++) assert.equal((await pdf('198.51.100.7')).statusCode, 404);
  const refused = await pdf('198.51.100.7');
  assert.equal(refused.statusCode, 429);
  assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
  assert.equal(refused.json().status, 429);
  assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After');
  // Another address, and a signed-in user calling from the same address, are counted apart.
  assert.equal((await pdf('198.51.100.8')).statusCode, 404);
  assert.equal((await pdf('198.51.100.7', officer.headers())).statusCode, 404);
});

test('the 429 is declared in the OpenAPI document', async () => {
  const doc = app().swagger() as unknown as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
  assert.ok(doc.paths['/api/v1/implementation/review.pdf']!.get!.responses['429']);
});
