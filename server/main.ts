/** Starts the server: the configured database, migrated and seeded, then the HTTP app. */
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { buildApp } from './app.ts';
import { openReady } from './open-database.ts';
import path from 'node:path';
import { startNoticeDispatcher } from './modules/decisions/notice-dispatcher.ts';
import { currentAuditKey, writeCheckpoint } from './audit/audit-signing.ts';
import { allowInternalWebhookTargets } from './modules/decisions/webhook-targets.ts';
import { loadNodeKeys } from './modules/infosec/envelope.ts';
import type { SharingLink } from './modules/infosec/sharing-link.ts';

export interface Running {
  url: string;
  database: Database;
  stop: () => Promise<void>;
}

/** `options.signInsPerMinute` lifts the per-address sign-in limit (tests that sign in many users from one address). */
export async function serve(config: Config, options: { signInsPerMinute?: number } = {}): Promise<Running> {
  allowInternalWebhookTargets(config.webhookAllowPrivate);
  const { database, loaded } = await openReady(config);
  // The node's key sits beside the data directory, outside the database it signs for.
  const node = config.nodeState ? { state: config.nodeState, network: config.nodeNetwork, keys: loadNodeKeys(path.dirname(config.dataDir)) } : undefined;
  let link: SharingLink | undefined;
  const app = await buildApp({ db: database.db, logLevel: config.logLevel, screeningLogDays: config.screeningLogDays, listen: database.listen, trustProxy: config.trustProxy, infosec: node && { node, link: () => link }, ...options });
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL server' : `PGlite in ${config.dataDir}`;
  console.log(`reference data (${config.referenceDir}): ${loaded}`);
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${(app.server.address() as { port: number }).port}`;
  console.log(`Secretariat is serving ${url} (${where})`);
  const dispatcher = startNoticeDispatcher(database.db, (e) => app.log.error({ err: e }, 'notice dispatcher'));
  // Signed checkpoints of the audit log while serving (and one more when the database closes).
  const key = currentAuditKey();
  const checkpoints = key ? setInterval(() => writeCheckpoint(database.db, key).catch((e) => app.log.error({ err: e }, 'audit checkpoint')), config.auditCheckpointSeconds * 1000) : undefined;
  checkpoints?.unref();
  if (node && config.natsUrl) {
    // Loaded only for a sharing node: the NATS client is ~25 ms CPU of every other start (docs/decisions/0014).
    const { startSharingLink } = await import('./modules/infosec/sharing-link.ts');
    link = await startSharingLink(database.db, node, config.natsUrl, { onError: (e) => app.log.error({ err: e }, 'information-security sharing') });
    console.log(`information-security node ${node.state} sharing on ${config.natsUrl} (network "${node.network}")`);
  }
  const stop = async () => {
    clearInterval(checkpoints);
    await link?.stop();
    await dispatcher.stop();
    await app.close();
    await database.close();
  };
  return { url, database, stop };
}
