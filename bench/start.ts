/**
 * Start-up, CLI and memory (issue 11), against baselines measured in the same run:
 * - time to first response of `npm start` (PGlite) on an empty and on a warm data directory,
 *   against a bare Fastify server that opens bare PGlite on a copy of the same warm directory;
 * - warm CLI commands (with and without a database), against `node -e 0` and a bare PGlite
 *   open + query + close of the same directory;
 * - RSS of the started server after a few requests, against the bare server's.
 * Wall time is printed beside CPU time (user + sys of the whole process tree, from /proc), since the
 * machine may be shared: under load wall time grows, CPU time much less. Linux only (/proc).
 * Usage: npm run bench:start [-- --runs 3]
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../server/config.ts';
import { copyDataDir } from '../server/db/client.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Number(values.runs);
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const bin = path.join(projectRoot, 'bin', 'secretariat.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-bench-start-'));
const env = (dataDir: string) => {
  const e: NodeJS.ProcessEnv = { ...process.env, SECRETARIAT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
  delete e.DATABASE_URL;
  return e;
};

/** CPU time (ms) of a process and its descendants, alive or waited for, from /proc. */
function treeCpu(pid: number): number {
  let ticks = 0;
  const children = new Map<number, number[]>();
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(p)]);
    } catch { /* gone */ }
  }
  const visit = (id: number) => {
    try {
      const f = fs.readFileSync(`/proc/${id}/stat`, 'utf8').slice(0, undefined);
      const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime are fields 14-17 (1-based); here offset by the two skipped.
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch { /* gone */ }
    for (const c of children.get(id) ?? []) visit(c);
  };
  visit(pid);
  return ticks * TICK_MS;
}

/** The node process running `script` in the tree under `pid` (npm → sh → node scripts/start.mjs). */
function nodeRunning(pid: number, script: string): number | undefined {
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      if (!cmd.some((a) => a === script || a.endsWith(`/${script}`))) continue; // not `sh -c "node …"`
      for (let id = Number(p); id > 1;) {
        if (id === pid) return Number(p);
        const stat = fs.readFileSync(`/proc/${id}/stat`, 'utf8');
        id = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      }
    } catch { /* gone */ }
  }
  return undefined;
}

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

interface Started { wall: number; cpu: number; rss: number; log: string }

/**
 * Starts `command` (its own process group), waits for its first 200 on `probe`, then makes `warm`
 * requests and reads the server's RSS; stops the group.
 */
