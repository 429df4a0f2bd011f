import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../testing/test-users.ts';

let officer: SignedIn;
let delegate: SignedIn;
let draftId = '';
const { app } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  officer = await signInAs(server, 'officer@example.org');
  delegate = await signInAs(server, 'ru@example.org');
  const res = await server.inject({ method: 'POST', url: '/api/v1/drafts', headers: delegate.headers(true), payload: { organ: 'CHS', kind: 'declaration', title: 'Audited', state: 'RU', text_en: 'x' } });
  draftId = res.json().id;
});

test('officers read the audit log filtered by actor, state, record and date; CSV has every matching event', async () => {
  const get = (q: string, headers = officer.headers()) => app().inject({ url: `/api/v1/audit-events${q}`, headers });
  const byRecord = (await get(`?subject_type=draft&subject_id=${draftId}`)).json();
  assert.ok(byRecord.total >= 1);
  assert.ok(byRecord.items.every((e: { subject_id: string }) => e.subject_id === draftId));
  const byState = (await get('?state=RU')).json();
  assert.ok(byState.items.length >= 1 && byState.items.every((e: { acting_for: string }) => e.acting_for === 'RU'), JSON.stringify(byState.items[0]));
  assert.equal((await get('?state=CN')).json().total, 0);
  const today = new Date().toISOString().slice(0, 10);
  assert.ok((await get(`?from=${today}&to=${today}&subject_type=draft`)).json().total >= 1);
  assert.equal((await get('?to=2001-01-01')).json().total, 0, 'nothing before the software existed');
  const csv = await get(`.csv?subject_type=draft&subject_id=${draftId}`);
  assert.equal(csv.statusCode, 200);
  assert.match(csv.headers['content-type'] as string, /text\/csv/);
  assert.match(csv.body.split('\n')[0]!, /^seq,at,actor,acting_for,action,subject_type,subject_id,before,after/);
  assert.equal((await get('?from=2025-02-30')).statusCode, 400);
});

test('delegates and visitors may not read the audit log', async () => {
  assert.equal((await app().inject({ url: '/api/v1/audit-events', headers: delegate.headers() })).statusCode, 403);
  assert.equal((await app().inject({ url: '/api/v1/audit-events.csv', headers: delegate.headers() })).statusCode, 403);
  assert.equal((await app().inject({ url: '/api/v1/audit-events' })).statusCode, 401);
});
