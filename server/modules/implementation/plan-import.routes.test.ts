/** Files as real users send them: Excel's Russian-locale CSV, windows-1251, rows with mistakes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';
import { settleAuditLog } from '../../audit/audit-chainer.ts';

let officer: SignedIn;
let coordinatorCn: SignedIn;
const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'import-officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'import-coordinator-cn@example.org', [{ role: 'national_coordinator', state: 'CN' }]);
  officer = await signInAs(server, 'import-officer@example.org');
  coordinatorCn = await signInAs(server, 'import-coordinator-cn@example.org');
  await server.inject({ method: 'POST', url: '/api/v1/plans', headers: officer.headers(true), payload: { id: 'real-files', title_en: 'Real files', pillar: 'culture' } });
});
const upload = (body: string | Buffer, type = 'text/csv') => app().inject({ method: 'POST', url: '/api/v1/plans/real-files/measures', headers: { ...officer.headers(true), 'content-type': type }, payload: body });
const titles = async () => ((await app().inject({ url: '/api/v1/plans/real-files', headers: officer.headers() })).json().measures as { code: string; title: string }[]).map((m) => `${m.code}:${m.title}`).sort();

test('Excel in a Russian locale: semicolons, BOM, windows-1251 — read as the text it is', async () => {
  const text = 'code;title;responsible_states\r\nR1;Фестиваль, культура;RU\r\n';
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  assert.equal((await upload(bom)).statusCode, 200);
  const cp1251 = Buffer.from(new Uint8Array([...text.replace('R1', 'R2')].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : c.charCodeAt(0) - 0x410 + 0xc0))));
  assert.equal((await upload(cp1251)).statusCode, 200);
  assert.deepEqual(await titles(), ['R1:Фестиваль, культура', 'R2:Фестиваль, культура']);
  const latin1 = Buffer.from([...'code,title,responsible_states\nL1,caf', 0xe9, ...',RU\n'].map((c) => (typeof c === 'number' ? c : c.charCodeAt(0))));
  const refused = await upload(latin1);
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().detail, /UTF-8/);
  assert.ok(!(await titles()).some((t) => t.includes('\ufffd')));
});

test('bad rows are named by their first line and their real fault; nothing is written', async () => {
  const res = await upload('code,title,responsible_states,weight\r\nW1,"two\r\nlines",RU,0\r\n,No code,RU,1\r\n');
  assert.equal(res.statusCode, 400);
  const errors = res.json().errors as { field: string; message: string }[];
  assert.deepEqual(errors.map((e) => e.field), ['line 2', 'line 4']);
  assert.match(errors[0]!.message, /weight.*greater than 0/);
  assert.match(errors[1]!.message, /"code" is required/);
  assert.ok(!errors.some((e) => /own parent/.test(e.message)));
  assert.ok(!(await titles()).some((t) => t.startsWith('W1')));
});

test('a failed import that creates its plan writes nothing, the plan included; the corrected import then succeeds', async () => {
  const db = database().db;
  const importNew = (csv: string) => app().inject({ method: 'POST', url: '/api/v1/plans/fresh-plan/measures?title_en=Fresh%20plan&pillar=economy&period_start=2026-01-01', headers: { ...officer.headers(true), 'content-type': 'text/csv' }, payload: csv });
  const events = async () => (await settleAuditLog(db), db.selectFrom('audit_event').select('action').where('subject_id', '=', 'fresh-plan').orderBy('action').execute());
  const failed = await importNew('code,title,responsible_states\nF1,Bad state,XX\n');
  assert.equal(failed.statusCode, 400);
  assert.match(failed.json().detail, /nothing was written/);
  assert.equal((await db.selectFrom('action_plan').select('id').where('id', '=', 'fresh-plan').execute()).length, 0);
  assert.deepEqual(await events(), []);
  assert.equal((await app().inject({ url: '/api/v1/plans/fresh-plan', headers: officer.headers() })).statusCode, 404);
  // Without the plan's fields, an import into a plan that does not exist is refused (404), and writes nothing either.
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/plans/fresh-plan/measures', headers: { ...officer.headers(true), 'content-type': 'text/csv' }, payload: 'code,title,responsible_states\nF1,Good,KZ\n' })).statusCode, 404);
  const corrected = await importNew('code,title,responsible_states\nF1,Good state,KZ\n');
  assert.equal(corrected.statusCode, 200, corrected.body);
  const plan = (await app().inject({ url: '/api/v1/plans/fresh-plan', headers: officer.headers() })).json();
  assert.equal(plan.period_start, '2026-01-01');
  assert.deepEqual(plan.measures.map((m: { code: string }) => m.code), ['F1']);
  assert.deepEqual((await events()).map((e) => e.action), ['plan.create', 'plan.import_measures']);
  // The plan exists now: creating it again with an import is a conflict, found before the body is read.
  const again = await importNew('code,title,responsible_states\nF2,Other,KZ\n');
  assert.equal(again.statusCode, 409);
  assert.match(String(again.headers['content-type']), /^application\/problem\+json/);
  // Half of the plan's fields is refused.
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/plans/other-plan/measures?title_en=Other', headers: { ...officer.headers(true), 'content-type': 'text/csv' }, payload: 'code,title,responsible_states\nF1,Good,KZ\n' })).statusCode, 400);
});

test('rights on the plan are checked before the body is read: an oversized upload gets 403/404, not 413', async () => {
  const big = Buffer.alloc(11 * 1024 * 1024, 'a');
  const csv = { 'content-type': 'text/csv' };
  // China's coordinator may file reports, but no measure of this plan names China as responsible.
  assert.equal((await upload('code,title,responsible_states\nK1,Kazakh measure,KZ\n')).statusCode, 200);
  const refused = await app().inject({ method: 'POST', url: '/api/v1/plans/real-files/reports', headers: { ...coordinatorCn.headers(true), ...csv }, payload: big });
  assert.equal(refused.statusCode, 403);
  assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
  assert.match(refused.json().detail, /CN/);
  // An unknown plan is 404 before the body, for measures and for reports.
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/plans/no-such-plan/measures', headers: { ...officer.headers(true), ...csv }, payload: big })).statusCode, 404);
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/plans/no-such-plan/reports', headers: { ...coordinatorCn.headers(true), ...csv }, payload: big })).statusCode, 404);
  // The same oversized body from a caller with rights on the plan reaches the size limit: 413.
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/plans/real-files/measures', headers: { ...officer.headers(true), ...csv }, payload: big })).statusCode, 413);
  // And once a measure names China, its coordinator's upload is read (here: a bad row, 400).
  assert.equal((await upload('code,title,responsible_states\nC1,Chinese measure,CN\n')).statusCode, 200);
  assert.equal((await app().inject({ method: 'POST', url: '/api/v1/plans/real-files/reports', headers: { ...coordinatorCn.headers(true), ...csv }, payload: 'measure_code,state,claim\nK1,CN,done\n' })).statusCode, 400);
});
