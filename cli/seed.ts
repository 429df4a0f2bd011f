import os from 'node:os';
import { Command } from 'commander';
import type { loadConfig } from '../server/config.ts';

export const seedCommand = (config: typeof loadConfig) =>
  new Command('seed')
    .description('Load the reference data files into the database (idempotent: a second run changes nothing)')
    .option('--dir <dir>', 'reference data directory (env SECRETARIAT_REFERENCE_DIR, default data/sco)')
    .option('--check', 'only check the files; touch no database')
    .action(async (opts: { dir?: string; check?: boolean }) => {
      const c = config();
      const dir = opts.dir ?? c.referenceDir;
      const { loadReference } = await import('../server/reference/load-reference.ts');
      if (opts.check) {
        const data = loadReference(dir);
        const { readReferenceTexts, textsDirBeside } = await import('../server/modules/texts/reference-texts.ts');
        const texts = readReferenceTexts(textsDirBeside(dir));
        const keys = new Set(data.document.map((d) => d.key));
        const unknown = texts.filter((t) => !keys.has(t.key));
        if (unknown.length) throw new Error(`data/texts names documents not in the registry: ${unknown.map((t) => t.key).join(', ')}`);
        console.log(`${dir}: all files valid (${data.state.length} states, ${data.document.length} documents, ${texts.length} texts)`);
        return;
      }
      const { openMigrated, seedFrom } = await import('../server/open-database.ts');
      const database = await openMigrated(c);
      try {
        const r = await seedFrom(database, dir, `cli:${os.userInfo().username}`);
        console.log(`seeded from ${dir}: ${r.inserted} inserted, ${r.updated} updated, ${r.deleted} deleted`);
      } finally {
        await database.close();
      }
    });
