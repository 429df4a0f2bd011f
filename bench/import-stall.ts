/**
 * The longest event-loop stall while the server imports a plan of 20,000 measures (CSV, parents
 * in chains of 10), against a trivial request measured in the same run; also the same file with
 * one bad row at the end, which is refused after validating every row.
 * Usage: npm run bench:import [-- --rows 20000]
 * Runs on in-memory PGlite, or on the PostgreSQL server named by TEST_POSTGRES_URL.
 */
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { buildApp } from '../server/app.ts';
import { openTestDatabase } from '../server/testing/test-database.ts';
import { signInAs, userWithRoles } from '../server/testing/test-users.ts';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '20000' } } });
const ROWS = Number(values.rows);

const database = await openTestDatabase();
const app = await buildApp({ db: database.db, webDir: '' });
try {
  await userWithRoles(database.db, 'bench@example.org', [{ role: 'secretariat_officer' }]);
  const officer = (await signInAs(app, 'bench@example.org')).headers(true);
  const lines = ['code,parent_code,title,responsible_states,deadline,weight'];
  for (let i = 0; i < ROWS; i++) lines.push(`M${i},${i % 10 ? `M${i - 1}` : ''},"Measure ${i}, with a comma",RU;KZ,2027-06-30,${1 + (i % 3)}`);
  const good = `${lines.join('\n')}\n`;
  const bad = `${good}M${ROWS},M${ROWS},Its own parent,RU,2027-06-30,0\n`;

  /** Runs `work` and returns its time and the longest stall of the event loop meanwhile (ms). */
  const measure = async (label: string, work: () => Promise<{ statusCode: number }>) => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    // Also a 10 ms ticker's longest gap, which does not depend on the histogram's sampling.
    let last = performance.now();
    let gap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      gap = Math.max(gap, now - last - 10);
      last = now;
    }, 10);
    const t0 = performance.now();
    const res = await work();
    const ms = performance.now() - t0;
    // Let the timers fire once more, so a stall that ended the work is recorded.
    await new Promise((resolve) => setTimeout(resolve, 50));
    clearInterval(ticker);
    delay.disable();
    const stall = Math.max(delay.max / 1e6, gap);
    console.log(`${label.padEnd(42)} status ${res.statusCode}  time ${ms.toFixed(0).padStart(7)} ms  longest stall ${stall.toFixed(0).padStart(6)} ms`);
    return stall;
  };
  const upload = (id: string, body: string) => app.inject({ method: 'POST', url: `/api/v1/plans/${id}/measures`, headers: { ...officer, 'content-type': 'text/csv' }, payload: body });
  for (const id of ['bench-good', 'bench-bad']) await app.inject({ method: 'POST', url: '/api/v1/plans', headers: officer, payload: { id, title_en: id, pillar: 'culture' } });

  console.log(`import of ${ROWS} measures (${(good.length / 1e6).toFixed(1)} MB CSV) on ${process.env.TEST_POSTGRES_URL ? 'PostgreSQL' : 'PGlite'}`);
  const baseline = await measure('baseline: GET /api/v1/organisation', () => app.inject({ url: '/api/v1/organisation' }));
  const refused = await measure(`refused: ${ROWS} rows + 1 bad row`, () => upload('bench-bad', bad));
  const imported = await measure(`imported: ${ROWS} rows`, () => upload('bench-good', good));
  console.log(`longest stall / baseline: refused ×${(refused / Math.max(baseline, 1)).toFixed(1)}, imported ×${(imported / Math.max(baseline, 1)).toFixed(1)}`);
} finally {
  await app.close();
  await database.dispose();
}
