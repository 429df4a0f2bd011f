/** Applies the SQL migrations in server/db/migrations in name order, each once, each in a transaction. */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from './client.ts';
import { projectRoot } from '../config.ts';

// From the project root, so that the same path holds in the bundle (dist/) and the sources.
const dir = path.join(projectRoot, 'server', 'db', 'migrations');

export async function migrate(database: Database): Promise<string[]> {
  await database.exec('create table if not exists schema_migration (name text primary key, applied_at timestamptz not null default now())');
  const done = new Set(
    (await sql<{ name: string }>`select name from schema_migration`.execute(database.db)).rows.map((r) => r.name),
  );
  const applied: string[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    if (done.has(file)) continue;
    const script = fs.readFileSync(path.join(dir, file), 'utf8');
    // File names are ours (no quotes), so inlining is safe.
    await database.exec(`begin;\n${script}\n;insert into schema_migration (name) values ('${file}');\ncommit;`);
    applied.push(file);
  }
  return applied;
}
