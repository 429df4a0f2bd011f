/**
 * The decision cycle's commands and queries. Each command loads its draft, asks the policies,
 * changes the records, writes its audit event and its notices, all in one transaction.
 * A draft the caller may not read is answered as missing (404), see docs/decisions/0004.
 */
import { randomBytes } from 'node:crypto';
import { diffWords } from 'diff';
import { sql, type Kysely, type Transaction } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema.ts';
import { pendingEvent, recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { today } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { abilities, can } from '../../policies/policy.ts';
import { actorId, statesActedFor, type Actor } from '../../policies/actor.ts';
import type { DraftSubject } from '../../policies/decisions.policy.ts';
import { organisationRules, organisationStatuses } from '../../organisation/organisation.routes.ts';
import { procedureFor, type Lang } from '../../organisation/organisation.rules.ts';
import { statusesOn } from '../membership/membership.service.ts';
import { evaluate, POSITIONS_BY_KIND, type Outcome, type Position as EnginePosition, type PositionValue, type Procedure, type ProcedureKind } from './procedure-engine.ts';
import { notify } from './notices.ts';
import { commitmentsToMeasures } from '../commitments/commitments.service.ts';

type Db = Kysely<DB> | Transaction<DB>;
export interface Texts {
  text_en?: string | null;
  text_ru?: string | null;
  text_zh?: string | null;
}

const DRAFT_ACTIONS = ['drafts.edit', 'amendments.propose', 'amendments.decide', 'procedures.open', 'positions.submit', 'decisions.record'];
const newId = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;
const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());


function textsOf(t: Texts) {
  const texts = { text_en: t.text_en?.trim() || null, text_ru: t.text_ru?.trim() || null, text_zh: t.text_zh?.trim() || null };
  if (!texts.text_en && !texts.text_ru && !texts.text_zh) throw new AppError('invalid_request', 'text_en: a text in at least one of en, ru, zh is required', [{ field: 'text_en', message: 'a text in en, ru or zh is required' }]);
  return texts;
}

/** States whose status lets them decide (members), on a date. */
export async function decidingStates(db: Db, date: string): Promise<string[]> {
  const [rules, held] = await Promise.all([organisationStatuses(db as Kysely<DB>), statusesOn(db as Kysely<DB>, date)]);
  const deciding = new Set(rules.filter((s) => s.decides).map((s) => s.id));
  return [...held].filter(([, status]) => deciding.has(status)).map(([iso2]) => iso2).sort();
}

/**
 * Loads a draft the caller may read. Commands pass `lock`: the draft's row stays locked until
 * their transaction ends, so two writers on one draft (or its amendments, procedure, positions,
 * decision) take turns, and the second sees what the first did (docs/decisions/0007).
 */
async function loadDraft(db: Db, actor: Actor, id: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('draft').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return readable(actor, id, await query.executeTakeFirst());
}

/** The draft with its policy subject, or 404 when it is missing or the actor may not read it. */
function readable(actor: Actor, id: string, draft: DB['draft'] | undefined) {
  const subject = draft && ({ organ: draft.organ_id, status: draft.status, tabledByState: draft.tabled_by_state } satisfies DraftSubject);
  if (!draft || !can(actor, 'drafts.read', subject)) throw notFound(`Draft "${id}"`);
  return { draft, subject: subject! };
}

/** A command on a draft whose status has moved on, often by a concurrent request, is a conflict. */
function requireStatus(draft: DB['draft'], allowed: DB['draft']['status'][], command: string) {
  if (!allowed.includes(draft.status)) throw new AppError('conflict', `The draft is now ${draft.status.replace('_', ' ')}: ${command} is no longer possible`);
}

async function loadProcedure(db: Db, draftId: string) {
  return db.selectFrom('decision_procedure').selectAll().where('draft_id', '=', draftId).executeTakeFirst();
}

