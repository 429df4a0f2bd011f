import { Command } from 'commander';
import type { loadConfig } from '../server/config.ts';
import { openMigrated } from '../server/open-database.ts';
import { migrate } from '../server/db/migrate.ts';

export const migrateCommand = (config: typeof loadConfig) =>
  new Command('migrate').description('Apply the pending database migrations').action(async () => {
    const database = await openMigrated(config());
    // openMigrated already applied them; a second pass proves nothing is left.
    const left = await migrate(database);
    await database.close();
    console.log(left.length === 0 ? 'database schema is up to date' : `applied ${left.join(', ')}`);
  });
