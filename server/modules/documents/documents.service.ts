/** Queries on the document registry and each document's ledger of party actions. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { likePattern, localisedOf } from '../../http/common-schemas.ts';
import { effectiveActs } from '../depositary/depositary-ledger.ts';
import { overallStatus, parseRule, partyStatuses, type Action, type Rule } from './entry-into-force.ts';

export interface DocumentFilter {
  kind?: string | undefined;
  year?: number | undefined;
  organ?: string | undefined;
  q?: string | undefined;
}

const present = (d: DB['document']) => ({
  id: d.id,
  key: d.key,
  kind: d.kind,
  title: localisedOf(d as never, 'title'),
  date: d.date,
  date_precision: d.date_precision,
  place: d.place,
  organ: d.organ_id,
  meeting: d.meeting_id,
  counterparty: d.counterparty,
  in_force: d.in_force,
  entry_into_force_rule: d.entry_into_force,
  named_in_seeds: d.named_in_seeds,
  source: d.source,
  confidence: d.confidence,
  note: d.note,
});
export type DocumentView = ReturnType<typeof present>;

/** Escapes LIKE wildcards so a search for "100%" finds the text "100%". */

export async function listDocuments(db: Kysely<DB>, f: DocumentFilter): Promise<DocumentView[]> {
  let q = db.selectFrom('document').selectAll().orderBy(sql`date desc nulls last`).orderBy('title_en');
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.organ) q = q.where('organ_id', '=', f.organ);
  if (f.year) q = q.where('date', '>=', `${f.year}-01-01`).where('date', '<=', `${f.year}-12-31`);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) => eb.or(['title_en', 'title_ru', 'title_zh', 'place', 'counterparty', 'note'].map((c) => eb(c as 'title_en', 'ilike', p))));
  }
  return (await q.execute()).map(present);
}

const parse = (spec: string): Rule => {
  const rule = parseRule(spec);
  return 'error' in rule ? { kind: 'unknown' } : rule;
};

export async function getDocument(db: Kysely<DB>, key: string, today: string) {
  const d = await db.selectFrom('document').selectAll().where('key', '=', key).executeTakeFirst();
  if (!d) return undefined;
  const reference = await db.selectFrom('document_action').selectAll().where('document_id', '=', d.id).orderBy('date').orderBy('state_iso2').execute();
  // The reference files' acts and those the depositary recorded here (corrections applied) form one ledger.
  const recorded = (await effectiveActs(db, d.id)).map((a) => ({ document_id: a.document_id, state_iso2: a.state_iso2, action: a.action, date: a.date, text: a.text, source: a.source, confidence: 'confirmed', note: `${a.instrument} (depositary act ${a.id})` }));
  const ledger = [...reference, ...recorded].sort((a, b) => a.date.localeCompare(b.date) || a.state_iso2.localeCompare(b.state_iso2));
  const rule = parse(d.entry_into_force);
  const actions: Action[] = ledger.map((a) => ({ state: a.state_iso2, action: a.action as Action['action'], date: a.date }));
  const overall = overallStatus(rule, actions, d.in_force, today);
  const meeting = d.meeting_id ? await db.selectFrom('meeting').select(['id', 'city', 'start_date']).where('id', '=', d.meeting_id).executeTakeFirst() : undefined;
  return {
    ...present(d),
    meeting_detail: meeting ?? null,
    status: overall,
    parties: partyStatuses(rule, actions, overall, today, d.parties ?? []),
    pending_signatures: (d.parties ?? []).filter((p) => !actions.some((a) => a.state === p && a.action === 'signature')),
    ledger: ledger.map((a) => ({ state: a.state_iso2, action: a.action, date: a.date, text: a.text, source: a.source, confidence: a.confidence, note: a.note })),
  };
}
