import { Command } from 'commander';
import type { loadConfig } from '../server/config.ts';

// Modules load when a command runs, so `--help` stays fast.
const load = () => Promise.all([import('../server/open-database.ts'), import('../server/audit/audit-log.ts'), import('../server/audit/audit-signing.ts')]);

export const auditCommand = (config: typeof loadConfig) =>
  new Command('audit')
    .description('The audit log of changes to institutional records')
    .addCommand(
      new Command('verify')
        .description('Recompute the hash chain, check every signature and the last signed checkpoint (SECRETARIAT_AUDIT_KEY_FILE); exit 1 naming the first altered, removed or forged event')
        .action(async () => {
          const [{ openMigrated }, { verifyAuditLog }, { currentAuditKey }] = await load();
          const database = await openMigrated(config());
          try {
            const result = await verifyAuditLog(database.db, { key: currentAuditKey()! });
            if (!result.ok) throw new Error(`audit log broken at event ${result.problem!.seq}: ${result.problem!.reason}`);
            const against = result.checkpoint ? `, all present since the checkpoint of ${result.checkpoint.at} (${result.checkpoint.events} events)` : ', no signed checkpoint yet';
            console.log(`audit log intact: ${result.events} events${against}`);
          } finally {
            await database.close();
          }
        }),
    )
    .addCommand(
      new Command('checkpoint').description('Sign a checkpoint of the audit log now (the server also does so every SECRETARIAT_AUDIT_CHECKPOINT_SECONDS)').action(async () => {
        const [{ openMigrated }, , { currentAuditKey, writeCheckpoint }] = await load();
        const database = await openMigrated(config());
        try {
          const checkpoint = await writeCheckpoint(database.db, currentAuditKey()!);
          console.log(checkpoint ? `checkpoint signed: ${checkpoint.events} events, head ${checkpoint.head_hash.slice(0, 12)}…` : 'the last checkpoint is current');
        } finally {
          await database.close();
        }
      }),
    );
