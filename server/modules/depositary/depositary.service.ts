/**
 * The depositary's commands and queries: treaty actions recorded per party (a correction is a new
 * act superseding the old one, never an edit), a numbered depositary notification for each act,
 * sent to the parties' national coordinators and published, and status tables per document.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { today } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { getDocument } from '../documents/documents.service.ts';
import { CONSENT_ACTIONS, type LedgerAction } from '../documents/entry-into-force.ts';
import { notifyCoordinators } from '../decisions/notices.ts';

// An arbitrary constant naming the lock that serialises notification numbers.
const NUMBER_LOCK = 7_274_013;
const TEXT_ACTIONS = new Set(['reservation', 'declaration']);

export interface ActInput {
  state: string;
  action: LedgerAction;
  date: string;
  instrument: string;
  source: string[];
  text?: string;
  supersedes?: string;
}

const presentAct = (a: DB['depositary_act'], supersededBy: string | null = null) => ({
  id: a.id, state: a.state_iso2, action: a.action, date: a.date, instrument: a.instrument, text: a.text, source: a.source,
  supersedes: a.supersedes, superseded_by: supersededBy, recorded_at: new Date(a.recorded_at).toISOString(),
});

async function documentByKey(db: Kysely<DB> | Transaction<DB>, key: string) {
  const d = await db.selectFrom('document').select(['id', 'key', 'title_en', 'parties']).where('key', '=', key).executeTakeFirst();
  if (!d) throw notFound(`Document "${key}"`);
  return d;
}

const invalid = (field: string, message: string) => new AppError('invalid_request', `${field}: ${message}`, [{ field, message }]);

/** Records a treaty action and publishes its numbered notification; returns both and the party's new status. */
export async function recordAct(db: Kysely<DB>, actor: Actor, key: string, input: ActInput) {
  if (!can(actor, 'depositary.record')) deny(actor, 'Only Secretariat officers record treaty actions');
  if (TEXT_ACTIONS.has(input.action) && !input.text?.trim()) throw invalid('text', `a ${input.action} needs its text`);
  if (input.date > today()) throw invalid('date', 'an act cannot be dated in the future');
  const state = input.state.toUpperCase();
  const result = await db.transaction().execute(async (trx) => {
    const doc = await documentByKey(trx, key);
    const known = await trx.selectFrom('state').select(['iso2', 'name_en']).where('iso2', '=', state).executeTakeFirst();
    if (!known) throw invalid('state', `"${input.state}" is not a state in the registry`);
    if (input.supersedes) {
      const old = await trx.selectFrom('depositary_act').select(['id', 'document_id', 'state_iso2']).where('id', '=', input.supersedes).executeTakeFirst();
      if (!old || old.document_id !== doc.id || old.state_iso2 !== state) throw invalid('supersedes', `"${input.supersedes}" is not an act of ${state} on this document`);
      const later = await trx.selectFrom('depositary_act').select('id').where('supersedes', '=', input.supersedes).executeTakeFirst();
      if (later) throw new AppError('conflict', `Act "${input.supersedes}" was already superseded by "${later.id}"`);
    }
    const at = new Date().toISOString();
    const act = { id: `act_${randomBytes(6).toString('hex')}`, document_id: doc.id, state_iso2: state, action: input.action, date: input.date, instrument: input.instrument.trim(), text: input.text?.trim() || null, source: input.source, supersedes: input.supersedes ?? null, recorded_by: (actor as Actor & { kind: 'user' }).userId, recorded_at: at };
    try {
      await trx.insertInto('depositary_act').values(act).execute();
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('conflict', `Act "${input.supersedes}" was superseded meanwhile`);
      throw e;
    }
    await sql`select pg_advisory_xact_lock(${NUMBER_LOCK})`.execute(trx);
    const year = Number(at.slice(0, 4));
    const last = await trx.selectFrom('depositary_notification').select(sql<number>`max(number)`.as('n')).where('year', '=', year).executeTakeFirst();
    const number = Number(last?.n ?? 0) + 1;
    const what = `${input.supersedes ? 'correction: ' : ''}${known.name_en} — ${input.action.replaceAll('_', ' ')} of ${input.date} (${act.instrument})`;
    const notification = { id: `DN-${year}-${number}`, year, number, document_id: doc.id, act_id: act.id, summary: `Depositary notification ${year}/${number}: ${doc.title_en}: ${what}`, published_at: at };
    await trx.insertInto('depositary_notification').values(notification).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'depositary.act', subjectType: 'document', subjectId: doc.id, before: input.supersedes ? { supersedes: input.supersedes } : null, after: { act, notification: notification.id } });
    // The parties: every state with an act on the document, those bound by its adoption here, and this one.
    const withActs = await trx.selectFrom('depositary_act').select('state_iso2').distinct().where('document_id', '=', doc.id).execute();
    const withRefActs = await trx.selectFrom('document_action').select('state_iso2').distinct().where('document_id', '=', doc.id).execute();
    const parties = [...new Set([state, ...(doc.parties ?? []), ...withActs.map((r) => r.state_iso2), ...withRefActs.map((r) => r.state_iso2)])].sort();
    await notifyCoordinators(trx, { states: parties }, 'depositary_notification', { id: notification.id, kind: 'document', title: doc.title_en }, notification.summary, at);
    return { act: presentAct(act), notification: presentNotification({ ...notification, key: doc.key }) };
  });
  const doc = await getDocument(db, key, today());
  return { ...result, party: doc!.parties.find((p) => p.state === state) ?? null, overall: doc!.status };
}

