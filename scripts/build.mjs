#!/usr/bin/env node
// Builds what `npm start` and the CLI run, once (at install: the `prepare` script), each part only
// when its sources changed (docs/decisions/0008-speed.md):
// - dist/: cli/ and server/ bundled by esbuild with their pure-JavaScript dependencies, so that
//   commands start without compiling TypeScript or resolving packages; bin/secretariat.js falls back to tsx when a source file is
//   newer than the bundle.
// - web/dist/: the portal, by Vite, when the hash of web/ differs from the one it was built from.
// - .data/templates/: a migrated and seeded PGlite data directory that empty ones start from, copied
//   as files (server/open-database.ts), named by a hash of the migrations and data/sco.
// Plain JavaScript: it runs before anything is compiled.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');
// Run as a script: process.argv[2] is 'server', 'web' or 'template', all when absent. Imported
// (scripts/start.mjs), it builds nothing by itself.
const run = process.argv[1] !== undefined && fs.realpathSync(process.argv[1]) === import.meta.filename;
const only = process.argv[2];

/** Files under `dir` (relative to the root), sorted, skipping build output and dependencies. */
export function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
      const rel = path.join(d, e.name);
      if (e.isDirectory()) { if (!['node_modules', 'dist'].includes(e.name)) walk(rel); } else out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

if (run && (!only || only === 'server')) {
  // Without esbuild (an install without devDependencies) the CLI runs the sources through tsx.
  const { build } = await import('esbuild').catch(() => ({ build: undefined }));
  const t = Date.now();
  if (!build) {
    console.log('esbuild is not installed: dist/ not built; the sources run through tsx');
  } else {
    fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    await build({
      entryPoints: [path.join(root, 'cli', 'main.ts')],
      outdir: path.join(root, 'dist'),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // The pure-JavaScript dependencies are bundled too: resolving and reading ~500 files of
      // node_modules cost ~0.2 s CPU of a warm start (docs/decisions/0014). Left in node_modules:
      // PGlite (it reads its wasm and data files beside its module), native code, and big
      // packages loaded by few commands.
      external: ['@electric-sql/pglite', '@node-rs/argon2', 'pg', 'exceljs', 'playwright-core', 'cli-progress', 'esbuild', 'tsx'],
      // CommonJS packages bundled into ES modules call require() for Node's own modules.
      banner: { js: "import { createRequire as secretariatCreateRequire } from 'node:module'; const require = secretariatCreateRequire(import.meta.url);" },
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    console.log(`built dist/ in ${Date.now() - t} ms`);
  }
}

/** The portal (web/dist), built by Vite when the hash of web/ and the lockfile differs from the one it was built from. */
export function buildWeb() {
  const hash = createHash('sha256');
  for (const f of [...filesUnder('web'), 'package-lock.json']) hash.update(f).update(fs.readFileSync(path.join(root, f)));
  const digest = hash.digest('hex');
  const stamp = path.join(root, 'web', 'dist', '.source-hash');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === digest) {
    console.log('the portal is up to date (web/dist)');
  } else {
    const t = Date.now();
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    fs.writeFileSync(stamp, digest);
    console.log(`built the portal (web/dist) in ${Date.now() - t} ms`);
  }
}

if (run && (!only || only === 'web')) buildWeb();

if (run && (!only || only === 'template')) {
  // A first open of an empty data directory leaves the template behind (when there is none yet);
  // a throw-away directory is opened through the CLI, exactly as `npm start` would.
  const t = Date.now();
  fs.mkdirSync(path.join(root, '.data'), { recursive: true });
  // Templates were gzipped tarballs before docs/decisions/0014; nothing reads those any more.
  const templates = path.join(root, '.data', 'templates');
  for (const f of fs.existsSync(templates) ? fs.readdirSync(templates) : []) if (f.endsWith('.tar.gz')) fs.rmSync(path.join(templates, f));
  const dir = fs.mkdtempSync(path.join(root, '.data', 'template-build-'));
  try {
    const env = { ...process.env, SECRETARIAT_DATA_DIR: path.join(dir, 'pglite') };
    delete env.DATABASE_URL;
    execFileSync(process.execPath, [path.join(root, 'bin', 'secretariat.js'), 'export', 'organs', '--out', path.join(dir, 'organs.csv')], { cwd: root, env, stdio: 'inherit' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`the PGlite template is ready (.data/templates) in ${Date.now() - t} ms`);
}
