#!/usr/bin/env node
// Runs the bundle built at install (dist/, scripts/build.mjs) when it is newer than every source
// file and than package-lock.json (it holds the dependencies too); otherwise the TypeScript sources
// directly through tsx (docs/decisions/0001-stack.md, 0008, 0014).
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

// PGlite's PostgreSQL is 9 MB of WebAssembly. V8 compiles it at once with its baseline compiler
// (Liftoff) and then recompiles hot functions with its optimising one (TurboFan) on background
// threads; for this code that second compilation cost more CPU than it saved (a third of an open
// and more over 600 queries) and ~35 MB of memory (docs/decisions/0014-start-and-memory.md).
v8.setFlagsFromString('--liftoff-only');

const root = path.resolve(import.meta.dirname, '..');
const bundle = path.join(root, 'dist', 'main.js');

function newestSource() {
  let newest = fs.statSync(path.join(root, 'package-lock.json'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  walk(path.join(root, 'cli'));
  walk(path.join(root, 'server'));
  return newest;
}

const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
if (built > newestSource()) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/main.ts');
}
