import { openTestDatabase } from '../server/testing/test-database.ts';
import { buildApp } from '../server/app.ts';
const database = await openTestDatabase();
const app = await buildApp({ db: database.db, webDir: '' });
for (const url of process.argv.slice(2)) {
  const [method, u, body, type] = url.split(' ');
  const res = await app.inject({ method: method as 'GET', url: u!, ...(body ? { payload: body, headers: { 'content-type': type ?? 'application/json' } } : {}) });
  console.log(method, u, res.statusCode, res.headers['content-type'], res.body.slice(0, 200));
}
await app.close(); await database.dispose();
