/**
 * A migrated and seeded database for one test file: in-memory PGlite by default, or a fresh
 * database on the PostgreSQL server named by TEST_POSTGRES_URL (dropped afterwards).
 *
 * Migrating and seeding costs ~5 s of CPU, and the suite opens ~150 databases. So the suite
 * (scripts/test.sh) prepares one of each kind first (scripts/test-templates.ts) and names it:
 * TEST_PGLITE_IMAGE, a PGlite image file, and TEST_POSTGRES_TEMPLATE, a database on the server
 * that CREATE DATABASE … TEMPLATE copies. A seeded database then starts as a copy of it; a file
 * run on its own prepares its own.
 */
import path from 'node:path';
import fs from 'node:fs';
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
  const seeded = options.seeded !== false;
  const serverUrl = process.env.TEST_POSTGRES_URL;
  const template = seeded ? process.env.TEST_POSTGRES_TEMPLATE : undefined;
  const image = seeded && !serverUrl ? process.env.TEST_PGLITE_IMAGE : undefined;
  let database: Database;
  let drop = async () => {};
  if (serverUrl) {
    const name = `secretariat_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    database = await createServerDatabase(serverUrl, name, template);
    drop = async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    database = await openDatabase({ image: image ? new Blob([fs.readFileSync(image)]) : undefined });
  }
  if (!template && !image) await prepareTestDatabase(database, seeded);
  return {
    ...database,
    dispose: async () => {
      await database.close();
      await drop();
    },
  };
}

/** Creates the database `name` on the server of `serverUrl` (a copy of `template` if given) and opens it. */
export async function createServerDatabase(serverUrl: string, name: string, template?: string): Promise<Database> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString() });
}

/** Migrates an empty database and, if `seeded`, loads the SCO reference data and texts, chained. */
export async function prepareTestDatabase(database: Database, seeded = true): Promise<void> {
  await migrate(database);
  if (!seeded) return;
  await seed(database.db, loadReference(referenceDir));
  await loadReferenceTexts(database.db, readReferenceTexts(textsDirBeside(referenceDir)));
  await chainAll(database.db);
}
