/** The PGlite data directory lock: one live holder; a dead holder (whatever its PID became) holds nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirInUseError, lockDataDir, lockSocketFile } from './data-dir-lock.ts';

const lockModule = path.join(import.meta.dirname, 'data-dir-lock.ts');

/** A child process that takes the lock on `dir` and reports it. */
async function holder(dir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `const { lockDataDir } = await import(${JSON.stringify(lockModule)}); await lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
  assert.match(chunk.toString(), /locked/);
  return child;
}

test('a second holder is refused while the first lives, in another process as in this one', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
  const child = await holder(dir);
  await assert.rejects(lockDataDir(dir), DataDirInUseError);
  child.kill('SIGTERM');
  await once(child, 'exit');
  const release = await lockDataDir(dir);
  await assert.rejects(lockDataDir(dir), /in use by another Secretariat process/);
  await release();
  await (await lockDataDir(dir))();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('after the holder is killed with SIGKILL the lock is free at once, though its file remains (no PID to be reused)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'));
  const child = await holder(dir);
  child.kill('SIGKILL');
  await once(child, 'exit');
  assert.ok(fs.existsSync(lockSocketFile(dir)), 'the dead holder left its socket file');
  // A PID lock file naming a PID that was since reused by a live process (here: this one) no
  // longer matters: whoever has a PID, a socket nobody listens on refuses connections.
  fs.writeFileSync(path.join(dir, 'secretariat.lock'), String(process.pid));
  const release = await lockDataDir(dir);
  await release();
  fs.rmSync(dir, { recursive: true, force: true });
});
