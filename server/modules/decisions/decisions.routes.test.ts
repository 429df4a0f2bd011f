import { test } from 'node:test';
import { settleAuditLog } from '../../audit/audit-chainer.ts';
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { verifyAuditLog } from '../../audit/audit-log.ts';
import { deliverPending, noticeDeadlines, sign, SIGNATURE_HEADER } from './notices.ts';
import { allowInternalWebhookTargets } from './webhook-targets.ts';

// The test endpoint listens on 127.0.0.1 (internal targets are refused by default: webhooks.test.ts).
allowInternalWebhookTargets(true);

const MEMBERS = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const as = new Map<string, SignedIn>();

const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'admin@sectsco.org', [{ role: 'administrator' }]);
  await userWithRoles(db, 'mn@example.org', [{ role: 'partner_delegate', state: 'MN' }]);
  await userWithRoles(db, 'kz.cmfa@example.org', [{ role: 'delegate', state: 'KZ', organ: 'CMFA' }]);
  for (const state of MEMBERS) await userWithRoles(db, `${state.toLowerCase()}@example.org`, [{ role: 'delegate', state, organ: 'CHS' }, { role: 'delegate', state, organ: 'CNC' }]);
  for (const who of ['officer@sectsco.org', 'admin@sectsco.org', 'mn@example.org', 'kz.cmfa@example.org', ...MEMBERS.map((s) => `${s.toLowerCase()}@example.org`)]) {
    as.set(who.split('@')[0]!, await signInAs(server, who));
  }
});

async function call(who: string | null, method: 'GET' | 'POST', url: string, payload?: object) {
  const headers = who ? as.get(who)!.headers(method !== 'GET') : {};
  const res = await app().inject({ method, url, headers, payload });
  return { status: res.statusCode, body: res.body ? res.json() : null };
}