async function positionsOf(db: Db, procedureId: string) {
  return db.selectFrom('position').selectAll().where('procedure_id', '=', procedureId).orderBy('expressed_at').orderBy('id').execute();
}

function engineProcedure(p: DB['decision_procedure']): Procedure {
  return { kind: p.kind as ProcedureKind, eligible: p.eligible, concerned: p.concerned_state, deadline: iso(p.deadline) };
}

async function outcomeOf(db: Db, p: DB['decision_procedure'], now: string): Promise<Outcome> {
  const positions = await positionsOf(db, p.id);
  return evaluate(engineProcedure(p), positions.map((x) => ({ state: x.state_iso2, position: x.position as PositionValue, at: iso(x.expressed_at)!, text: x.text })), now);
}

/**
 * Tables a draft at an organ, for `state` or (without) for the Secretariat: `{ id }`. 403 when the
 * actor may not table it, 400 for an unknown organ or no text. Three statements in one
 * transaction: the draft (only if its organ exists), its first version with its event, the notices.
 */
export async function tableDraft(db: Kysely<DB>, actor: Actor, input: { organ: string; kind: string; title: string; state?: string | null } & Texts) {
  const state = input.state?.toUpperCase() ?? null;
  // Membership only matters for a state tabling (the Secretariat tables for none): three queries saved per draft.
  const subject: DraftSubject = { organ: input.organ, status: 'draft', tabledByState: state, state, members: state ? await decidingStates(db, today()) : [] };
  if (!can(actor, 'drafts.table', subject)) deny(actor, state ? `You may not table a draft for ${state} at ${input.organ}` : `Only the Secretariat tables drafts without a state at ${input.organ}`);
  const texts = textsOf(input);
  const user = (actor as Actor & { kind: 'user' }).userId;
  const id = newId('d_');
  const at = new Date().toISOString();
  const draft = { id, organ_id: input.organ, kind: input.kind, title: input.title.trim(), tabled_by_state: state, tabled_by: user, tabled_at: at, status: 'draft' as const, current_version: 1 };
  await db.transaction().execute(async (trx) => {
    // The row is made from the organ's: no organ, no draft (and no second query to check it).
    const tabled = await trx.insertInto('draft').columns(['id', 'organ_id', 'kind', 'title', 'tabled_by_state', 'tabled_by', 'tabled_at', 'status', 'current_version'])
      .expression((eb) => eb.selectFrom('organ').where('organ.id', '=', input.organ)
        .select([sql<string>`${id}::text`.as('id'), 'organ.id', sql<string>`${draft.kind}::text`.as('kind'), sql<string>`${draft.title}::text`.as('title'), sql<string | null>`${state}::char(2)`.as('tabled_by_state'), sql<string>`${user}::text`.as('tabled_by'), sql<string>`${at}::timestamptz`.as('tabled_at'), sql<string>`'draft'`.as('status'), sql<number>`1`.as('current_version')]))
      .returning('id')
      .executeTakeFirst();
    if (!tabled) throw new AppError('invalid_request', `organ: unknown organ "${input.organ}"`, [{ field: 'organ', message: 'unknown organ' }]);
    await trx.with('version', (w) => w.insertInto('draft_version').values({ draft_id: id, version: 1, ...texts, note: 'tabled', created_by: user, created_at: at }).returning('draft_id'))
      .insertInto('audit_pending').values(pendingEvent({ actor: actorId(actor), actingFor: state, action: 'draft.table', subjectType: 'draft', subjectId: id, after: { ...draft, ...texts } }))
      .execute();
    await notify(trx, { event: 'draft_tabled', draft, summary: `${state ?? 'The Secretariat'} tabled "${draft.title}" at ${input.organ}` }, at);
  });
  return { id };
}

