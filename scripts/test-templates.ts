/**
 * Prepares the databases the suite's test files start from (server/testing/test-database.ts):
 *   node --import tsx scripts/test-templates.ts pglite FILE        a PGlite image in FILE
 *   node --import tsx scripts/test-templates.ts postgres URL NAME  the database NAME on URL's server
 * Either is migrated, seeded and chained exactly as a test file's own database would be.
 */
import fs from 'node:fs';
import { openDatabase } from '../server/db/client.ts';
import { createServerDatabase, prepareTestDatabase } from '../server/testing/test-database.ts';

const [kind, target, name] = process.argv.slice(2);
if (kind === 'pglite' && target) {
  const database = await openDatabase({});
  await prepareTestDatabase(database);
  fs.writeFileSync(target, Buffer.from(await (await database.image!()).arrayBuffer()));
  await database.close();
} else if (kind === 'postgres' && target && name && /^[a-z_0-9]+$/.test(name)) {
  const database = await createServerDatabase(target, name);
  await prepareTestDatabase(database);
  await database.close();
} else {
  console.error('usage: test-templates.ts pglite FILE | postgres URL NAME');
  process.exit(2);
}
