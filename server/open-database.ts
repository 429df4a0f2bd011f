/** Opens, migrates and (when the reference data changed) seeds the configured database. */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Config } from './config.ts';
import { projectRoot } from './config.ts';
import { isEmptyDataDir, openDatabase, type Database } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { loadReference } from './reference/load-reference.ts';
import { seed, type SeedReport } from './reference/seed.ts';
import { loadReferenceTexts } from './modules/texts/texts.service.ts';
import { readReferenceTexts, textsDirBeside } from './modules/texts/reference-texts.ts';
import { currentAuditKey, loadOrCreateAuditKey, useAuditKey, writeCheckpoint } from './audit/audit-signing.ts';
import { chainAll } from './audit/audit-chainer.ts';
import { loadWdi } from './modules/economy/wdi-load.ts';

/**
 * Opens and migrates the database (an empty PGlite directory starts from `template`); events this
 * process records are signed with the audit key, and closing writes a signed checkpoint of the log
 * first (docs/decisions/0007).
 */
export async function openMigrated(config: Config, template?: string): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, template });
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

/** The reference files, then the World Bank indicators their economy-indicators.csv names. */
export async function seedFrom(database: Database, referenceDir: string, actor?: string): Promise<SeedReport> {
  const report = await seed(database.db, loadReference(referenceDir), actor);
  await loadWdi(database.db, undefined, actor);
  await loadReferenceTexts(database.db, readReferenceTexts(textsDirBeside(referenceDir)), actor);
  return report;
}

/**
 * Where a migrated and seeded PGlite data directory is kept as a template for empty ones: named
 * by a hash of the migrations, the reference data and its loader (server/reference), so a change
 * to any of them makes a new one. A directory, copied as files (docs/decisions/0014): unpacking
 * a tarball through PGlite's in-memory file system cost seconds.
 */
export function templateDir(config: Config): string {
  const digest = digestOf([path.join(projectRoot, 'server', 'db', 'migrations'), ...referenceSources(config.referenceDir)]);
  return path.join(projectRoot, '.data', 'templates', `pglite-${digest.slice(0, 16)}`);
}

/** What a seed's result depends on: the data files and the code that reads and loads them. */
const referenceSources = (referenceDir: string) => [referenceDir, path.join(projectRoot, 'server', 'reference'), ...(fs.existsSync(textsDirBeside(referenceDir)) ? [textsDirBeside(referenceDir)] : [])];

/** SHA-256 over the names and contents of the files in `dirs` (not recursive). */
function digestOf(dirs: string[]): string {
  const hash = createHash('sha256');
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  }
  return hash.digest('hex');
}

/**
 * Seeds unless these very reference files were the last ones loaded completely into this
 * database (`reference_load`). `secretariat seed` always compares.
 */
async function seedIfChanged(database: Database, referenceDir: string): Promise<SeedReport | 'unchanged'> {
  const digest = digestOf(referenceSources(referenceDir));
  const last = await database.db.selectFrom('reference_load').select('digest').executeTakeFirst();
  if (last?.digest === digest) return 'unchanged';
  const report = await seedFrom(database, referenceDir);
  await database.db.insertInto('reference_load').values({ id: 1, digest, loaded_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ digest, loaded_at: new Date().toISOString() })).execute();
  return report;
}

/**
 * Migrated and seeded: what serving and exporting need. An empty PGlite data directory starts
 * from the template when there is one (migrations and seed then find nothing to do), and leaves
 * one behind when there was none (docs/decisions/0008-speed.md).
 */
export async function openReady(config: Config): Promise<{ database: Database; loaded: string }> {
  const template = !config.databaseUrl && isEmptyDataDir(config.dataDir) ? templateDir(config) : undefined;
  const fromTemplate = template !== undefined && fs.existsSync(path.join(template, 'PG_VERSION'));
  const database = await openMigrated(config, fromTemplate ? template : undefined);
  // A directory that becomes the template is seeded unsigned: every directory made from it signs
  // its own later events, and its first signed checkpoint covers these (docs/decisions/0007).
  const building = template !== undefined && !fromTemplate && database.snapshot !== undefined;
  const key = currentAuditKey();
  try {
    if (building) useAuditKey(undefined);
    const seeded = await seedIfChanged(database, config.referenceDir).finally(() => useAuditKey(key));
    // What the start log says about the reference data.
    const loaded = fromTemplate ? `from the template ${path.relative(projectRoot, template)}`
      : seeded === 'unchanged' ? 'unchanged since it was last loaded'
      : `${seeded.inserted} inserted, ${seeded.updated} updated, ${seeded.deleted} deleted`;
    if (building) {
      // The seed's events are chained (unsigned, as above) before the template is taken.
      await chainAll(database.db, { key: undefined });
      // Copied aside, then renamed into place: a template is complete or absent.
      const partial = `${template}.${process.pid}`;
      fs.rmSync(partial, { recursive: true, force: true });
      fs.mkdirSync(partial, { recursive: true });
      await database.snapshot!(partial);
      try {
        fs.renameSync(partial, template);
      } catch {
        fs.rmSync(partial, { recursive: true, force: true }); // another process made it first
      }
    }
    return { database, loaded };
  } catch (e) {
    await database.close();
    throw e;
  }
}