export async function addVersion(db: Kysely<DB>, actor: Actor, id: string, input: Texts & { note?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const { draft, subject } = await loadDraft(trx, actor, id, { lock: true });
    requireStatus(draft, ['draft'], 'a new version');
    if (!can(actor, 'drafts.edit', subject)) deny(actor, 'Only the Secretariat or the tabling state edits a draft, and only before its procedure opens');
    const texts = textsOf(input);
    const version = draft.current_version + 1;
    await trx.insertInto('draft_version').values({ draft_id: id, version, ...texts, note: input.note ?? null, created_by: (actor as Actor & { kind: 'user' }).userId, created_at: new Date().toISOString() }).execute();
    await trx.updateTable('draft').set({ current_version: version }).where('id', '=', id).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'draft.version', subjectType: 'draft', subjectId: id, before: { version: draft.current_version }, after: { version, ...texts } });
    return { version };
  });
}

export async function proposeAmendment(db: Kysely<DB>, actor: Actor, id: string, input: Texts & { state: string; rationale?: string | null }) {
  const members = await decidingStates(db, today());
  return db.transaction().execute(async (trx) => {
    const { draft, subject } = await loadDraft(trx, actor, id, { lock: true });
    requireStatus(draft, ['draft'], 'an amendment');
    const state = input.state.toUpperCase();
    if (!can(actor, 'amendments.propose', { ...subject, state, members })) deny(actor, `You may not propose amendments for ${state} to this draft`);
    const texts = textsOf(input);
    const amendment = { id: newId('a_'), draft_id: id, proposed_by_state: state, proposed_by: (actor as Actor & { kind: 'user' }).userId, proposed_at: new Date().toISOString(), base_version: draft.current_version, ...texts, rationale: input.rationale ?? null, status: 'proposed' as const, decided_by: null, decided_at: null, resulting_version: null };
    await trx.insertInto('amendment').values(amendment).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: state, action: 'amendment.propose', subjectType: 'draft', subjectId: id, after: amendment });
    await notify(trx, { event: 'amendment_proposed', draft, summary: `${state} proposed an amendment to "${draft.title}"` });
    return { id: amendment.id };
  });
}

export async function decideAmendment(db: Kysely<DB>, actor: Actor, id: string, amendmentId: string, accept: boolean) {
  return db.transaction().execute(async (trx) => {
    const { draft, subject } = await loadDraft(trx, actor, id, { lock: true });
    requireStatus(draft, ['draft'], 'deciding an amendment');
    if (!can(actor, 'amendments.decide', subject)) deny(actor, 'Only the Secretariat or the tabling state accepts or rejects amendments');
    const amendment = await trx.selectFrom('amendment').selectAll().where('id', '=', amendmentId).where('draft_id', '=', id).executeTakeFirst();
    if (!amendment) throw notFound(`Amendment "${amendmentId}"`);
    if (amendment.status !== 'proposed') throw new AppError('conflict', `The amendment was already ${amendment.status}`);
    const user = (actor as Actor & { kind: 'user' }).userId;
    const at = new Date().toISOString();
    let resulting: number | null = null;
    if (accept) {
      // The amendment replaces the texts it gives; the other languages carry over.
      const current = await trx.selectFrom('draft_version').selectAll().where('draft_id', '=', id).where('version', '=', draft.current_version).executeTakeFirstOrThrow();
      resulting = draft.current_version + 1;
      await trx.insertInto('draft_version').values({ draft_id: id, version: resulting, text_en: amendment.text_en ?? current.text_en, text_ru: amendment.text_ru ?? current.text_ru, text_zh: amendment.text_zh ?? current.text_zh, note: `amendment ${amendmentId} by ${amendment.proposed_by_state}`, created_by: user, created_at: at }).execute();
      await trx.updateTable('draft').set({ current_version: resulting }).where('id', '=', id).execute();
    }
    await trx.updateTable('amendment').set({ status: accept ? 'accepted' : 'rejected', decided_by: user, decided_at: at, resulting_version: resulting }).where('id', '=', amendmentId).execute();
    await recordEvent(trx, { actor: actorId(actor), action: accept ? 'amendment.accept' : 'amendment.reject', subjectType: 'draft', subjectId: id, before: { amendment: amendmentId, status: 'proposed' }, after: { status: accept ? 'accepted' : 'rejected', version: resulting } });
    return { status: accept ? 'accepted' : 'rejected', version: resulting };
  });
}

