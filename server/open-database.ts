/** Opens, migrates and (when the reference data changed) seeds the configured database. */
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadReference } from './reference/load-reference.ts';
import { seed, type SeedReport } from './reference/seed.ts';
import { loadWdi } from './modules/economy/wdi-load.ts';

export async function openMigrated(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database);
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}

/** The reference files, then the World Bank indicators their economy-indicators.csv names. */
export async function seedFrom(database: Database, referenceDir: string, actor?: string): Promise<SeedReport> {
  const report = await seed(database.db, loadReference(referenceDir), actor);
  await loadWdi(database.db, undefined, actor);
  return report;
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
