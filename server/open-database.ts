/** Opens, migrates and (when the reference data changed) seeds the configured database. */
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadReference } from './reference/load-reference.ts';
import { seed, type SeedReport } from './reference/seed.ts';
import { loadOrCreateAuditKey, useAuditKey, writeCheckpoint } from './audit/audit-signing.ts';

/**
 * Opens and migrates the database; events this process records are signed with the audit key,
 * and closing writes a signed checkpoint of the log first (docs/decisions/0007).
 */
export async function openMigrated(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let key;
  try {
    key = loadOrCreateAuditKey(config.auditKeyFile);
    await migrate(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  useAuditKey(key);
  return {
    ...database,
    close: async () => {
      try {
        await writeCheckpoint(database.db, key);
      } catch (e) {
        console.warn(`audit checkpoint not written: ${(e as Error).message}`);
      }
      await database.close();
    },
  };
}

export async function seedFrom(database: Database, referenceDir: string, actor?: string): Promise<SeedReport> {
  return seed(database.db, loadReference(referenceDir), actor);
}

/** Migrated and seeded: what serving and exporting need. */
export async function openReady(config: Config): Promise<{ database: Database; report: SeedReport }> {
  const database = await openMigrated(config);
  try {
    return { database, report: await seedFrom(database, config.referenceDir) };
  } catch (e) {
    await database.close();
    throw e;
  }
}