/** Every act the depositary recorded on a document, superseded ones included (marked). */
export async function listActs(db: Kysely<DB>, key: string) {
  const doc = await documentByKey(db, key);
  const acts = await db.selectFrom('depositary_act').selectAll().where('document_id', '=', doc.id).orderBy('recorded_at').execute();
  const by = new Map(acts.filter((a) => a.supersedes).map((a) => [a.supersedes!, a.id]));
  return acts.map((a) => presentAct(a, by.get(a.id) ?? null));
}

const presentNotification = (n: Omit<DB['depositary_notification'], 'document_id'> & { key: string }) => ({
  id: n.id, year: n.year, number: n.number, document: n.key, act: n.act_id, summary: n.summary, published_at: new Date(n.published_at).toISOString(),
});

/** Published depositary notifications, newest first. */
export async function listNotifications(db: Kysely<DB>, filter: { year?: number | undefined; document?: string | undefined }) {
  let q = db.selectFrom('depositary_notification as n').innerJoin('document as d', 'd.id', 'n.document_id').select(['n.id', 'n.year', 'n.number', 'n.act_id', 'n.summary', 'n.published_at', 'd.key']).orderBy('n.year', 'desc').orderBy('n.number', 'desc');
  if (filter.year) q = q.where('n.year', '=', filter.year);
  if (filter.document) q = q.where('d.key', '=', filter.document);
  return (await q.execute()).map(presentNotification);
}

const CONSENTS = new Set<string>(CONSENT_ACTIONS);

/**
 * A status table in the manner of the UN Treaty Collection: one row per participant with its
 * signature, its consent (and how given), its entry into force and its reservations/declarations.
 */
export async function statusTable(db: Kysely<DB>, key: string, at: string) {
  const doc = await getDocument(db, key, at);
  if (!doc) throw notFound(`Document "${key}"`);
  const names = new Map((await db.selectFrom('state').select(['iso2', 'name_en']).execute()).map((s) => [s.iso2, s.name_en]));
  return doc.parties.map((p) => {
    const own = doc.ledger.filter((l) => l.state === p.state);
    const consent = own.find((l) => CONSENTS.has(l.action) && l.date === p.consented);
    return {
      participant: p.state,
      participant_name: names.get(p.state) ?? p.state,
      signature: p.signed,
      consent: p.consented,
      consent_kind: consent?.action ?? null,
      provisional_application: p.provisionallyApplied,
      entry_into_force: p.inForceFrom,
      status: p.status,
      withdrawal: p.withdrawn,
      reservations: own.filter((l) => l.action === 'reservation' || l.action === 'declaration').map((l) => `${l.action} ${l.date}: ${l.text ?? ''}`.trim()),
    };
  });
}
export type StatusRow = Awaited<ReturnType<typeof statusTable>>[number];
