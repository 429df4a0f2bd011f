/** The HTTP app on a fresh test database, for route tests through fastify.inject. */
import { after, before } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { generateKeyPairSync } from 'node:crypto';
import { openTestDatabase, type TestDatabase } from './test-database.ts';
import { keysOf } from '../modules/infosec/envelope.ts';

/** `setup` runs once the app is built (e.g. to create users and sign them in). */
export function useTestApp(setup?: (app: FastifyInstance, database: TestDatabase) => Promise<void>): { app: () => FastifyInstance; database: () => TestDatabase } {
  let app: FastifyInstance;
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase();
    // Tests sign in far more often than people do; the limit itself has its own test.
    // Run as Kazakhstan's information-security node (not connected to peers).
    const infosec = { node: { state: 'KZ', network: 'test', keys: keysOf(generateKeyPairSync('ed25519').privateKey) } };
    app = await buildApp({ db: database.db, webDir: '', signInsPerMinute: 10_000, infosec });
    await setup?.(app, database);
  });
  after(async () => {
    await app.close();
    await database.dispose();
  });
  return { app: () => app, database: () => database };
}

export async function getJson<T = any>(app: FastifyInstance, url: string, status = 200): Promise<T> {
  const res = await app.inject({ url });
  if (res.statusCode !== status) throw new Error(`GET ${url}: expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}
