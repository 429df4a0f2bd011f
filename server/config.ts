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
  /** The Ed25519 key that signs the audit log, outside the database (created on first start); checkpoints are kept beside it. */
  auditKeyFile: string;
  /** Seconds between signed checkpoints of the audit log while serving. */
  auditCheckpointSeconds: number;
  /** Whether webhooks may target loopback, private and link-local addresses (closed networks only). */
  webhookAllowPrivate: boolean;
  /** The state this instance is an information-security node for; unset: no node. */
  nodeState: string | undefined;
  /** The sharing network's name (stream and subjects on NATS). */
  nodeNetwork: string;
  /** NATS server with JetStream; set, a node shares with its peers. */
  natsUrl: string | undefined;
  /**
   * Which proxies to believe about the client's address and protocol (X-Forwarded-*): false, true,
   * a hop count, or addresses/CIDRs. Behind a TLS proxy this makes the session cookie `Secure`.
   */
  trustProxy: boolean | number | string;
}

/** SECRETARIAT_TRUST_PROXY: "false" (default), "true", a hop count, or comma-separated addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): boolean | number | string {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  if (!/^[0-9a-fA-F.:/, ]+$/.test(v)) throw new Error(`SECRETARIAT_TRUST_PROXY must be true, false, a hop count or addresses/CIDRs, got "${value}"`);
  return v;
}

const root = path.resolve(import.meta.dirname, '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer 0-65535, got "${env.PORT}"`);
  }
  const screeningLogDays = Number(env.SECRETARIAT_SCREENING_LOG_DAYS ?? 90);
  if (!Number.isInteger(screeningLogDays) || screeningLogDays < 1) throw new Error(`SECRETARIAT_SCREENING_LOG_DAYS must be a whole number of days, got "${env.SECRETARIAT_SCREENING_LOG_DAYS}"`);
  const auditCheckpointSeconds = Number(env.SECRETARIAT_AUDIT_CHECKPOINT_SECONDS ?? 60);
  if (!Number.isInteger(auditCheckpointSeconds) || auditCheckpointSeconds < 1) throw new Error(`SECRETARIAT_AUDIT_CHECKPOINT_SECONDS must be a whole number of seconds, got "${env.SECRETARIAT_AUDIT_CHECKPOINT_SECONDS}"`);
  const dataDir = path.resolve(env.SECRETARIAT_DATA_DIR ?? path.join(root, '.data', 'pglite'));
  const allowPrivate = env.SECRETARIAT_WEBHOOK_ALLOW_PRIVATE ?? 'false';
  if (!['true', 'false'].includes(allowPrivate)) throw new Error(`SECRETARIAT_WEBHOOK_ALLOW_PRIVATE must be true or false, got "${allowPrivate}"`);
  const nodeState = env.SECRETARIAT_NODE_STATE?.toUpperCase() || undefined;
  if (nodeState && !/^[A-Z]{2}$/.test(nodeState)) throw new Error(`SECRETARIAT_NODE_STATE must be an ISO 3166 alpha-2 code, got "${env.SECRETARIAT_NODE_STATE}"`);
  const nodeNetwork = env.SECRETARIAT_NODE_NETWORK ?? 'sco';
  if (!/^[a-z0-9-]{1,32}$/.test(nodeNetwork)) throw new Error(`SECRETARIAT_NODE_NETWORK must be 1-32 of a-z, 0-9 and -, got "${nodeNetwork}"`);
  return {
    port,
    auditCheckpointSeconds,
    webhookAllowPrivate: allowPrivate === 'true',
    auditKeyFile: path.resolve(env.SECRETARIAT_AUDIT_KEY_FILE ?? `${dataDir}.audit-key.pem`),
    nodeState,
    nodeNetwork,
    natsUrl: env.NATS_URL || undefined,
    screeningLogDays,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    referenceDir: path.resolve(env.SECRETARIAT_REFERENCE_DIR ?? path.join(root, 'data', 'sco')),
    logLevel: env.LOG_LEVEL ?? 'warn',
    trustProxy: parseTrustProxy(env.SECRETARIAT_TRUST_PROXY),
  };
}

export const projectRoot = root;