export async function openProcedure(db: Kysely<DB>, actor: Actor, id: string, input: { concerned?: string | null; deadline?: string | null }) {
  const rules = await organisationRules(db);
  const eligible = await decidingStates(db, today());
  return db.transaction().execute(async (trx) => {
    const { draft, subject } = await loadDraft(trx, actor, id, { lock: true });
    requireStatus(draft, ['draft'], 'opening a procedure');
    if (!can(actor, 'procedures.open', subject)) deny(actor, 'Only the Secretariat opens a decision procedure, once, on a draft');
    const rule = procedureFor(rules, draft.organ_id, draft.kind);
    if (!rule) throw new AppError('invalid_request', `No decision procedure is defined for ${draft.kind} at ${draft.organ_id}`);
    const concerned = input.concerned?.toUpperCase() ?? null;
    if (rule.procedure === 'consensus_minus_one' && (!concerned || !eligible.includes(concerned))) throw new AppError('invalid_request', 'concerned: a member state concerned is required for consensus minus one', [{ field: 'concerned', message: 'required: a member state' }]);
    const now = Date.now();
    let deadline = input.deadline ? new Date(input.deadline).toISOString() : null;
    if (rule.procedure === 'silence') deadline ??= new Date(now + (rule.silenceDays ?? 10) * 86_400_000).toISOString();
    if (deadline && Date.parse(deadline) <= now) throw new AppError('invalid_request', 'deadline: must be in the future', [{ field: 'deadline', message: 'must be in the future' }]);
    const procedure = { id: newId('p_'), draft_id: id, kind: rule.procedure, eligible, concerned_state: concerned, deadline, opened_by: (actor as Actor & { kind: 'user' }).userId, opened_at: new Date(now).toISOString(), deadline_notice_at: null };
    await trx.insertInto('decision_procedure').values(procedure).execute();
    await trx.updateTable('draft').set({ status: 'in_procedure' }).where('id', '=', id).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'procedure.open', subjectType: 'draft', subjectId: id, after: procedure });
    return { id: procedure.id, kind: procedure.kind, eligible, deadline };
  });
}

/** A stored position as the engine reads it. */
const enginePosition = (x: { state_iso2: string; position: string; expressed_at: Date | string; text: string | null }): EnginePosition => ({ state: x.state_iso2, position: x.position as PositionValue, at: iso(x.expressed_at)!, text: x.text });

/**
 * The positions of procedure `p` that decide where it stands at `now`, as a query: each eligible
 * state's latest and, under silence, its earliest break (one before the deadline counts even if
 * followed by another). The engine gives the same outcome from them as from the whole history,
 * and each is one probe of the index position_latest, however long the history (migration 0026).
 */
function decidingPositions(p: DB['decision_procedure'], now: string) {
  const columns = sql`state_iso2, position, text, expressed_at, id`;
  const mine = sql`procedure_id = ${p.id} and state_iso2 = s.state::char(2) and expressed_at <= ${now}`;
  const earliestBreak = p.kind === 'silence' ? sql`union all (select ${columns} from position where ${mine} and position = 'break_silence' order by expressed_at, id limit 1)` : sql``;
  return sql`select l.* from unnest(${p.eligible}::text[]) as s(state) cross join lateral ((select ${columns} from position where ${mine} order by expressed_at desc, id desc limit 1) ${earliestBreak}) as l order by l.expressed_at, l.id`;
}

