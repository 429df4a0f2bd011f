/**
 * A migrated and seeded database for one test file: in-memory PGlite by default, or a fresh
 * database on the PostgreSQL server named by TEST_POSTGRES_URL (dropped afterwards).
 */
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { loadReference } from '../reference/load-reference.ts';
import { seed } from '../reference/seed.ts';
import { projectRoot } from '../config.ts';
import { loadReferenceTexts } from '../modules/texts/texts.service.ts';
import { readReferenceTexts, textsDirBeside } from '../modules/texts/reference-texts.ts';
import { chainAll } from '../audit/audit-chainer.ts';

export const referenceDir = path.join(projectRoot, 'data', 'sco');

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) and closes connections. */
  dispose(): Promise<void>;
}

export async function openTestDatabase(options: { seeded?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  let database: Database;
  let drop = async () => {};
  if (serverUrl) {
    const name = `secretariat_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
    drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await openDatabase({});
  }
  await migrate(database);
  if (options.seeded !== false) {
    await seed(database.db, loadReference(referenceDir));
    await loadReferenceTexts(database.db, readReferenceTexts(textsDirBeside(referenceDir)));
    await chainAll(database.db);
  }
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await drop();
    },
  };
}

