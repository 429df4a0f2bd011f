/**
 * Queries sent to the database per signed-in read (GET a draft with its positions, GET a plan with
 * its rates), counted with a Kysely plugin, after a first request has warmed what is kept in memory.
 * Usage: npm run bench:queries  (PGlite, or PostgreSQL with TEST_POSTGRES_URL)
 */
import type { KyselyPlugin } from 'kysely';
import { buildApp } from '../server/app.ts';
import { openTestDatabase } from '../server/testing/test-database.ts';
import { signInAs, userWithRoles } from '../server/testing/test-users.ts';
import { DEMO_PLAN, seedDemo } from '../server/modules/implementation/demo-data.ts';

const database = await openTestDatabase();
let queries: string[] = [];
const counting: KyselyPlugin = { transformQuery: (a) => { queries.push(a.node.kind); return a.node; }, transformResult: async (a) => a.result };
const app = await buildApp({ db: database.db.withPlugin(counting), webDir: '', listen: database.listen });
try {
  await userWithRoles(database.db, 'count-officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(database.db, 'count-ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  await userWithRoles(database.db, 'count-kz@example.org', [{ role: 'national_coordinator', state: 'KZ' }]);
  await seedDemo(database.db, 'bench');
  const officer = await signInAs(app, 'count-officer@example.org');
  const ru = await signInAs(app, 'count-ru@example.org');
  const kz = await signInAs(app, 'count-kz@example.org');
  const draft = (await app.inject({ method: 'POST', url: '/api/v1/drafts', headers: officer.headers(true), payload: { organ: 'CHS', kind: 'declaration', title: 'Count', text_en: 'Text.' } })).json().id;
  await app.inject({ method: 'POST', url: `/api/v1/drafts/${draft}/procedure`, headers: officer.headers(true), payload: {} });
  await app.inject({ method: 'POST', url: `/api/v1/drafts/${draft}/positions`, headers: ru.headers(true), payload: { state: 'RU', position: 'support' } });
  for (const [name, url, who] of [['draft', `/api/v1/drafts/${draft}`, officer], ['plan', `/api/v1/plans/${DEMO_PLAN}`, kz]] as const) {
    await app.inject({ url, headers: who.headers() });
    queries = [];
    const res = await app.inject({ url, headers: who.headers() });
    console.log(`${name.padEnd(6)} status ${res.statusCode}  queries ${queries.length}`);
  }
} finally {
  await app.close();
  await database.dispose();
}
