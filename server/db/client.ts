/** Opens the database: PGlite in a data directory (default) or a PostgreSQL server (DATABASE_URL). */
import fs from 'node:fs';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { DB } from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';

export { DataDirInUseError } from './data-dir-lock.ts';

export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Calls `onNotice` for every notification on `channel` (PostgreSQL LISTEN), and `onListening`
   * with false while notices may be missed (the listening connection dropped; it reconnects) and
   * true once listening again. Resolves to a function that stops listening.
   */
  listen(channel: string, onNotice: () => void, onListening: (listening: boolean) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** PGlite only: the data directory as a gzipped tarball (a template for new ones). */
  dumpDataDir?(): Promise<Blob>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string | undefined;
  /** PGlite: a tarball (`dumpDataDir`) to start an empty data directory from. */
  template?: Blob | undefined;
}

const DATE_OID = 1082;
const keepDateText = (value: string) => value;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir, options.template);
}

async function openPostgres(url: string): Promise<Database> {
  // Dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? keepDateText : pg.types.getTypeParser(oid, format)) };
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle connection the server drops (restart, failover, a closing pool) must not crash the
  // process: the pool replaces it, and a query in flight gets its own error.
  pool.on('error', (e) => console.warn(`PostgreSQL connection lost: ${e.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    exec: async (script) => { await pool.query(script); },
    listen: (channel, onNotice, onListening) => listenPostgres(url, types, channel, onNotice, onListening),
    close: () => db.destroy(),
  };
}

async function openPglite(dataDir: string | undefined, template: Blob | undefined): Promise<Database> {
  let release: (() => void) | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({ dataDir, parsers: { [DATE_OID]: keepDateText }, ...(template ? { loadDataDir: template } : {}) });
  } catch (e) {
    release?.();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    exec: async (script) => { await pglite.exec(script); },
    dumpDataDir: () => pglite.dumpDataDir('gzip'),
    listen: async (channel, onNotice, onListening) => {
      const stop = await pglite.listen(channel, onNotice);
      onListening(true);
      return async () => { if (!pglite.closed) await stop(); };
    },
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      release?.();
    },
  };
}

/** One dedicated connection LISTENing on `channel`; reconnects every second while it is down. */
async function listenPostgres(url: string, types: pg.CustomTypesConfig, channel: string, onNotice: () => void, onListening: (listening: boolean) => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const again = () => {
    onListening(false);
    if (!stopped) retry = setTimeout(() => void connect().catch(again), 1000);
  };
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, types });
    c.on('notification', (n) => { if (n.channel === channel) onNotice(); });
    c.on('error', () => { void c.end().catch(() => {}); again(); });
    try {
      await c.connect();
      await c.query(`listen ${channel}`);
    } catch (e) {
      await c.end().catch(() => {});
      throw e;
    }
    client = c;
    onListening(true);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
