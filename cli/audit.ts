import { Command } from 'commander';
import type { loadConfig } from '../server/config.ts';

export const auditCommand = (config: typeof loadConfig) =>
  new Command('audit').description('The audit log of changes to institutional records').addCommand(
    new Command('verify').description('Recompute the hash chain; exit 1 naming the first altered or removed event').action(async () => {
      const [{ openMigrated }, { verifyAuditLog }] = await Promise.all([import('../server/open-database.ts'), import('../server/audit/audit-log.ts')]);
      const database = await openMigrated(config());
      try {
        const result = await verifyAuditLog(database.db);
        if (!result.ok) throw new Error(`audit log broken at event ${result.problem!.seq}: ${result.problem!.reason}`);
        console.log(`audit log intact: ${result.events} events`);
      } finally {
        await database.close();
      }
    }),
  );
