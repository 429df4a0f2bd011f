/** The command line as a user runs it: help, bad input, seed, export, and the data-directory lock. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { findUserByEmail } from '../server/modules/accounts/accounts.service.ts';
import { importList } from '../server/modules/listing/national-lists.service.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-cli-'));

function cli(...args: string[]) {
  const r = spawnSync('node', [path.join(projectRoot, 'bin', 'secretariat.js'), ...args], {
    encoding: 'utf8',
    // A command that hangs fails the test instead of stalling the suite.
    timeout: 120_000,
    env: { ...process.env, SECRETARIAT_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('every command has --help', () => {
  for (const command of ['serve', 'migrate', 'seed', 'export', 'audit', 'user', 'demo', 'screen']) {
    const r = cli(command, '--help');
    assert.equal(r.code, 0, command);
    assert.match(r.out, new RegExp(`Usage: secretariat ${command}`));
  }
});

test('bad input exits non-zero with a one-line reason', () => {
  const cases: [string[], RegExp][] = [
    [['export', 'people'], /value 'people' is invalid for argument 'list'. Allowed choices are states, organs/],
    [['export', 'states', '--format', 'xml'], /option '-f, --format <format>' argument 'xml' is invalid/],
    [['export', 'states', '--at', '2016-02-30'], /at: must match format "date"/],
    [['serve', '--port', 'eighty'], /--port.*must be an integer/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ];
  for (const [args, reason] of cases) {
    const r = cli(...args);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.equal(r.err.trim().split('\n').length, 1, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, reason);
  }
});

test('seed is idempotent and export writes CSV and JSON', () => {
  assert.match(cli('seed').out, /\d+ inserted, 0 updated, 0 deleted/);
  assert.match(cli('seed').out, /0 inserted, 0 updated, 0 deleted/);
  assert.match(cli('demo', 'seed').out, /loaded the demo plan/);
  assert.match(cli('demo', 'seed').out, /already loaded/);
  assert.match(cli('audit', 'verify').out, /audit log intact: \d+ events/);
  const csv = cli('export', 'states', '--at', '2016-06-01');
  assert.equal(csv.code, 0, csv.err);
  assert.ok(csv.out.includes('\nIN,IND,India,Индия,印度,observer,2005-07-05'));
  const json = JSON.parse(cli('export', 'documents', '--format', 'json').out);
  assert.ok(json.length > 70);
  const reference = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-'));
  fs.cpSync(path.join(projectRoot, 'data', 'sco'), reference, { recursive: true });
  const meetings = path.join(reference, 'meetings.csv');
  const badLine = fs.readFileSync(meetings, 'utf8').trimEnd().split('\n').length + 1;
  fs.appendFileSync(meetings, 'CHS-99,CHS,99,2099-02-30,2099-03-01,Nowhere,ZZ,,in person,,x,confirmed,\n');
  const bad = cli('seed', '--dir', reference);
  assert.equal(bad.code, 1);
  assert.match(bad.err, new RegExp(`meetings\\.csv:${badLine}: column "start" must match format "date"`));
});

test('a second process cannot open a PGlite data directory in use', async () => {
  const database = await openDatabase({ dataDir });
  try {
    const r = cli('migrate');
    assert.equal(r.code, 1);
    assert.match(r.err, /is in use by another Secretariat process/);
  } finally {
    await database.close();
  }
  assert.equal(cli('migrate').code, 0, 'free again once closed');
});

test('screen screens a CSV file against the lists the user may see, and writes ranked results', async () => {
  assert.equal(cli('user', 'create', '--email', 'kz-screen@example.org').code, 0);
  assert.equal(cli('user', 'grant', 'kz-screen@example.org', 'competent_authority', '--state', 'KZ').code, 0, 'granted');
  const database = await openDatabase({ dataDir });
  try {
    const actor = { kind: 'user' as const, userId: (await findUserByEmail(database.db, 'kz-screen@example.org'))!.id, email: '', displayName: '', roles: [{ role: 'competent_authority' as const, state: 'KZ', organ: null }], via: 'session' as const, scopes: null };
    await importList(database.db, actor, 'KZ', 'un-xml', fs.readFileSync(path.join(projectRoot, 'server/modules/listing/fixtures/un-consolidated.xml'), 'utf8'), {});
  } finally {
    await database.close();
  }
  const input = path.join(dataDir, 'travellers.csv');
  const output = path.join(dataDir, 'results.csv');
  fs.writeFileSync(input, 'id,name,birth_date\nT1,Абдуллаев Рустам,1980-05-14\nT2,Wang Lei,\nT3,Maria Schmidt,1990\n');
  const r = cli('screen', input, '--as', 'kz-screen@example.org', '--output', output);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /screened 3 rows: 2 with a match at 0.8/);
  assert.match(r.err, /3\/3 rows/, 'the progress bar');
  const lines = fs.readFileSync(output, 'utf8').trim().split('\n');
  assert.match(lines[1]!, /^T1,Абдуллаев Рустам,1,ne_[0-9a-f]{12},RUSTAM KARIMOVICH ABDULLAEV,[01](\.\d+)?,yes,national-KZ/);
  assert.ok(lines.some((l) => l.startsWith('T3,Maria Schmidt,,')), 'a row without results is kept');
  const bad = cli('screen', input, '--as', 'nobody@example.org');
  assert.match(bad.err, /no active user with e-mail nobody@example.org/);
  // A user without the right is refused, and the command exits (it used to hang holding the lock).
  assert.equal(cli('user', 'create', '--email', 'no-right@example.org').code, 0);
  const denied = cli('screen', input, '--as', 'no-right@example.org', '--output', output);
  assert.equal(denied.code, 1, `exit code ${denied.code}: ${denied.err}`);
  assert.equal(denied.err.trim().split('\n').filter((l) => l.startsWith('secretariat:')).length, 1, denied.err);
  assert.equal(cli('migrate').code, 0, 'the data directory is free again');
  fs.writeFileSync(input, 'id,name,birth_date\nT1,,1980\nT2,Ali,19800\n');
  assert.match(cli('screen', input, '--as', 'kz-screen@example.org').err, /nothing screened; line 2: .*name.*line 3: .*birth_date/);
});

test('a server killed with SIGKILL loses no committed data, and the next start is not blocked', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-crash-'));
  const server = spawn('node', [path.join(projectRoot, 'bin', 'secretariat.js'), 'serve', '--port', '0'], {
    env: { ...process.env, SECRETARIAT_DATA_DIR: dir, DATABASE_URL: '' },
  });
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  while (!output.includes('Secretariat is serving')) await once(server.stdout, 'data');
  // A new data directory is seeded, or starts from the template built at install (seeded then).
  assert.match(output, /[1-9]\d* inserted|from the template/);
  server.kill('SIGKILL');
  await once(server, 'exit');
  const r = spawnSync('node', [path.join(projectRoot, 'bin', 'secretariat.js'), 'seed'], { encoding: 'utf8', env: { ...process.env, SECRETARIAT_DATA_DIR: dir, DATABASE_URL: '' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, / 0 inserted, 0 updated, 0 deleted/, 'everything the killed server seeded is still there');
});
