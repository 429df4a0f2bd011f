/**
 * The README's "Walk through a decision" as written: its shell block is run line by line
 * (`npx secretariat` as bin/secretariat.js, `npm start` as a server on a free port, on a fresh
 * data directory), then the decision is completed through the API with the printed passwords.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot, loadConfig } from '../server/config.ts';
import { serve } from '../server/main.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-walkthrough-'));
const port = 3800 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
let stop: (() => Promise<void>) | undefined;
after(async () => stop?.());

/** The commands of the README's walk-through block, comments removed. */
function walkthroughCommands(): string[] {
  const readme = fs.readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Walk through a decision'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
  return block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim()).filter(Boolean);
}

/** A signed-in API client: the session cookie and the CSRF token read from GET /api/v1/session. */
async function signIn(email: string, password: string) {
  const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  assert.equal(res.status, 200, `${email} signs in`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf_token } = (await (await fetch(`${base}/api/v1/session`, { headers: { cookie } })).json()) as { csrf_token: string };
  return async <T = any>(method: string, url: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}${url}`, { method, headers: { cookie, 'x-csrf-token': csrf_token, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json = await r.json().catch(() => null);
    assert.ok(r.ok, `${method} ${url}: ${r.status} ${JSON.stringify(json)}`);
    return json as T;
  };
}

test("the README's walk-through completes as written: every member's delegate answers, the officer records the adoption", async () => {
  const passwords = new Map<string, string>();
  const commands = walkthroughCommands();
  assert.ok(commands.includes('npm start'), 'the block starts the server');
  for (const command of commands) {
    if (command === 'npm start') {
      // Eleven people sign in from one address within a minute here; the limit is per address.
      ({ stop } = await serve({ ...loadConfig({}), port, dataDir, logLevel: 'warn' }, { signInsPerMinute: 100 }));
      continue;
    }
    assert.match(command, /^npx secretariat /, `a command the test can run: ${command}`);
    const r = spawnSync('node', [path.join(projectRoot, 'bin', 'secretariat.js'), ...command.replace(/^npx secretariat /, '').split(/\s+/)], { encoding: 'utf8', env: { ...process.env, SECRETARIAT_DATA_DIR: dataDir, DATABASE_URL: '' } });
    assert.equal(r.status, 0, `${command}: ${r.stderr}`);
    for (const m of r.stdout.matchAll(/^(\S+@\S+)\s.*password \(shown once\): (\S+)$/gm)) passwords.set(m[1]!, m[2]!);
  }
  const members = ((await (await fetch(`${base}/api/v1/states?status=member&per_page=200`)).json()) as { items: { iso2: string }[] }).items.map((s) => s.iso2);
  assert.equal(members.length, 10);
  for (const iso2 of members) assert.ok(passwords.has(`${iso2.toLowerCase()}@demo.example`), `a delegate of ${iso2} was created with a printed password`);

  const officer = await signIn('officer@demo.example', passwords.get('officer@demo.example')!);
  const draft = await officer<{ id: string }>('POST', '/api/v1/drafts', { organ: 'CHS', kind: 'declaration', title: 'Walk-through declaration', text_en: 'We declare.' });
  await officer('POST', `/api/v1/drafts/${draft.id}/procedure`, {});
  for (const iso2 of members) {
    const delegate = await signIn(`${iso2.toLowerCase()}@demo.example`, passwords.get(`${iso2.toLowerCase()}@demo.example`)!);
    await delegate('POST', `/api/v1/drafts/${draft.id}/positions`, { state: iso2, position: 'support' });
  }
  const recorded = await officer<{ document_id: string }>('POST', `/api/v1/drafts/${draft.id}/decision`, { outcome: 'adopted' });
  const decisions = (await (await fetch(`${base}/api/v1/decisions`)).json()) as { items: { title: string }[] };
  assert.ok(decisions.items.some((d) => d.title === 'Walk-through declaration'), 'listed under Decisions');
  const key = recorded.document_id.split('/').slice(4).join('-');
  const doc = (await (await fetch(`${base}/api/v1/documents/${key}`)).json()) as { pending_signatures: string[] };
  assert.deepEqual([...doc.pending_signatures].sort(), [...members].sort(), 'in the registry with every signature pending');
});
