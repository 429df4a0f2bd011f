import { Command } from 'commander';
import type { loadConfig } from '../server/config.ts';

export const migrateCommand = (config: typeof loadConfig) =>
  new Command('migrate').description('Apply the pending database migrations').action(async () => {
    const [{ openMigrated }, { migrate }] = await Promise.all([import('../server/open-database.ts'), import('../server/db/migrate.ts')]);
    const database = await openMigrated(config());
    // openMigrated already applied them; a second pass proves nothing is left.
    const left = await migrate(database);
    await database.close();
    console.log(left.length === 0 ? 'database schema is up to date' : `applied ${left.join(', ')}`);
  });