/**
 * Expresses `state`'s position on a draft in procedure; answers where the procedure stands then
 * (the engine's Outcome). 404 for a draft the actor may not read, 403 when no procedure is open or
 * the actor may not act for `state`, 400 for a position the procedure does not take or a
 * reservation without text, 409 when the draft left the procedure or a silence deadline passed.
 * The draft's row is locked by the statement that reads it (docs/decisions/0007) and held for
 * the checks, one round trip (the position, its event and the positions before it, in one
 * statement) and the commit, docs/decisions/0018.
 */
export async function submitPosition(db: Kysely<DB>, actor: Actor, id: string, input: { state: string; position: string; text?: string | null }) {
  return db.transaction().execute(async (trx) => {
    // The draft, locked, and its procedure in one statement. A locked row is read as last
    // committed, the procedure with the snapshot taken before waiting for the lock: a procedure
    // opened by the transaction waited for is missing there, and is read again.
    const row = await trx.selectFrom('draft').selectAll().select((eb) => jsonObjectFrom(eb.selectFrom('decision_procedure').selectAll().whereRef('decision_procedure.draft_id', '=', 'draft.id')).as('procedure')).where('id', '=', id).forUpdate().executeTakeFirst();
    const { procedure: read, ...found } = row ?? { procedure: null };
    const { draft, subject } = readable(actor, id, row && (found as DB['draft']));
    if (draft.status !== 'draft') requireStatus(draft, ['in_procedure'], 'a position');
    const procedure = read ?? (draft.status === 'in_procedure' ? await loadProcedure(trx, id) : undefined);
    const state = input.state.toUpperCase();
    if (!procedure || !can(actor, 'positions.submit', { ...subject, state, eligible: procedure.eligible })) {
      deny(actor, procedure ? `You may not express a position for ${state} on this draft` : 'No decision procedure is open on this draft');
    }
    const allowed = POSITIONS_BY_KIND[procedure.kind as ProcedureKind];
    if (!allowed.includes(input.position as PositionValue)) throw new AppError('invalid_request', `position: under ${procedure.kind} one of ${allowed.join(', ')}`, [{ field: 'position', message: `one of ${allowed.join(', ')}` }]);
    if (input.position === 'reservation' && !input.text?.trim()) throw new AppError('invalid_request', 'text: a reservation is put on record with its text', [{ field: 'text', message: 'required for a reservation' }]);
    const at = new Date().toISOString();
    // Under silence a position after the deadline counts for nothing (the draft is deemed adopted
    // then): storing it would show an objection beside "deemed adopted".
    if (procedure.kind === 'silence' && procedure.deadline && at >= iso(procedure.deadline)!) {
      throw new AppError('conflict', `The deadline for positions passed at ${iso(procedure.deadline)}: the silence procedure is closed to positions`);
    }
    const position = { procedure_id: procedure.id, state_iso2: state, position: input.position, text: input.text?.trim() || null, expressed_by: (actor as Actor & { kind: 'user' }).userId, expressed_at: at };
    const stored = trx.insertInto('position').values(position);
    const event = trx.insertInto('audit_pending').values(pendingEvent({ actor: actorId(actor), actingFor: state, action: 'position.submit', subjectType: 'draft', subjectId: id, after: { state, position: input.position, text: input.text ?? null } }));
    // A statement after the lock's: its snapshot sees the positions of whoever held it before
    // (and not the one it inserts).
    const earlier = (await sql<DB['position']>`with stored as (${stored}), event as (${event}) ${decidingPositions(procedure, at)}`.execute(trx)).rows.map(enginePosition);
    const before = evaluate(engineProcedure(procedure), earlier, at);
    const after = evaluate(engineProcedure(procedure), [...earlier, enginePosition(position)], at);
    if (input.position === 'objection') await notify(trx, { event: 'objection_lodged', draft, summary: `${state} objected to "${draft.title}"` }, at);
    if (before.state !== 'silence_broken' && after.state === 'silence_broken') await notify(trx, { event: 'silence_broken', draft, summary: `${state} broke silence on "${draft.title}"` }, at);
    return after;
  });
}

