/**
 * Officers schedule meetings of any organ and keep each meeting's record: agenda (items may link
 * drafts), delegations by state with their members, outcome documents and minutes. A meeting from
 * the reference files keeps its date and place from there; its record is kept here.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import type { AgendaItem, Delegation } from './meetings.tables.ts';

export interface MeetingInput {
  organ: string;
  start_date: string;
  end_date?: string;
  city: string;
  host?: string | null;
  chair?: string | null;
  format?: 'in person' | 'videoconference';
  note?: string | null;
}
export interface RecordInput {
  agenda?: AgendaItem[];
  delegations?: Delegation[];
  outcome_documents?: string[];
  minutes?: string | null;
}

const invalid = (field: string, message: string) => new AppError('invalid_request', `${field}: ${message}`, [{ field, message }]);
type Trx = Transaction<DB>;

async function checkRefs(trx: Trx, m: Partial<MeetingInput>, r: RecordInput) {
  if (m.organ && !(await trx.selectFrom('organ').select('id').where('id', '=', m.organ).executeTakeFirst())) throw invalid('organ', `"${m.organ}" is not an organ`);
  const states = new Set((await trx.selectFrom('state').select('iso2').execute()).map((s) => s.iso2));
  for (const [field, v] of [['host', m.host], ['chair', m.chair]] as const) if (v && !states.has(v.toUpperCase())) throw invalid(field, `"${v}" is not a state`);
  (r.delegations ?? []).forEach((d, i) => { if (!states.has(d.state.toUpperCase())) throw invalid(`delegations.${i}.state`, `"${d.state}" is not a state`); });
  for (const [i, item] of (r.agenda ?? []).entries()) {
    if (item.draft && !(await trx.selectFrom('draft').select('id').where('id', '=', item.draft).executeTakeFirst())) throw invalid(`agenda.${i}.draft`, `"${item.draft}" is not a draft`);
  }
  const keys = r.outcome_documents ?? [];
  const known = keys.length ? new Set((await trx.selectFrom('document').select('key').where('key', 'in', keys).execute()).map((d) => d.key)) : new Set<string>();
  keys.forEach((k, i) => { if (!known.has(k)) throw invalid(`outcome_documents.${i}`, `"${k}" is not a document`); });
}

async function saveRecord(trx: Trx, actor: Actor, meetingId: string, r: RecordInput, at: string) {
  const old = await trx.selectFrom('meeting_record').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst();
  const row = {
    meeting_id: meetingId,
    agenda: JSON.stringify(r.agenda ?? (old ? old.agenda : [])),
    delegations: JSON.stringify((r.delegations ?? (old?.delegations as Delegation[] | undefined) ?? []).map((d) => ({ state: d.state.toUpperCase(), members: d.members }))),
    outcome_documents: r.outcome_documents ?? old?.outcome_documents ?? [],
    minutes: r.minutes !== undefined ? r.minutes : (old?.minutes ?? null),
    updated_by: (actor as Actor & { kind: 'user' }).userId,
    updated_at: at,
  };
  await trx.insertInto('meeting_record').values(row).onConflict((oc) => oc.column('meeting_id').doUpdateSet(row)).execute();
  return { old: old ?? null, row };
}

/** Schedules a meeting of an organ; its id is `<organ>-<start date>` (a second one that day is a conflict). */
export async function createMeeting(db: Kysely<DB>, actor: Actor, input: MeetingInput & RecordInput) {
  if (!can(actor, 'meetings.manage', { organ: input.organ })) deny(actor, `Only the Secretariat schedules meetings of ${input.organ}`);
  const end = input.end_date ?? input.start_date;
  if (end < input.start_date) throw invalid('end_date', 'is before start_date');
  return db.transaction().execute(async (trx) => {
    await checkRefs(trx, input, input);
    const id = `${input.organ}-${input.start_date}`;
    if (await trx.selectFrom('meeting').select('id').where('id', '=', id).executeTakeFirst()) throw new AppError('conflict', `${input.organ} already has a meeting on ${input.start_date} ("${id}")`);
    const at = new Date().toISOString();
    const meeting = {
      id, organ_id: input.organ, number: null, start_date: input.start_date, end_date: end, city: input.city, host_iso2: input.host?.toUpperCase() ?? null, chair_iso2: input.chair?.toUpperCase() ?? null,
      format: input.format ?? 'in person', outcomes: null, source: [`secretariat:${actorId(actor)}`], confidence: 'confirmed', note: input.note ?? null, origin: 'secretariat' as const,
    };
    try {
      await trx.insertInto('meeting').values(meeting).execute();
    } catch (e) {
      if ((e as { code?: string }).code === '23505') throw new AppError('conflict', `${input.organ} already has a meeting on ${input.start_date}`);
      throw e;
    }
    const { row } = await saveRecord(trx, actor, id, input, at);
    await recordEvent(trx, { actor: actorId(actor), action: 'meeting.create', subjectType: 'meeting', subjectId: id, after: { meeting, record: row } });
    return { id };
  });
}

