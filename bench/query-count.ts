/**
 * Statements sent to the database per signed-in read (GET a draft with its positions, GET a plan
 * with its rates) and per write of bench/api.ts (table a draft, a position, a measure report),
 * counted with a Kysely plugin after a first request has warmed what is kept in memory. A write's
 * BEGIN and COMMIT are not counted (Kysely sends them past its plugins); nor are the audit
 * chainer's passes (off here: they run after the answer, batched over many writes).
 * Usage: npm run bench:queries  (PGlite, or PostgreSQL with TEST_POSTGRES_URL)
 */
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { buildApp } from '../server/app.ts';
import { openTestDatabase } from '../server/testing/test-database.ts';
import { signInAs, userWithRoles } from '../server/testing/test-users.ts';
import { DEMO_PLAN, seedDemo } from '../server/modules/implementation/demo-data.ts';

const database = await openTestDatabase();
let queries: string[] = [];
/** "select draft", "insert audit_pending", "raw": what a statement does and to which table. */
function describe(node: RootOperationNode): string {
  const n = node as { kind: string; from?: { froms: unknown[] }; into?: unknown; table?: unknown };
  const table = n.from?.froms[0] ?? n.into ?? n.table;
  const name = (table as { table?: { identifier?: { name?: string } } } | undefined)?.table?.identifier?.name;
  return `${n.kind.replace(/QueryNode$|Node$/, '').toLowerCase()}${name ? ` ${name}` : ''}`;
}
// Counted as results come back: a builder embedded in a raw statement is transformed, not sent.
const described = new Map<unknown, string>();
const counting: KyselyPlugin = {
  transformQuery: (a) => { described.set(a.queryId, describe(a.node)); return a.node; },
  transformResult: async (a) => { queries.push(described.get(a.queryId)!); described.delete(a.queryId); return a.result; },
};
const app = await buildApp({ db: database.db.withPlugin(counting), webDir: '', listen: database.listen, chainAudit: false });
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
    console.log(`${name.padEnd(14)} status ${res.statusCode}  queries ${queries.length}`);
  }
  const writes = [
    ['drafts.post', '/api/v1/drafts', officer, { organ: 'CHS', kind: 'declaration', title: 'Count', text_en: 'Text.' }],
    ['positions.post', `/api/v1/drafts/${draft}/positions`, ru, { state: 'RU', position: 'support' }],
    ['reports.post', `/api/v1/plans/${DEMO_PLAN}/measures/m_de0000000011/reports`, kz, { state: 'KZ', claim: 'in_progress', value: 1, date: '2025-01-01' }],
  ] as const;
  for (const [name, url, who, payload] of writes) {
    await app.inject({ method: 'POST', url, headers: who.headers(true), payload });
    queries = [];
    const res = await app.inject({ method: 'POST', url, headers: who.headers(true), payload });
    console.log(`${name.padEnd(14)} status ${res.statusCode}  queries ${queries.length} (${queries.join(', ')})`);
  }
} finally {
  await app.close();
  await database.dispose();
}