export async function recordDecision(db: Kysely<DB>, actor: Actor, id: string, input: { outcome: 'adopted' | 'rejected' | 'withdrawn'; supersedes?: string | null; meeting?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const { draft, subject } = await loadDraft(trx, actor, id, { lock: true });
    requireStatus(draft, ['draft', 'in_procedure'], 'recording a decision');
    if (!can(actor, 'decisions.record', subject)) deny(actor, 'Only the Secretariat records decisions, once per draft');
    const procedure = await loadProcedure(trx, id);
    const at = new Date().toISOString();
    const computed = procedure ? await outcomeOf(trx, procedure, at) : undefined;
    const allowed: Record<string, string[]> = { adopted: ['adopted', 'deemed_adopted'], rejected: ['blocked', 'silence_broken'], withdrawn: [] };
    if (input.outcome !== 'withdrawn' && !allowed[input.outcome]!.includes(computed?.state ?? 'none')) {
      throw new AppError('conflict', `The procedure stands at "${computed?.state ?? 'not opened'}": the draft cannot be recorded as ${input.outcome}`);
    }
    if (input.supersedes) {
      const old = await trx.selectFrom('decision_record').select(['id', 'outcome']).where('id', '=', input.supersedes).executeTakeFirst();
      if (!old || old.outcome !== 'adopted') throw new AppError('invalid_request', `supersedes: "${input.supersedes}" is not an adopted decision`, [{ field: 'supersedes', message: 'must be an adopted decision' }]);
    }
    const participants = computed ? (procedure!.kind === 'interested_states' ? computed.participants : procedure!.eligible.filter((s) => s !== procedure!.concerned_state)) : [];
    if (input.meeting) {
      const meeting = await trx.selectFrom('meeting').select('organ_id').where('id', '=', input.meeting).executeTakeFirst();
      if (!meeting || meeting.organ_id !== draft.organ_id) throw new AppError('invalid_request', `meeting: "${input.meeting}" is not a meeting of ${draft.organ_id}`, [{ field: 'meeting', message: `must be a meeting of ${draft.organ_id}` }]);
    }
    let documentId: string | null = null;
    let commitmentsPlan: string | null = null;
    if (input.outcome === 'adopted') {
      documentId = await enterRegistry(trx, draft, participants, at, input.meeting ?? null);
      commitmentsPlan = await commitmentsToMeasures(trx, id, documentId);
    }
    const record = { id: newId('dec_'), draft_id: id, outcome: input.outcome, participants, document_id: documentId, supersedes: input.supersedes ?? null, recorded_by: (actor as Actor & { kind: 'user' }).userId, recorded_at: at };
    await trx.insertInto('decision_record').values(record).execute();
    await trx.updateTable('draft').set({ status: input.outcome }).where('id', '=', id).execute();
    await recordEvent(trx, { actor: actorId(actor), action: `decision.${input.outcome}`, subjectType: 'draft', subjectId: id, before: { status: draft.status, computed: computed?.state ?? null }, after: record });
    await notify(trx, { event: 'decision_recorded', draft, summary: `"${draft.title}" was recorded as ${input.outcome}` }, at);
    return { ...record, commitments_plan: commitmentsPlan };
  });
}

const REGISTRY_KINDS = new Set(['charter', 'convention', 'treaty', 'agreement', 'protocol', 'declaration', 'statement', 'communique', 'programme', 'action-plan', 'plan', 'strategy', 'concept', 'roadmap', 'regulation', 'memorandum', 'decision', 'initiative', 'resolution']);

