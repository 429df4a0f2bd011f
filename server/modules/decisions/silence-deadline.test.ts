/** A position after a silence procedure's deadline is refused (409 naming the deadline), never stored beside "deemed adopted". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';

const as = new Map<string, SignedIn>();
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'ir@example.org', [{ role: 'delegate', state: 'IR', organ: 'CNC' }]);
  for (const who of ['officer@sectsco.org', 'ir@example.org']) as.set(who.split('@')[0]!, await signInAs(server, who));
});

async function call(who: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await app().inject({ method, url, headers: as.get(who)!.headers(method !== 'GET'), payload });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() };
}

test('after the silence deadline a position is refused with 409, and the draft stays deemed adopted', async () => {
  const draft = await call('officer', 'POST', '/api/v1/drafts', { organ: 'CNC', kind: 'procedural', title: 'Silence closes', text_en: 'Silence closes.' });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const id = draft.body.id;
  const opened = await call('officer', 'POST', `/api/v1/drafts/${id}/procedure`, {});
  assert.equal(opened.body.kind, 'silence', JSON.stringify(opened.body));
  // The deadline passes.
  await database().db.updateTable('decision_procedure').set({ deadline: new Date(Date.now() - 60_000).toISOString() }).where('draft_id', '=', id).execute();
  const late = await call('ir', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'IR', position: 'break_silence' });
  assert.equal(late.status, 409);
  assert.match(late.type, /application\/problem\+json/);
  assert.match(late.body.detail, /deadline for positions passed at \d{4}-\d{2}-\d{2}T/);
  const shown = await call('officer', 'GET', `/api/v1/drafts/${id}`);
  assert.equal(shown.body.procedure.outcome.state, 'deemed_adopted');
  assert.ok(!shown.body.procedure.positions.some((p: { position: string }) => p.position === 'break_silence'), 'the late position was not stored');
});