async function tabled(by: string, body: object): Promise<string> {
  const r = await call(by, 'POST', '/api/v1/drafts', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

test('a draft is confidential to the organ\'s participants until adopted', async () => {
  const id = await tabled('ru', { organ: 'CHS', kind: 'declaration', title: 'Declaration on connectivity', state: 'RU', text_en: 'The member states agree to cooperate.', text_ru: 'Государства-члены договорились сотрудничать.' });
  for (const [who, status] of [[null, 404], ['kz.cmfa', 404], ['mn', 404], ['admin', 404], ['cn', 200], ['officer', 200]] as const) {
    assert.equal((await call(who, 'GET', `/api/v1/drafts/${id}`)).status, status, `${who ?? 'anonymous'}`);
  }
  const unknown = await call('cn', 'GET', '/api/v1/drafts/d_000000000000');
  const hidden = await call('mn', 'GET', `/api/v1/drafts/${id}`);
  assert.equal(hidden.body.title, unknown.body.title, 'a hidden draft looks like a missing one');
  assert.equal((await call('ru', 'POST', '/api/v1/drafts', { organ: 'CHS', kind: 'declaration', title: 'x', state: 'CN', text_en: 'x' })).status, 403, 'RU cannot table for CN');
  assert.equal((await call('mn', 'POST', '/api/v1/drafts', { organ: 'CHS', kind: 'declaration', title: 'x', state: 'MN', text_en: 'x' })).status, 403, 'a partner does not table');
  assert.equal((await call(null, 'POST', '/api/v1/drafts', { organ: 'CHS', kind: 'declaration', title: 'x', text_en: 'x' })).status, 401);
  const listed = await call('kz.cmfa', 'GET', '/api/v1/drafts');
  assert.ok(!listed.body.items.some((d: { id: string }) => d.id === id), 'not in the list of a CMFA delegate');
});

test('versions, a readable diff, amendments accepted into a new version', async () => {
  const id = await tabled('ru', { organ: 'CHS', kind: 'declaration', title: 'Declaration on trade', state: 'RU', text_en: 'Trade shall grow.' });
  assert.equal((await call('ru', 'POST', `/api/v1/drafts/${id}/versions`, { text_en: 'Trade in national currencies shall grow.', note: 'currencies' })).body.version, 2);
  assert.equal((await call('cn', 'POST', `/api/v1/drafts/${id}/versions`, { text_en: 'no' })).status, 403, 'only the tabling state or the Secretariat edits');
  const diff = (await call('cn', 'GET', `/api/v1/drafts/${id}/diff?from=1&to=2`)).body;
  assert.deepEqual(diff.parts.filter((p: { change: string }) => p.change === 'added').map((p: { value: string }) => p.value.trim()), ['in national currencies']);
  const amendment = await call('cn', 'POST', `/api/v1/drafts/${id}/amendments`, { state: 'CN', text_zh: '贸易应当增长。', rationale: 'Chinese text' });
  assert.equal(amendment.status, 201);
  assert.equal((await call('cn', 'POST', `/api/v1/drafts/${id}/amendments/${amendment.body.id}/decision`, { accept: true })).status, 403, 'the proposer does not accept its own amendment');
  const accepted = await call('ru', 'POST', `/api/v1/drafts/${id}/amendments/${amendment.body.id}/decision`, { accept: true });
  assert.deepEqual(accepted.body, { status: 'accepted', version: 3 });
  const draft = (await call('ru', 'GET', `/api/v1/drafts/${id}`)).body;
  assert.equal(draft.versions[2].text_zh, '贸易应当增长。');
  assert.equal(draft.versions[2].text_en, 'Trade in national currencies shall grow.', 'other languages carry over');
  assert.equal((await call('ru', 'POST', `/api/v1/drafts/${id}/amendments/${amendment.body.id}/decision`, { accept: false })).status, 409);
});

async function openConsensus(title: string) {
  const id = await tabled('officer', { organ: 'CHS', kind: 'declaration', title, text_en: `${title}.` });
  assert.equal((await call('ru', 'POST', `/api/v1/drafts/${id}/procedure`, {})).status, 403, 'only the Secretariat opens');
  const opened = await call('officer', 'POST', `/api/v1/drafts/${id}/procedure`, {});
  assert.equal(opened.status, 201);
  assert.equal(opened.body.kind, 'consensus');
  assert.deepEqual(opened.body.eligible, MEMBERS);
  return id;
}

test('consensus: positions from every member adopt the draft; it enters the registry with signatures pending', async () => {
  const id = await openConsensus('Statement on information security');
  assert.equal((await call('ru', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'CN', position: 'support' })).status, 403, 'RU cannot speak for CN');
  assert.equal((await call('mn', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'MN', position: 'objection' })).status, 404, 'a partner cannot see, let alone block');
  assert.equal((await call('in', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'IN', position: 'reservation' })).status, 400, 'a reservation needs its text');
  assert.equal((await call('in', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'IN', position: 'break_silence' })).status, 400, 'not a consensus position');
  for (const state of MEMBERS.filter((s) => s !== 'UZ')) {
    const position = state === 'IN' ? { position: 'reservation', text: 'India reserves its position on paragraph 3' } : { position: 'support' };
    assert.equal((await call(state.toLowerCase(), 'POST', `/api/v1/drafts/${id}/positions`, { state, ...position })).status, 201);
  }
  assert.equal((await call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'adopted' })).status, 409, 'UZ has not answered');
  const last = await call('uz', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'UZ', position: 'no_objection' });
  assert.equal(last.body.state, 'adopted');
  assert.deepEqual(last.body.reservations, [{ state: 'IN', text: 'India reserves its position on paragraph 3' }]);
  assert.equal((await call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'adopted', meeting: 'CHG-20' })).status, 400, 'a meeting of another organ');
  const recorded = await call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'adopted', meeting: 'CHS-25' });
  assert.equal(recorded.status, 201);
  assert.deepEqual(recorded.body.participants, MEMBERS);
  // Now public, in the decisions list and in the document registry.
  assert.equal((await call(null, 'GET', `/api/v1/drafts/${id}`)).status, 200);
  assert.ok((await call(null, 'GET', '/api/v1/decisions')).body.items.some((d: { draft: string }) => d.draft === id));
  const key = recorded.body.document_id.split('/').slice(4).join('-');
  const document = (await call(null, 'GET', `/api/v1/documents/${key}`)).body;
  assert.equal(document.title.en, 'Statement on information security');
  assert.deepEqual(document.pending_signatures, MEMBERS);
  assert.equal(document.meeting, 'CHS-25');
  assert.equal((await call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'withdrawn' })).status, 409, 'a recorded decision is never edited: the draft has moved on');
  // A later decision supersedes it instead.
  const next = await openConsensus('Statement on information security, revised');
  for (const state of MEMBERS) await call(state.toLowerCase(), 'POST', `/api/v1/drafts/${next}/positions`, { state, position: 'support' });
  const superseding = await call('officer', 'POST', `/api/v1/drafts/${next}/decision`, { outcome: 'adopted', supersedes: recorded.body.id });
  assert.equal(superseding.body.supersedes, recorded.body.id);
});