/** An adopted draft becomes a registry document whose parties have signatures pending. */
async function enterRegistry(trx: Transaction<DB>, draft: DB['draft'], parties: string[], at: string, meeting: string | null): Promise<string> {
  const kind = REGISTRY_KINDS.has(draft.kind) ? draft.kind : 'decision';
  const date = at.slice(0, 10);
  const slug = draft.id.replace(/[^a-z0-9]/g, '');
  const id = `/akn/sco/act/${kind}/${date}/${slug}`;
  const version = await trx.selectFrom('draft_version').selectAll().where('draft_id', '=', draft.id).where('version', '=', draft.current_version).executeTakeFirstOrThrow();
  await trx
    .insertInto('document')
    .values({
      id, key: `${kind}-${date}-${slug}`, kind, title_en: draft.title, title_ru: null, title_zh: null, date, date_precision: 'day', place: null, organ_id: draft.organ_id, meeting_id: meeting, counterparty: null,
      in_force: null, entry_into_force: 'on_signature', named_in_seeds: false, source: [`secretariat:draft/${draft.id}@v${version.version}`], confidence: 'confirmed', note: 'adopted through the decision procedure in Secretariat', origin: 'decision', parties,
    })
    .execute();
  return id;
}

const presentDraft = (d: DB['draft']) => ({ id: d.id, organ: d.organ_id, kind: d.kind, title: d.title, tabled_by_state: d.tabled_by_state, tabled_at: iso(d.tabled_at), status: d.status, current_version: d.current_version });

export async function listDrafts(db: Kysely<DB>, actor: Actor, filter: { organ?: string; status?: string }) {
  if (!can(actor, 'drafts.list')) deny(actor, 'Sign in to see drafts');
  let q = db.selectFrom('draft').selectAll().orderBy('tabled_at', 'desc');
  if (filter.organ) q = q.where('organ_id', '=', filter.organ);
  if (filter.status) q = q.where('status', '=', filter.status as DB['draft']['status']);
  return (await q.execute()).filter((d) => can(actor, 'drafts.read', { organ: d.organ_id, status: d.status, tabledByState: d.tabled_by_state })).map(presentDraft);
}

/**
 * A draft with its versions, amendments, procedure, positions and decision, in one query (each
 * part as JSON: timestamps come as text, which `iso` reads the same).
 */
async function draftWithParts(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('draft')
    .selectAll('draft')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('draft_version').selectAll().whereRef('draft_version.draft_id', '=', 'draft.id').orderBy('version')).as('versions'),
      jsonArrayFrom(eb.selectFrom('amendment').selectAll().whereRef('amendment.draft_id', '=', 'draft.id').orderBy('proposed_at')).as('amendments'),
      jsonObjectFrom(eb.selectFrom('decision_procedure').selectAll().whereRef('decision_procedure.draft_id', '=', 'draft.id')).as('procedure'),
      jsonArrayFrom(
        eb.selectFrom('position').innerJoin('decision_procedure', 'decision_procedure.id', 'position.procedure_id').selectAll('position').whereRef('decision_procedure.draft_id', '=', 'draft.id').orderBy('position.expressed_at').orderBy('position.id'),
      ).as('positions'),
      jsonObjectFrom(eb.selectFrom('decision_record').selectAll().whereRef('decision_record.draft_id', '=', 'draft.id')).as('decision'),
    ])
    .where('draft.id', '=', id)
    .executeTakeFirst();
}