/** Edits a meeting: its record always; its date and place only when the Secretariat scheduled it here. */
export async function editMeeting(db: Kysely<DB>, actor: Actor, id: string, input: Partial<Omit<MeetingInput, 'organ'>> & RecordInput) {
  return db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
    if (!m) throw notFound(`Meeting "${id}"`);
    if (!can(actor, 'meetings.manage', { organ: m.organ_id })) deny(actor, `Only the Secretariat edits meetings of ${m.organ_id}`);
    const core = (['start_date', 'end_date', 'city', 'host', 'chair', 'format', 'note'] as const).filter((k) => input[k] !== undefined);
    if (core.length > 0 && m.origin !== 'secretariat') throw new AppError('conflict', `${core[0]}: the date and place of a meeting from the reference files are changed in data/sco/meetings.csv`, [{ field: core[0]!, message: 'fixed by the reference files' }]);
    await checkRefs(trx, input, input);
    const at = new Date().toISOString();
    const changes = {
      ...(input.start_date !== undefined ? { start_date: input.start_date } : {}), ...(input.end_date !== undefined ? { end_date: input.end_date } : {}), ...(input.city !== undefined ? { city: input.city } : {}),
      ...(input.host !== undefined ? { host_iso2: input.host?.toUpperCase() ?? null } : {}), ...(input.chair !== undefined ? { chair_iso2: input.chair?.toUpperCase() ?? null } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}), ...(input.note !== undefined ? { note: input.note } : {}),
    };
    if ((changes.end_date ?? m.end_date) < (changes.start_date ?? m.start_date)) throw invalid('end_date', 'is before start_date');
    if (Object.keys(changes).length > 0) await trx.updateTable('meeting').set(changes).where('id', '=', id).execute();
    const { old, row } = await saveRecord(trx, actor, id, input, at);
    await recordEvent(trx, { actor: actorId(actor), action: 'meeting.edit', subjectType: 'meeting', subjectId: id, before: { meeting: m, record: old }, after: { changes, record: row } });
    return { id };
  });
}

/** A meeting's record; a linked draft is named only to callers who may read it. */
export async function meetingRecord(db: Kysely<DB>, actor: Actor, id: string) {
  const r = await db.selectFrom('meeting_record').selectAll().where('meeting_id', '=', id).executeTakeFirst();
  if (!r) return { agenda: [], delegations: [], outcome_documents: [], minutes: null };
  const agenda = r.agenda as AgendaItem[];
  const drafts = agenda.map((a) => a.draft).filter((d): d is string => Boolean(d));
  const rows = drafts.length ? await db.selectFrom('draft').select(['id', 'organ_id', 'status', 'tabled_by_state']).where('id', 'in', drafts).execute() : [];
  const visible = new Set(rows.filter((d) => can(actor, 'drafts.read', { organ: d.organ_id, status: d.status, tabledByState: d.tabled_by_state })).map((d) => d.id));
  return {
    agenda: agenda.map((a) => ({ title: a.title, draft: a.draft && visible.has(a.draft) ? a.draft : null })),
    delegations: r.delegations as Delegation[],
    outcome_documents: r.outcome_documents,
    minutes: r.minutes,
  };
}