test('consensus: one objection blocks; the draft is recorded as rejected; participants are told', async () => {
  const id = await openConsensus('Declaration nobody wants');
  for (const state of MEMBERS) {
    await call(state.toLowerCase(), 'POST', `/api/v1/drafts/${id}/positions`, { state, position: state === 'PK' ? 'objection' : 'support' });
  }
  const draft = (await call('officer', 'GET', `/api/v1/drafts/${id}`)).body;
  assert.equal(draft.procedure.outcome.state, 'blocked');
  assert.deepEqual(draft.procedure.outcome.objections, ['PK']);
  assert.equal((await call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'adopted' })).status, 409);
  assert.equal((await call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'rejected' })).status, 201);
  const inbox = (await call('ru', 'GET', '/api/v1/inbox')).body.items;
  assert.ok(inbox.some((n: { event: string; draft: string }) => n.event === 'objection_lodged' && n.draft === id));
  assert.ok(inbox.some((n: { event: string; draft: string }) => n.event === 'decision_recorded' && n.draft === id));
  assert.equal((await call(null, 'GET', `/api/v1/drafts/${id}`)).status, 404, 'a rejected draft stays confidential');
});

test('silence procedure at the CNC: broken by one member, and it stays broken', async () => {
  const id = await tabled('officer', { organ: 'CNC', kind: 'procedural', title: 'Dates of the next CNC meeting', text_en: 'The CNC meets on 1 March.' });
  const opened = await call('officer', 'POST', `/api/v1/drafts/${id}/procedure`, {});
  assert.equal(opened.body.kind, 'silence');
  assert.ok(Date.parse(opened.body.deadline) > Date.now());
  assert.equal((await call('ir', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'IR', position: 'support' })).status, 400);
  const broken = await call('ir', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'IR', position: 'break_silence' });
  assert.equal(broken.body.state, 'silence_broken');
  assert.ok((await call('kz', 'GET', '/api/v1/inbox')).body.items.some((n: { event: string }) => n.event === 'silence_broken'));
});

test('participants are warned once when a deadline is less than a day away', async () => {
  const id = await tabled('officer', { organ: 'CNC', kind: 'procedural', title: 'Agenda of the CNC', text_en: 'Agenda.' });
  const deadline = new Date(Date.now() + 6 * 3_600_000).toISOString();
  assert.equal((await call('officer', 'POST', `/api/v1/drafts/${id}/procedure`, { deadline })).body.deadline, deadline);
  assert.equal(await noticeDeadlines(database().db), 1);
  assert.equal(await noticeDeadlines(database().db), 0, 'only once');
  const notices = (await call('by', 'GET', '/api/v1/inbox')).body.items.filter((n: { event: string; draft: string }) => n.event === 'deadline_approaching' && n.draft === id);
  assert.equal(notices.length, 1);
});

test('concurrent positions from many delegates are all kept', async () => {
  const id = await openConsensus('Declaration signed in a hurry');
  const results = await Promise.all(MEMBERS.map((state) => call(state.toLowerCase(), 'POST', `/api/v1/drafts/${id}/positions`, { state, position: 'support' })));
  assert.deepEqual(results.map((r) => r.status), MEMBERS.map(() => 201));
  const draft = (await call('officer', 'GET', `/api/v1/drafts/${id}`)).body;
  assert.equal(draft.procedure.positions.length, MEMBERS.length);
  assert.equal(draft.procedure.outcome.state, 'adopted');
});

test('signed webhooks reach a subscribed endpoint', async () => {
  const received: { signature: string; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ signature: String(req.headers[SIGNATURE_HEADER]), body });
      res.writeHead(204).end();
    });
  });
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const port = (receiver.address() as { port: number }).port;
  assert.equal((await call('officer', 'POST', '/api/v1/webhooks', { url: `http://127.0.0.1:${port}/hook`, events: ['*'] })).status, 403);
  const hook = await call('admin', 'POST', '/api/v1/webhooks', { url: `http://127.0.0.1:${port}/hook`, events: ['draft_tabled'] });
  assert.equal(hook.status, 201);
  await tabled('kz', { organ: 'CHS', kind: 'declaration', title: 'Hooked', state: 'KZ', text_en: 'x' });
  assert.equal(await deliverPending(database().db), 1);
  receiver.close();
  assert.equal(received.length, 1);
  assert.equal(received[0]!.signature, sign(hook.body.secret, received[0]!.body));
  assert.equal(JSON.parse(received[0]!.body).title, 'Hooked');
  assert.equal(await deliverPending(database().db), 0, 'delivered once');
});

test('every step was audited and the chain verifies', async () => {
  await settleAuditLog(database().db); // events are chained after commit (docs/decisions/0013)
  const events = await database().db.selectFrom('audit_event').select(['action', 'acting_for']).where('action', '=', 'position.submit').execute();
  assert.ok(events.length > 30);
  assert.ok(events.every((e) => e.acting_for !== null), 'a position names the state it was given for');
  assert.deepEqual(await verifyAuditLog(database().db), { ok: true, events: (await verifyAuditLog(database().db)).events });
});