export async function getDraft(db: Kysely<DB>, actor: Actor, id: string) {
  const found = await draftWithParts(db, id);
  const subject = found && ({ organ: found.organ_id, status: found.status, tabledByState: found.tabled_by_state } satisfies DraftSubject);
  if (!found || !can(actor, 'drafts.read', subject)) throw notFound(`Draft "${id}"`);
  const { versions, amendments, procedure, positions, decision, ...draft } = found;
  const now = new Date().toISOString();
  const members = await decidingStates(db, today());
  // Abilities are computed per state the caller speaks for, so the UI shows only what it may do.
  const speaks = actor.kind === 'user' ? statesActedFor(actor, draft.organ_id) : [];
  const general = abilities(actor, DRAFT_ACTIONS.filter((a) => !['amendments.propose', 'positions.submit'].includes(a)), { ...subject, members });
  const perState = speaks.map((state) => ({ state, abilities: abilities(actor, ['amendments.propose', 'positions.submit'], { ...subject, state, members, eligible: procedure?.eligible ?? [] }) }));
  return {
    ...presentDraft(draft),
    versions: versions.map((v) => ({ version: v.version, text_en: v.text_en, text_ru: v.text_ru, text_zh: v.text_zh, note: v.note, created_at: iso(v.created_at) })),
    amendments: amendments.map((a) => ({ id: a.id, state: a.proposed_by_state, base_version: a.base_version, text_en: a.text_en, text_ru: a.text_ru, text_zh: a.text_zh, rationale: a.rationale, status: a.status, resulting_version: a.resulting_version, proposed_at: iso(a.proposed_at) })),
    procedure: procedure
      ? {
          kind: procedure.kind,
          eligible: procedure.eligible,
          concerned: procedure.concerned_state,
          deadline: iso(procedure.deadline),
          opened_at: iso(procedure.opened_at),
          outcome: evaluate(engineProcedure(procedure), positions.map((x) => ({ state: x.state_iso2, position: x.position as PositionValue, at: iso(x.expressed_at)!, text: x.text })), now),
          positions: positions.map((p) => ({ state: p.state_iso2, position: p.position, text: p.text, at: iso(p.expressed_at) })),
        }
      : null,
    decision: decision ? { id: decision.id, outcome: decision.outcome, participants: decision.participants, document_id: decision.document_id, supersedes: decision.supersedes, recorded_at: iso(decision.recorded_at) } : null,
    abilities: general,
    states: perState,
  };
}

export async function diffVersions(db: Kysely<DB>, actor: Actor, id: string, from: number, to: number, lang: Lang) {
  await loadDraft(db, actor, id);
  const versions = await db.selectFrom('draft_version').selectAll().where('draft_id', '=', id).where('version', 'in', [from, to]).execute();
  const text = (v: number) => {
    const row = versions.find((x) => x.version === v);
    if (!row) throw notFound(`Version ${v} of draft "${id}"`);
    return row[`text_${lang}`] ?? '';
  };
  return { from, to, lang, parts: diffWords(text(from), text(to)).map((p) => ({ value: p.value, change: p.added ? 'added' : p.removed ? 'removed' : 'same' })) };
}

/** Adopted decisions, for everyone. */
export async function listDecisions(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('decision_record')
    .innerJoin('draft', 'draft.id', 'decision_record.draft_id')
    .select(['decision_record.id', 'decision_record.draft_id', 'decision_record.participants', 'decision_record.document_id', 'decision_record.supersedes', 'decision_record.recorded_at', 'draft.title', 'draft.organ_id', 'draft.kind'])
    .where('decision_record.outcome', '=', 'adopted')
    .orderBy('decision_record.recorded_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, draft: r.draft_id, title: r.title, organ: r.organ_id, kind: r.kind, participants: r.participants, document: r.document_id, supersedes: r.supersedes, recorded_at: iso(r.recorded_at) }));
}

export async function inbox(db: Kysely<DB>, actor: Actor) {
  if (!can(actor, 'inbox.read') || actor.kind !== 'user') deny(actor, 'Sign in to read your notices');
  const rows = await db.selectFrom('notification').selectAll().where('user_id', '=', actor.userId).orderBy('id', 'desc').limit(200).execute();
  return rows.map((n) => ({ id: Number(n.id), event: n.event, draft: n.subject_id, summary: n.summary, created_at: iso(n.created_at), read: n.read_at !== null }));
}

export async function markRead(db: Kysely<DB>, actor: Actor, id: number) {
  if (!can(actor, 'inbox.read') || actor.kind !== 'user') deny(actor, 'Sign in to read your notices');
  const r = await db.updateTable('notification').set({ read_at: sql`coalesce(read_at, now())` as never }).where('id', '=', id).where('user_id', '=', actor.userId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound(`Notice ${id}`);
}
