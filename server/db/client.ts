/** Opens the database: PGlite in a data directory (default) or a PostgreSQL server (DATABASE_URL). */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
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
  /**
   * PGlite only: a copy of the data directory in `target` (a template for new ones), as a crash
   * would leave it: a checkpoint, then the files copied while no statement runs (PGlite runs
   * them in this thread). A database started from it recovers from that checkpoint.
   */
  snapshot?(target: string): Promise<void>;
  /** PGlite only: the whole database as a tarball (PGlite's dumpDataDir), for `OpenOptions.image`. */
  image?(): Promise<Blob>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in memory. */
  dataDir?: string | undefined;
  /** PGlite: a data directory (`snapshot`) to copy into an empty data directory before opening it. */
  template?: string | undefined;
  /** PGlite in memory: a database image (`Database.image`) to start from instead of an empty one. */
  image?: Blob | undefined;
}

const DATE_OID = 1082;
const keepDateText = (value: string) => value;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir, options.template, options.image);
}

/**
 * PGlite's PostgreSQL settings: its defaults, with 16 MB of shared buffers instead of the data
 * directory's 128 MB. PGlite zeroes its shared memory at every start (a quarter of an open's CPU
 * time at 128 MB) and keeps it resident; the SCO data is ~30 MB on disk, read through the page
 * cache when not buffered, and public reads are answered from memory (docs/decisions/0008, 0014).
 */
export const PGLITE_SHARED_BUFFERS = '16MB';
const pgliteStartParams = () => [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];

async function openPostgres(url: string): Promise<Database> {
  // Loaded only for PostgreSQL: the embedded default never needs it.
  const { default: pg } = await import('pg');
  // Dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
  const types = { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? keepDateText : pg.types.getTypeParser(oid, format)) };
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // A connection the server drops (restart, failover, pg_terminate_backend) must not crash the
  // process. pg-pool listens for 'error' only while a client is idle; a client checked out by a
  // request between two of its queries has no listener, and Node throws on an unhandled 'error'
  // event. So every client gets its own listener for its whole life: the query in flight (or the
  // next one) fails, the request answers 503 (database-errors.ts), and the pool discards the client.
  pool.on('error', (e) => console.warn(`PostgreSQL connection lost: ${e.message}`));
  pool.on('connect', (client) => {
    client.on('error', (e) => console.warn(`PostgreSQL connection lost while in use: ${e.message}`));
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    exec: async (script) => { await pool.query(script); },
    listen: (channel, onNotice, onListening) => listenPostgres(pg, url, types, channel, onNotice, onListening),
    close: () => db.destroy(),
  };
}

/** A database directory holds PG_VERSION; without it PGlite would create an empty database. */
export const isEmptyDataDir = (dir: string) => !fs.existsSync(path.join(dir, 'PG_VERSION'));

/**
 * Copies the data directory `from` into `to`: PG_VERSION last, so that a copy cut short is still
 * an empty directory (and is copied again), never a damaged database. The lock file of a live
 * PostgreSQL is left out, and so are the WAL segments named after `lastWal` (when given).
 */
export function copyDataDir(from: string, to: string, lastWal?: string): void {
  const skip = (rel: string) => ['PG_VERSION', 'postmaster.pid'].includes(rel)
    || (lastWal !== undefined && path.dirname(rel) === 'pg_wal' && /^[0-9A-F]{24}$/.test(path.basename(rel)) && path.basename(rel) > lastWal);
  fs.cpSync(from, to, { recursive: true, filter: (src) => !skip(path.relative(from, src)) });
  fs.copyFileSync(path.join(from, 'PG_VERSION'), path.join(to, 'PG_VERSION'));
}

async function openPglite(dataDir: string | undefined, template: string | undefined, image: Blob | undefined): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    release = await lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    // Under the lock: two processes opening one empty directory copy the template once.
    if (dataDir && template && isEmptyDataDir(dataDir)) copyDataDir(template, dataDir);
    pglite = await PGlite.create({ dataDir, loadDataDir: image, parsers: { [DATE_OID]: keepDateText }, startParams: pgliteStartParams() });
  } catch (e) {
    await release?.();
    throw e;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    exec: async (script) => { await pglite.exec(script); },
    snapshot: async (target) => {
      if (!dataDir) throw new Error('an in-memory database has no directory to copy');
      await pglite.exec('CHECKPOINT');
      // Segments after the one being written are recycled ones kept for later writes (16 MB each,
      // a quarter of the copy every empty directory makes): recovery from this checkpoint ends
      // in the current one, and PostgreSQL creates the next when it needs it.
      const { rows } = await pglite.query<{ name: string }>('select pg_walfile_name(pg_current_wal_lsn()) as name');
      copyDataDir(dataDir, target, rows[0]!.name);
    },
    image: () => pglite.dumpDataDir('none'),
    listen: async (channel, onNotice, onListening) => {
      const stop = await pglite.listen(channel, onNotice);
      onListening(true);
      return async () => { if (!pglite.closed) await stop(); };
    },
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
      await release?.();
    },
  };
}

/** One dedicated connection LISTENing on `channel`; reconnects every second while it is down. */
async function listenPostgres(pg: typeof import('pg').default, url: string, types: pg.CustomTypesConfig, channel: string, onNotice: () => void, onListening: (listening: boolean) => void): Promise<() => Promise<void>> {
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
