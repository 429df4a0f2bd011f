/** The only place environment variables are read. */
import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL server URL; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Directory holding the PGlite data files. */
  dataDir: string;
  /** Directory holding the organisation's reference data files (CSV + organisation.json). */
  referenceDir: string;
  logLevel: string;
  /** Days a screening query (who screened what) is kept. */
  screeningLogDays: number;
  /** The state this instance is an information-security node for; unset: no node. */
  nodeState: string | undefined;
  /** The sharing network's name (stream and subjects on NATS). */
  nodeNetwork: string;
  /** NATS server with JetStream; set, a node shares with its peers. */
  natsUrl: string | undefined;
}

const root = path.resolve(import.meta.dirname, '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer 0-65535, got "${env.PORT}"`);
  }
  const screeningLogDays = Number(env.SECRETARIAT_SCREENING_LOG_DAYS ?? 90);
  if (!Number.isInteger(screeningLogDays) || screeningLogDays < 1) throw new Error(`SECRETARIAT_SCREENING_LOG_DAYS must be a whole number of days, got "${env.SECRETARIAT_SCREENING_LOG_DAYS}"`);
  const nodeState = env.SECRETARIAT_NODE_STATE?.toUpperCase() || undefined;
  if (nodeState && !/^[A-Z]{2}$/.test(nodeState)) throw new Error(`SECRETARIAT_NODE_STATE must be an ISO 3166 alpha-2 code, got "${env.SECRETARIAT_NODE_STATE}"`);
  const nodeNetwork = env.SECRETARIAT_NODE_NETWORK ?? 'sco';
  if (!/^[a-z0-9-]{1,32}$/.test(nodeNetwork)) throw new Error(`SECRETARIAT_NODE_NETWORK must be 1-32 of a-z, 0-9 and -, got "${nodeNetwork}"`);
  return {
    port,
    nodeState,
    nodeNetwork,
    natsUrl: env.NATS_URL || undefined,
    screeningLogDays,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SECRETARIAT_DATA_DIR ?? path.join(root, '.data', 'pglite')),
    referenceDir: path.resolve(env.SECRETARIAT_REFERENCE_DIR ?? path.join(root, 'data', 'sco')),
    logLevel: env.LOG_LEVEL ?? 'warn',
  };
}

export const projectRoot = root;
