/**
 * The one idempotent seed: makes the reference tables equal to the reference files, in one
 * transaction. Rows are compared by key, so a second run inserts, updates and deletes nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { FILES } from './reference-files.ts';
import type { ReferenceData } from './load-reference.ts';

export interface SeedReport {
  inserted: number;
  updated: number;
  deleted: number;
  tables: Record<string, { inserted: number; updated: number; deleted: number }>;
}

type Row = Record<string, unknown>;

/** The row's values in the given column order, so rows compare equal whatever the key order. */
const canonical = (row: Row, columns: string[]) => JSON.stringify(columns.map((c) => row[c] ?? null));

export async function seed(db: Kysely<DB>, data: ReferenceData): Promise<SeedReport> {
  const report: SeedReport = { inserted: 0, updated: 0, deleted: 0, tables: {} };
  await db.transaction().execute(async (trx) => {
    const wanted = new Map<string, Row[]>(FILES.map((f) => [f.table, (data[f.table as keyof ReferenceData] as unknown as Row[]).map(({ line: _line, ...r }) => r)]));
    // Deletes run children first, inserts and updates parents first.
    for (const spec of [...FILES].reverse()) {
      const deleted = await deleteMissing(trx, spec.table, spec.key, wanted.get(spec.table)!);
      report.tables[spec.table] = { inserted: 0, updated: 0, deleted };
    }
    await upsertOrganisation(trx, data);
    for (const spec of FILES) {
      const t = report.tables[spec.table]!;
      Object.assign(t, await upsert(trx, spec.table, spec.key, wanted.get(spec.table)!));
    }
  });
  for (const t of Object.values(report.tables)) {
    report.inserted += t.inserted;
    report.updated += t.updated;
    report.deleted += t.deleted;
  }
  return report;
}

const keyOf = (row: Row, key: string[]) => JSON.stringify(key.map((k) => String(row[k])));

async function existing(trx: Transaction<DB>, table: keyof DB): Promise<Row[]> {
  return (await trx.selectFrom(table).selectAll().execute()) as Row[];
}

async function deleteMissing(trx: Transaction<DB>, table: keyof DB, key: string[], rows: Row[]): Promise<number> {
  const keep = new Set(rows.map((r) => keyOf(r, key)));
  let deleted = 0;
  for (const old of await existing(trx, table)) {
    if (keep.has(keyOf(old, key))) continue;
    let q = trx.deleteFrom(table) as any;
    for (const k of key) q = q.where(k, '=', old[k]);
    await q.execute();
    deleted++;
  }
  return deleted;
}

async function upsert(trx: Transaction<DB>, table: keyof DB, key: string[], rows: Row[]) {
  const before = new Map((await existing(trx, table)).map((r) => [keyOf(r, key), r]));
  let inserted = 0;
  let updated = 0;
  for (const row of rows) {
    const columns = Object.keys(row);
    const old = before.get(keyOf(row, key));
    if (!old) {
      await trx.insertInto(table).values(row as never).execute();
      inserted++;
    } else if (canonical(old, columns) !== canonical(row, columns)) {
      let q = trx.updateTable(table).set(row as never) as any;
      for (const k of key) q = q.where(k, '=', row[k]);
      await q.execute();
      updated++;
    }
  }
  return { inserted, updated };
}

async function upsertOrganisation(trx: Transaction<DB>, data: ReferenceData) {
  const o = data.organisation;
  const row = { id: o.id, name_en: o.name.en, name_ru: o.name.ru ?? null, name_zh: o.name.zh ?? null, rules: JSON.stringify(o) };
  await trx
    .insertInto('organisation')
    .values(row as never)
    .onConflict((oc) => oc.column('id').doUpdateSet(row as never))
    .execute();
}
