/**
 * The SCO's relations with international organisations: memoranda and other instruments with
 * the organisation as a party, each with its own ledger (decided, signed, in force…).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';

export const LEDGER_ACTIONS = ['decided', 'signed', 'announced', 'granted', 'in_force'] as const;

const presentEntry = (a: DB['org_memorandum_action']) => ({
  action: a.action,
  date: a.date,
  date_precision: a.date_precision,
  place: a.place,
  meeting: a.meeting_id,
  origin: a.origin ?? 'reference',
  source: a.source,
  confidence: a.confidence,
  note: a.note,
});

/** Memoranda, each with its organisation and ledger; ordered by their first ledger date (undated last). */
export async function listMemoranda(db: Kysely<DB>, filter: { organisation?: string | undefined } = {}) {
  let q = db.selectFrom('org_memorandum').innerJoin('international_organisation as o', 'o.id', 'org_memorandum.organisation_id').selectAll('org_memorandum').select(['o.name_en as org_en', 'o.name_ru as org_ru', 'o.name_zh as org_zh']);
  if (filter.organisation) q = q.where('org_memorandum.organisation_id', '=', filter.organisation.toUpperCase());
  const [rows, ledger] = await Promise.all([q.execute(), db.selectFrom('org_memorandum_action').selectAll().orderBy('date').execute()]);
  const byMemo = new Map<string, DB['org_memorandum_action'][]>();
  for (const a of ledger) byMemo.set(a.memorandum_id, [...(byMemo.get(a.memorandum_id) ?? []), a]);
  return rows
    .map((m) => {
      const entries = byMemo.get(m.id) ?? [];
      const signed = entries.find((e) => e.action === 'signed');
      return {
        id: m.id,
        organisation: { id: m.organisation_id, name: { en: m.org_en, ru: m.org_ru, zh: m.org_zh } },
        sco_party: m.sco_party,
        kind: m.kind,
        title: { en: m.title_en, ru: m.title_ru, zh: m.title_zh },
        document: m.document_id,
        signed: signed ? { date: signed.date, date_precision: signed.date_precision } : null,
        ledger: entries.map(presentEntry),
        source: m.source,
        confidence: m.confidence,
        note: m.note,
      };
    })
    .sort((a, b) => (a.ledger[0]?.date ?? '9999').localeCompare(b.ledger[0]?.date ?? '9999') || a.id.localeCompare(b.id));
}
export type MemorandumView = Awaited<ReturnType<typeof listMemoranda>>[number];

export interface LedgerInput {
  action: (typeof LEDGER_ACTIONS)[number];
  date: string;
  date_precision?: 'day' | 'month' | 'year';
  place?: string | null;
  meeting?: string | null;
  source: string[];
  note?: string | null;
}

/** An officer adds an entry to a memorandum's ledger (never an edit: a later entry supersedes). Audited. */
export async function recordLedgerEntry(db: Kysely<DB>, actor: Actor, id: string, input: LedgerInput) {
  if (!can(actor, 'relations.record')) deny(actor, 'Only the Secretariat keeps the ledger of memoranda');
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('org_memorandum').select('id').where('id', '=', id).executeTakeFirst())) throw notFound(`Memorandum "${id}"`);
    if (input.meeting && !(await trx.selectFrom('meeting').select('id').where('id', '=', input.meeting).executeTakeFirst())) {
      throw new AppError('invalid_request', `meeting: "${input.meeting}" is not a meeting`, [{ field: 'meeting', message: 'is not a meeting' }]);
    }
    const row: DB['org_memorandum_action'] = {
      memorandum_id: id, action: input.action, date: input.date, date_precision: input.date_precision ?? 'day', place: input.place ?? null, meeting_id: input.meeting ?? null,
      source: input.source, confidence: 'confirmed', note: input.note ?? null, origin: 'secretariat', recorded_by: actor.kind === 'user' ? actor.userId : null, recorded_at: new Date().toISOString(),
    };
    const dup = await trx.selectFrom('org_memorandum_action').select('action').where('memorandum_id', '=', id).where('action', '=', input.action).where('date', '=', input.date).executeTakeFirst();
    if (dup) throw new AppError('conflict', `The ledger of ${id} already has "${input.action}" on ${input.date}`, [{ field: 'date', message: 'already recorded' }]);
    await trx.insertInto('org_memorandum_action').values(row).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'relations.ledger.record', subjectType: 'org_memorandum', subjectId: id, after: row });
    return presentEntry(row);
  });
}