async function timeToFirstResponse(command: string, args: string[], e: NodeJS.ProcessEnv, serverScript: string, probe: string, warm: string[]): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(command, args, { cwd: projectRoot, env: e, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    let url: string | undefined;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited: ${log}`);
      url ??= /serving (http:\/\/\S+)/.exec(log)?.[1];
      if (url) {
        const ok = await fetch(url + probe).then((r) => r.status === 200, () => false);
        if (ok) break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const wall = performance.now() - t0;
    const cpu = treeCpu(child.pid!);
    for (const w of warm) await fetch(url + w).then((r) => r.arrayBuffer());
    const server = nodeRunning(child.pid!, serverScript) ?? child.pid!;
    return { wall, cpu, rss: rssMiB(server), log };
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
    await groupGone(child.pid!);
  }
}

/**
 * Resolves once no process of the group `pgid` is left. npm exits on SIGTERM before the server it
 * started has closed its database (which removes postmaster.pid): the next start on that directory,
 * or a copy of it, must wait for the server itself. SIGKILL after 60 s.
 */
async function groupGone(pgid: number): Promise<void> {
  // From /proc, not kill(-pgid, 0): a zombie no one reaps (PID 1 in a container) counts as gone.
  const alive = () => fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).some((p) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return state !== 'Z' && Number(pgrp) === pgid;
    } catch { return false; } // gone
  });
  let killed = false;
  for (const t0 = performance.now(); alive();) {
    if (!killed && performance.now() - t0 > 60_000) { process.kill(-pgid, 'SIGKILL'); killed = true; }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Wall and CPU time of a command run to its end (CPU: this process's waited-for children). */
function timeCommand(command: string, args: string[], e: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const childrenCpu = () => {
    const f = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  };
  const c0 = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: projectRoot, env: e, encoding: 'utf8' });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')}: ${r.stderr}`);
  return { wall, cpu: childrenCpu() - c0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
interface Row { what: string; wall: number; cpu: number; rss?: number; base?: { wall: number; cpu: number; rss?: number }; target: string }
const rows: Row[] = [];

// A bare Fastify server on bare PGlite, in the same directory layout: the floor for a start.
const bareServer = path.join(work, 'bare-server.mjs');
fs.writeFileSync(bareServer, `
import Fastify from '${import.meta.resolve('fastify')}';
import { PGlite } from '${import.meta.resolve('@electric-sql/pglite')}';
const pglite = await PGlite.create({ dataDir: process.env.SECRETARIAT_DATA_DIR });
const app = Fastify();
app.get('/api/v1/organs', async () => (await pglite.query('select * from organ')).rows);
await app.listen({ port: 0, host: '127.0.0.1' });
console.log('serving http://127.0.0.1:' + app.server.address().port);
`);
const bareCli = path.join(work, 'bare-cli.mjs');
fs.writeFileSync(bareCli, `
import { PGlite } from '${import.meta.resolve('@electric-sql/pglite')}';
const pglite = await PGlite.create({ dataDir: process.env.SECRETARIAT_DATA_DIR });
await pglite.query('select * from organ');
await pglite.close();
`);

const warmRequests = ['/api/v1/states?at=2016-06-01', '/api/v1/organs', '/api/v1/documents', '/api/v1/meetings', '/'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs; ${RUNS} runs each, medians`);

// Empty data directory (started from the template), then warm starts of the same directory.
const empty: Started[] = [];
const warm: Started[] = [];
const bare: Started[] = [];
let warmDir = '';
for (let i = 0; i < RUNS; i++) {
  const dir = path.join(work, `empty-${i}`, 'pglite');
  empty.push(await timeToFirstResponse(npm, ['start', '--silent'], env(dir), 'scripts/start.mjs', '/api/v1/organs', warmRequests));
  warmDir = dir;
}
for (let i = 0; i < RUNS; i++) warm.push(await timeToFirstResponse(npm, ['start', '--silent'], env(warmDir), 'scripts/start.mjs', '/api/v1/organs', warmRequests));
const bareDir = path.join(work, 'bare', 'pglite');
copyDataDir(warmDir, bareDir); // as the server copies its template: without a lock file left behind
for (let i = 0; i < RUNS; i++) bare.push(await timeToFirstResponse(process.execPath, [bareServer], env(bareDir), bareServer, '/api/v1/organs', ['/api/v1/organs']));
const pick = (xs: Started[]) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)), rss: median(xs.map((x) => x.rss)) });
const bareFigures = pick(bare);
console.log(`the empty directory started ${/from the template/.test(empty[0]!.log) ? 'from the template' : 'WITHOUT a template (it migrated and seeded)'}`);
rows.push({ what: '`npm start`, empty data directory: first response', ...pick(empty), base: bareFigures, target: '< 3 s' });
rows.push({ what: '`npm start`, warm data directory: first response', ...pick(warm), base: bareFigures, target: '< 1 s' });

// CLI commands on the warm directory.
const cli = (what: string, args: string[], baseArgs: string[], target: string) => {
  const runs = Array.from({ length: RUNS }, () => timeCommand(process.execPath, [bin, ...args], env(warmDir)));
  const baseRuns = Array.from({ length: RUNS }, () => timeCommand(process.execPath, baseArgs, env(bareDir)));
  rows.push({ what, wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), base: { wall: median(baseRuns.map((r) => r.wall)), cpu: median(baseRuns.map((r) => r.cpu)) }, target });
};
cli('`secretariat --help` (no database)', ['--help'], ['-e', '0'], '< 0.5 s');
cli('`secretariat export organs` (warm database)', ['export', 'organs', '--out', path.join(work, 'organs.csv')], [bareCli], '< 1.5 s');
cli('`secretariat audit verify` (warm database)', ['audit', 'verify'], [bareCli], '< 1.5 s');

const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log('\n| what | wall | CPU (user+sys) | RSS | baseline wall / CPU / RSS | wall ratio | target |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  const base = r.base ? `${f(r.base.wall)} / ${f(r.base.cpu)}${r.base.rss ? ` / ${r.base.rss.toFixed(0)} MiB` : ''}` : '';
  console.log(`| ${r.what} | ${f(r.wall)} | ${f(r.cpu)} | ${r.rss ? `${r.rss.toFixed(0)} MiB` : ''} | ${base} | ${r.base ? (r.wall / r.base.wall).toFixed(2) : ''} | ${r.target} |`);
}
const rssServer = median(warm.map((w) => w.rss));
console.log(`| memory of the started server (warm, after ${warmRequests.length} requests) | | | ${rssServer.toFixed(0)} MiB | ${bareFigures.rss.toFixed(0)} MiB | ${(rssServer / bareFigures.rss).toFixed(2)} | < 250 MiB |`);
console.log(`\nbaselines: a bare Fastify server answering from bare PGlite on a copy of the same directory; \`node -e 0\`; a bare PGlite open + query + close.`);
console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
fs.rmSync(work, { recursive: true, force: true });
