/**
 * The one idempotent seed: makes the reference tables equal to the reference files, in one
 * transaction. Rows are compared by key, so a second run inserts, updates and deletes nothing.
 * Every row it changes is an audit event, attributed to `actor`.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { canonicalJson, recordEvent } from '../audit/audit-log.ts';
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

export async function seed(db: Kysely<DB>, data: ReferenceData, actor = 'system:seed'): Promise<SeedReport> {
  const report: SeedReport = { inserted: 0, updated: 0, deleted: 0, tables: {} };
  await db.transaction().execute(async (trx) => {
    const wanted = new Map<string, Row[]>(FILES.map((f) => [f.table, (data[f.table as keyof ReferenceData] as unknown as Row[]).map(({ line: _line, ...r }) => r)]));
    // Deletes run children first, inserts and updates parents first.
    for (const spec of [...FILES].reverse()) {
      const deleted = await deleteMissing(trx, actor, spec.table, spec.key, wanted.get(spec.table)!);
      report.tables[spec.table] = { inserted: 0, updated: 0, deleted };
    }
    report.tables.organisation = await upsertOrganisation(trx, actor, data);
    for (const spec of FILES) {
      const t = report.tables[spec.table]!;
      Object.assign(t, await upsert(trx, actor, spec.table, spec.key, wanted.get(spec.table)!));
    }
  });
  for (const t of Object.values(report.tables)) {
    report.inserted += t.inserted;
    report.updated += t.updated;
    report.deleted += t.deleted;
  }
  return report;
}

const keyOf = (row: Row, key: string[]) => key.map((k) => String(row[k])).join('|');

const audit = (trx: Transaction<DB>, actor: string, action: string, table: string, id: string, before: Row | null, after: Row | null) =>
  recordEvent(trx, { actor, action: `reference.${action}`, subjectType: table, subjectId: id, before, after });

/** The rows the seed owns: documents adopted through the decision cycle are not the files'. */
async function existing(trx: Transaction<DB>, table: keyof DB): Promise<Row[]> {
  if (table === 'action_plan') return (await trx.selectFrom('action_plan').selectAll().where('origin', '=', 'reference').execute()) as Row[];
  if (table === 'meeting') return (await trx.selectFrom('meeting').selectAll().where('origin', '=', 'reference').execute()) as Row[];
  // Membership acts recorded by officers are not the files'.
  if (table === 'membership_act') return (await trx.selectFrom('membership_act').selectAll().where('origin', '=', 'reference').execute()) as Row[];
  if (table === 'org_memorandum_action') return (await trx.selectFrom('org_memorandum_action').selectAll().where('origin', '=', 'reference').execute()) as Row[];
  if (table === 'document') return (await trx.selectFrom('document').selectAll().where('origin', '=', 'reference').execute()) as Row[];
  if (table === 'document_action') {
    return (await trx.selectFrom('document_action').selectAll().where('document_id', 'in', trx.selectFrom('document').select('id').where('origin', '=', 'reference')).execute()) as Row[];
  }
  // Projects made in Secretariat are not the files'; the files' projects keep their financing.
  if (table === 'economy_project') return (await trx.selectFrom('economy_project').selectAll().where('origin', '=', 'reference').execute()) as Row[];
  return (await trx.selectFrom(table).selectAll().execute()) as Row[];
}

async function deleteMissing(trx: Transaction<DB>, actor: string, table: keyof DB, key: string[], rows: Row[]): Promise<number> {
  const keep = new Set(rows.map((r) => keyOf(r, key)));
  let deleted = 0;
  for (const old of await existing(trx, table)) {
    if (keep.has(keyOf(old, key))) continue;
    let q = trx.deleteFrom(table) as any;
    for (const k of key) q = q.where(k, '=', old[k]);
    await q.execute();
    await audit(trx, actor, 'delete', table, keyOf(old, key), old, null);
    deleted++;
  }
  return deleted;
}

async function upsert(trx: Transaction<DB>, actor: string, table: keyof DB, key: string[], rows: Row[]) {
  const before = new Map((await existing(trx, table)).map((r) => [keyOf(r, key), r]));
  let inserted = 0;
  let updated = 0;
  for (const row of rows) {
    const columns = Object.keys(row);
    const old = before.get(keyOf(row, key));
    if (!old) {
      await trx.insertInto(table).values(row as never).execute();
      await audit(trx, actor, 'insert', table, keyOf(row, key), null, row);
      inserted++;
    } else if (canonical(old, columns) !== canonical(row, columns)) {
      let q = trx.updateTable(table).set(row as never) as any;
      for (const k of key) q = q.where(k, '=', row[k]);
      await q.execute();
      await audit(trx, actor, 'update', table, keyOf(row, key), old, row);
      updated++;
    }
  }
  return { inserted, updated };
}

async function upsertOrganisation(trx: Transaction<DB>, actor: string, data: ReferenceData) {
  const o = data.organisation;
  const old = await trx.selectFrom('organisation').select('rules').where('id', '=', o.id).executeTakeFirst();
  const counts = { inserted: 0, updated: 0, deleted: 0 };
  if (old && canonicalJson(old.rules) === canonicalJson(o)) return counts;
  const row = { id: o.id, name_en: o.name.en, name_ru: o.name.ru ?? null, name_zh: o.name.zh ?? null, rules: JSON.stringify(o) };
  await trx
    .insertInto('organisation')
    .values(row as never)
    .onConflict((oc) => oc.column('id').doUpdateSet(row as never))
    .execute();
  await audit(trx, actor, old ? 'update' : 'insert', 'organisation', o.id, old ? { rules: old.rules } : null, { rules: o });
  counts[old ? 'updated' : 'inserted'] = 1;
  return counts;
}
