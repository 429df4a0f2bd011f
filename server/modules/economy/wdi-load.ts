/**
 * Loads the World Bank WDI extract (data/wdi/<code>.csv, long format `Country Name,Country
 * Code,Year,Value`) into `economy_observation`, for the indicators the reference seed defined.
 * Idempotent: the files' fingerprint is kept, and unchanged files change nothing; changed files
 * replace the observations in one transaction with one audit event (the rows are the files', not
 * anyone's edits).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { projectRoot } from '../../config.ts';
import { recordEvent } from '../../audit/audit-log.ts';

export const WDI_DIR = path.join(projectRoot, 'data', 'wdi');
const BATCH = 2000;

export interface WdiLoadReport {
  changed: boolean;
  observations: number;
}

/** The files of `codes` in `dir`, and a fingerprint of their contents (so unchanged files are not parsed again). */
function wdiFiles(dir: string, codes: readonly string[]) {
  const hash = crypto.createHash('sha256');
  const files = [...codes].sort().map((code) => {
    const file = path.join(dir, `${code}.csv`);
    const text = fs.readFileSync(file, 'utf8');
    hash.update(code).update('\0').update(text);
    return { code, file, text };
  });
  return { fingerprint: hash.digest('hex'), files };
}

/** The observations in `files`; a malformed row is an error naming file and line. */
function readWdi(files: { code: string; file: string; text: string }[]) {
  const rows: DB['economy_observation'][] = [];
  for (const { code, file, text } of files) {
    const records = parse(text, { columns: true, skip_empty_lines: true, bom: true, info: true }) as { record: Record<string, string>; info: { lines: number } }[];
    for (const { record, info } of records) {
      const year = Number(record.Year);
      const value = Number(record.Value);
      if (!/^[A-Z]{3}$/.test(record['Country Code'] ?? '') || !Number.isInteger(year) || record.Value === '' || !Number.isFinite(value)) {
        throw new Error(`${file}:${info.lines}: expected "Country Code" (ISO alpha-3), "Year" and a numeric "Value"`);
      }
      rows.push({ indicator_code: code, area: record['Country Code']!, year, value });
    }
  }
  return rows;
}

export async function loadWdi(db: Kysely<DB>, dir = WDI_DIR, actor = 'system:seed'): Promise<WdiLoadReport> {
  const codes = (await db.selectFrom('economy_indicator').select('code').execute()).map((r) => r.code);
  const { fingerprint, files } = wdiFiles(dir, codes);
  const old = await db.selectFrom('economy_dataset').selectAll().where('id', '=', 'wdi').executeTakeFirst();
  if (old?.fingerprint === fingerprint) return { changed: false, observations: old.observations };
  const rows = readWdi(files);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('economy_observation').execute();
    for (let i = 0; i < rows.length; i += BATCH) await trx.insertInto('economy_observation').values(rows.slice(i, i + BATCH)).execute();
    const dataset = { id: 'wdi', fingerprint, observations: rows.length, loaded_at: new Date().toISOString() };
    await trx.insertInto('economy_dataset').values(dataset).onConflict((oc) => oc.column('id').doUpdateSet(dataset)).execute();
    await recordEvent(trx, { actor, action: 'economy.wdi_load', subjectType: 'economy_dataset', subjectId: 'wdi', before: old ? { fingerprint: old.fingerprint, observations: old.observations } : null, after: { fingerprint, observations: rows.length, indicators: codes.length } });
  });
  return { changed: true, observations: rows.length };
}
