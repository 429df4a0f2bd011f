/** Files as real users send them: Excel's Russian-locale CSV, windows-1251, rows with mistakes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';

let officer: SignedIn;
const { app } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'import-officer@example.org', [{ role: 'secretariat_officer' }]);
  officer = await signInAs(server, 'import-officer@example.org');
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
