/**
 * Consolidation of national lists into the single list. A member state proposes its national
 * entry for listing (or an amendment, or a delisting of a single-list entity); entries of other
 * states that are the same subject are grouped under the proposal with a recorded judgement; each
 * member concurs, objects or places a hold (reviewed after the days the rules give). The procedure
 * is the organisation's rule for the RATS (consensus by default) evaluated by the Decisions engine;
 * when it is adopted the single list changes at once, and every step is audited.
 */
import { settleAuditLog } from '../../audit/audit-chainer.ts';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { likePattern, today } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { abilities, can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { organisationRules } from '../../organisation/organisation.routes.ts';
import { procedureFor } from '../../organisation/organisation.rules.ts';
import { decidingStates } from '../decisions/decisions.service.ts';
import { addDays } from '../documents/entry-into-force.ts';
import { evaluate, type Outcome, type Position } from '../decisions/procedure-engine.ts';
import { captionOf, mergeStatements, sourcedTo } from './entity-model.ts';
import { writeCsv, writeFtmLines } from './list-formats.ts';
import { listingsOf, newId, parseStatements } from './national-lists.service.ts';

type Db = Kysely<DB> | Transaction<DB>;
const LISTING_ORGAN = 'RATS';
const PROPOSAL_ACTIONS = ['proposals.position', 'proposals.group', 'proposals.withdraw'];
const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());

async function listingRule(db: Db, kind: string) {
  const rule = procedureFor(await organisationRules(db as Kysely<DB>), LISTING_ORGAN, kind);
  if (!rule || !['consensus', 'consensus_minus_one'].includes(rule.procedure)) throw new AppError('conflict', `The organisation's rules give no consensus procedure for a ${kind} on the single list`);
  return rule;
}

type PositionRow = { state: string; position: string; review_date: string | null; text: string | null; expressed_at: Date | string };

/** Each state's latest position, with whether a hold has come up for review. */
function latestByState(positions: PositionRow[]) {
  const latest = new Map<string, { state: string; position: string; review_date: string | null; review_due: boolean; text: string | null; at: string }>();
  for (const p of [...positions].sort((a, b) => iso(a.expressed_at)!.localeCompare(iso(b.expressed_at)!))) {
    latest.set(p.state, { state: p.state, position: p.position, review_date: p.review_date, review_due: p.position === 'hold' && p.review_date !== null && p.review_date <= today(), text: p.text, at: iso(p.expressed_at)! });
  }
  return [...latest.values()].sort((a, b) => a.state.localeCompare(b.state));
}

/** Where the procedure stands: a hold leaves its state pending. */
function outcomeOf(proposal: { procedure_kind: string; eligible: string[] }, positions: PositionRow[]): Outcome {
  const engine: Position[] = latestByState(positions).filter((p) => p.position !== 'hold').map((p) => ({ state: p.state, position: p.position === 'concur' ? 'support' : 'objection', at: p.at }));
  return evaluate({ kind: proposal.procedure_kind as 'consensus', eligible: proposal.eligible }, engine, new Date().toISOString());
}

/** Loads a proposal the caller may see; commands pass `lock` so that positions, groupings and withdrawals on one proposal take turns (docs/decisions/0007). */
async function loadProposal(db: Db, actor: Actor, id: string, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('listing_proposal').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  const proposal = await query.executeTakeFirst();
  if (!proposal || !can(actor, 'proposals.read')) throw notFound(`Proposal "${id}"`);
  return proposal;
}

export async function listProposals(db: Kysely<DB>, actor: Actor, filter: { status?: string }) {
  if (!can(actor, 'proposals.read')) deny(actor, 'Only competent authorities, national coordinators and the RATS see proposals for the single list');
  let query = db.selectFrom('listing_proposal').selectAll().orderBy('opened_at', 'desc');
  if (filter.status) query = query.where('status', '=', filter.status as 'open');
  const proposals = await query.execute();
  if (proposals.length === 0) return [];
  const ids = proposals.map((p) => p.id);
  const positions = await db.selectFrom('proposal_position').selectAll().where('proposal_id', 'in', ids).execute();
  // The subject's name: the single-list entity's, else the proposing state's entry's.
  const entityCaptions = await db.selectFrom('single_list_entity').select(['id', 'caption']).where('id', 'in', proposals.map((p) => p.entity_id ?? '')).execute();
  const entryCaptions = await db.selectFrom('proposal_entry').innerJoin('list_entry', 'list_entry.id', 'proposal_entry.entry_id').select(['proposal_entry.proposal_id', 'list_entry.caption']).where('proposal_entry.proposal_id', 'in', ids).orderBy('proposal_entry.judged_at').execute();
  return proposals.map((p) => {
    const own = positions.filter((x) => x.proposal_id === p.id);
    const outcome = outcomeOf(p, own);
    return {
      id: p.id, kind: p.kind, status: p.status, entity_id: p.entity_id, proposed_by_state: p.proposed_by_state, reason: p.reason, opened_at: iso(p.opened_at),
      caption: entityCaptions.find((e) => e.id === p.entity_id)?.caption ?? entryCaptions.find((c) => c.proposal_id === p.id)?.caption,
      positions: latestByState(own), pending: outcome.pending, objections: outcome.objections,
    };
  });
}

export async function getProposal(db: Db, actor: Actor, id: string) {
  const proposal = await loadProposal(db, actor, id);
  const entries = await db
    .selectFrom('proposal_entry')
    .innerJoin('list_entry', 'list_entry.id', 'proposal_entry.entry_id')
    .select(['list_entry.id', 'list_entry.state', 'list_entry.schema', 'list_entry.caption', 'list_entry.statements', 'list_entry.legal_basis', 'list_entry.listed_on', 'list_entry.reason', 'proposal_entry.judgement', 'proposal_entry.judged_by', 'proposal_entry.judged_at'])
    .where('proposal_entry.proposal_id', '=', id)
    .orderBy('proposal_entry.judged_at')
    .execute();
  const positions = await db.selectFrom('proposal_position').selectAll().where('proposal_id', '=', id).orderBy('expressed_at').execute();
  const outcome = outcomeOf(proposal, positions);
  const entity = proposal.entity_id ? await db.selectFrom('single_list_entity').select(['id', 'caption', 'status']).where('id', '=', proposal.entity_id).executeTakeFirst() : null;
  const mayAct = (state: string) => abilities(actor, PROPOSAL_ACTIONS, { state, eligible: proposal.eligible });
  return {
    ...proposal,
    opened_at: iso(proposal.opened_at),
    closed_at: iso(proposal.closed_at),
    entity,
    entries: entries.map((e) => ({ ...e, statements: parseStatements(e.statements), judged_at: iso(e.judged_at) })),
    positions: latestByState(positions),
    history: positions.map((p) => ({ state: p.state, position: p.position, review_date: p.review_date, text: p.text, by: p.expressed_by, at: iso(p.expressed_at) })),
    outcome,
    /** For each member state, what the caller may do for it. */
    abilities: Object.fromEntries(proposal.eligible.map((s) => [s, mayAct(s)]).filter(([, a]) => (a as string[]).length > 0)),
  };
}

export interface ProposalInput {
  state: string;
  kind: 'listing' | 'amendment' | 'delisting';
  entry?: string;
  entity?: string;
  reason: string;
}

/** One subject, one entity: an entry already before the states, or on the single list, is not proposed again. */
async function refuseSecondListing(db: Db, entry: string) {
  const earlier = (await listingsOf(db, [entry])).get(entry);
  if (earlier) throw new AppError('conflict', `Entry "${entry}" is already in proposal "${earlier.id}" (${earlier.status}); propose an amendment to change a listed entity`);
}

export async function propose(db: Kysely<DB>, actor: Actor, input: ProposalInput) {
  const state = input.state.toUpperCase();
  if (!can(actor, 'proposals.create', { state })) deny(actor, `Only ${state}'s competent authority proposes for ${state}`);
  const eligible = await decidingStates(db, today());
  if (!eligible.includes(state)) throw new AppError('forbidden', `${state} is not a member state and cannot propose for the single list`);
  const rule = await listingRule(db, input.kind);
  if (input.kind === 'listing' || input.kind === 'amendment') {
    if (!input.entry) throw new AppError('invalid_request', `entry: a national entry of ${state} is required for a ${input.kind}`, [{ field: 'entry', message: 'required' }]);
    const entry = await db.selectFrom('list_entry').select(['id', 'state', 'status']).where('id', '=', input.entry).executeTakeFirst();
    if (!entry || entry.state !== state) throw notFound(`National entry "${input.entry}" of ${state}`);
    if (entry.status !== 'listed') throw new AppError('conflict', `Entry "${input.entry}" is delisted nationally`);
  }
  if (input.kind !== 'listing') {
    const entity = input.entity ? await db.selectFrom('single_list_entity').select(['id', 'status']).where('id', '=', input.entity).executeTakeFirst() : undefined;
    if (!entity) throw new AppError('invalid_request', `entity: an entity of the single list is required for a ${input.kind}`, [{ field: 'entity', message: 'not found on the single list' }]);
    if (entity.status !== 'listed') throw new AppError('conflict', `Entity "${entity.id}" is not listed`);
  }
  const now = new Date().toISOString();
  const proposal = { id: newId('lp_'), kind: input.kind, entity_id: input.kind === 'listing' ? null : input.entity!, proposed_by_state: state, proposed_by: actorId(actor), reason: input.reason, procedure_kind: rule.procedure, eligible, status: 'open' as const, opened_at: now, closed_at: null };
  await db.transaction().execute(async (trx) => {
    // The entry's row lock makes "not yet proposed" and the insert one step: of two proposals of
    // one entry sent at once, the second waits, then finds the first and gets 409.
    if (input.entry) await trx.selectFrom('list_entry').select('id').where('id', '=', input.entry).forUpdate().execute();
    if (input.kind === 'listing') await refuseSecondListing(trx, input.entry!);
    await trx.insertInto('listing_proposal').values(proposal).execute();
    if (input.entry) await trx.insertInto('proposal_entry').values({ proposal_id: proposal.id, entry_id: input.entry, judgement: 'same', judged_by: actorId(actor), judged_at: now }).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: state, action: `single_list.propose_${input.kind}`, subjectType: 'listing_proposal', subjectId: proposal.id, after: { ...proposal, entry: input.entry ?? null } });
  });
  return { id: proposal.id };
}

/** Groups a national entry under a proposal, with the judgement that it is (or is not) the same subject. */
export async function groupEntry(db: Kysely<DB>, actor: Actor, id: string, input: { entry: string; judgement: 'same' | 'different' | 'unsure' }) {
  await db.transaction().execute(async (trx) => {
    const proposal = await loadProposal(trx, actor, id, { lock: true });
    if (proposal.status !== 'open' && proposal.status !== 'blocked') throw new AppError('conflict', `Proposal "${id}" is ${proposal.status}`);
    const entry = await trx.selectFrom('list_entry').select(['id', 'state']).where('id', '=', input.entry).executeTakeFirst();
    if (!entry || !can(actor, 'nationalLists.read', { state: entry.state })) throw notFound(`National entry "${input.entry}"`);
    if (!can(actor, 'proposals.group', { state: entry.state })) deny(actor, `Only ${entry.state}'s competent authority or the RATS groups ${entry.state}'s entries`);
    const now = new Date().toISOString();
    const before = await trx.selectFrom('proposal_entry').select('judgement').where('proposal_id', '=', id).where('entry_id', '=', input.entry).executeTakeFirst();
    await trx.insertInto('proposal_entry').values({ proposal_id: id, entry_id: input.entry, judgement: input.judgement, judged_by: actorId(actor), judged_at: now }).onConflict((oc) => oc.columns(['proposal_id', 'entry_id']).doUpdateSet({ judgement: input.judgement, judged_by: actorId(actor), judged_at: now })).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: entry.state, action: 'single_list.judge', subjectType: 'listing_proposal', subjectId: id, before: before ?? null, after: { entry: input.entry, judgement: input.judgement } });
  });
  return getProposal(db, actor, id);
}

export interface PositionInput {
  state: string;
  position: 'concur' | 'object' | 'hold';
  review_date?: string;
  text?: string;
}

export async function expressPosition(db: Kysely<DB>, actor: Actor, id: string, input: PositionInput) {
  const state = input.state.toUpperCase();
  return db.transaction().execute(async (trx) => {
    const proposal = await loadProposal(trx, actor, id, { lock: true });
    if (!can(actor, 'proposals.position', { state, eligible: proposal.eligible })) deny(actor, `You do not speak for ${state} on the single list, or ${state} does not decide this proposal`);
    if (proposal.status !== 'open' && proposal.status !== 'blocked') throw new AppError('conflict', `Proposal "${id}" is ${proposal.status}; positions are closed`);
    const rule = await listingRule(trx, proposal.kind);
    const now = new Date().toISOString();
    const reviewDate = input.position === 'hold' ? (input.review_date ?? addDays(now.slice(0, 10), rule.holdReviewDays ?? 90)) : null;
    if (reviewDate !== null && reviewDate <= now.slice(0, 10)) throw new AppError('invalid_request', 'review_date: a hold is reviewed on a future date', [{ field: 'review_date', message: 'must be after today' }]);
    await trx.insertInto('proposal_position').values({ proposal_id: id, state, position: input.position, review_date: reviewDate, text: input.text ?? null, expressed_by: actorId(actor), expressed_at: now }).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: state, action: 'single_list.position', subjectType: 'listing_proposal', subjectId: id, after: { state, position: input.position, review_date: reviewDate, text: input.text ?? null } });
    const positions = await trx.selectFrom('proposal_position').selectAll().where('proposal_id', '=', id).execute();
    const outcome = outcomeOf(proposal, positions);
    if (outcome.state === 'adopted') await adopt(trx, actor, proposal, state);
    else if (outcome.state !== proposal.status) await trx.updateTable('listing_proposal').set({ status: outcome.state === 'blocked' ? 'blocked' : 'open' }).where('id', '=', id).execute();
    return getProposal(trx, actor, id);
  });
}

/** Consensus reached: the single list changes, attributed to the position that completed it. */
async function adopt(trx: Transaction<DB>, actor: Actor, proposal: { id: string; kind: string; entity_id: string | null }, completedBy: string) {
  const now = new Date().toISOString();
  const same = await trx
    .selectFrom('proposal_entry')
    .innerJoin('list_entry', 'list_entry.id', 'proposal_entry.entry_id')
    .select(['list_entry.state', 'list_entry.schema', 'list_entry.statements'])
    .where('proposal_entry.proposal_id', '=', proposal.id)
    .where('proposal_entry.judgement', '=', 'same')
    .execute();
  const fromEntries = same.flatMap((e) => sourcedTo(e.state, parseStatements(e.statements)));
  let entityId = proposal.entity_id;
  let before: unknown = null;
  let after: unknown;
  if (proposal.kind === 'listing') {
    const statements = mergeStatements(fromEntries);
    const entity = { id: newId('sl_'), schema: same[0]!.schema, caption: captionOf(statements), statements: JSON.stringify(statements), status: 'listed' as const, listed_on: now.slice(0, 10), delisted_on: null, updated_at: now, listed_by_proposal: proposal.id };
    await trx.insertInto('single_list_entity').values(entity).execute();
    entityId = entity.id;
    after = { ...entity, statements };
  } else {
    const existing = await trx.selectFrom('single_list_entity').selectAll().where('id', '=', entityId!).executeTakeFirstOrThrow();
    before = { ...existing, statements: parseStatements(existing.statements) };
    if (proposal.kind === 'amendment') {
      const statements = mergeStatements([...parseStatements(existing.statements), ...fromEntries]);
      await trx.updateTable('single_list_entity').set({ statements: JSON.stringify(statements), caption: captionOf(statements), updated_at: now }).where('id', '=', entityId!).execute();
      after = { statements };
    } else {
      await trx.updateTable('single_list_entity').set({ status: 'delisted', delisted_on: now.slice(0, 10), updated_at: now }).where('id', '=', entityId!).execute();
      after = { status: 'delisted', delisted_on: now.slice(0, 10) };
    }
  }
  await trx.updateTable('listing_proposal').set({ status: 'adopted', closed_at: now, entity_id: entityId }).where('id', '=', proposal.id).execute();
  await recordEvent(trx, { actor: actorId(actor), actingFor: completedBy, action: `single_list.${proposal.kind === 'listing' ? 'list' : proposal.kind === 'amendment' ? 'amend' : 'delist'}`, subjectType: 'single_list_entity', subjectId: entityId!, before, after: { ...(after as object), proposal: proposal.id } });
}

export async function withdrawProposal(db: Kysely<DB>, actor: Actor, id: string) {
  return db.transaction().execute(async (trx) => {
    const proposal = await loadProposal(trx, actor, id, { lock: true });
    if (!can(actor, 'proposals.withdraw', { state: proposal.proposed_by_state })) deny(actor, `Only ${proposal.proposed_by_state}'s competent authority withdraws its proposal`);
    if (proposal.status !== 'open' && proposal.status !== 'blocked') throw new AppError('conflict', `Proposal "${id}" is ${proposal.status}`);
    await trx.updateTable('listing_proposal').set({ status: 'withdrawn', closed_at: new Date().toISOString() }).where('id', '=', id).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: proposal.proposed_by_state, action: 'single_list.withdraw', subjectType: 'listing_proposal', subjectId: id, before: { status: proposal.status }, after: { status: 'withdrawn' } });
    return getProposal(trx, actor, id);
  });
}

// ---------------------------------------------------------------- the single list

export async function listSingleList(db: Kysely<DB>, actor: Actor, filter: { status?: 'listed' | 'delisted'; q?: string }) {
  if (!can(actor, 'singleList.read')) deny(actor, 'Sign in to see the single list');
  let query = db.selectFrom('single_list_entity').selectAll().orderBy('caption');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) query = query.where('caption', 'ilike', likePattern(filter.q));
  return (await query.execute()).map((e) => ({ ...e, statements: parseStatements(e.statements), updated_at: iso(e.updated_at) }));
}

/** An entity of the single list with each value's source states and its listing history. */
export async function getSingleListEntity(db: Kysely<DB>, actor: Actor, id: string) {
  if (!can(actor, 'singleList.read')) deny(actor, 'Sign in to see the single list');
  const entity = await db.selectFrom('single_list_entity').selectAll().where('id', '=', id).executeTakeFirst();
  if (!entity) throw notFound(`Single-list entity "${id}"`);
  const proposals = await db.selectFrom('listing_proposal').select(['id', 'kind', 'status', 'proposed_by_state', 'reason', 'opened_at', 'closed_at']).where('entity_id', '=', id).orderBy('opened_at').execute();
  // The history is the audit chain: events committed before this read are chained first.
  await settleAuditLog(db);
  const history = await db.selectFrom('audit_event').select(['seq', 'at', 'actor', 'acting_for', 'action']).where('subject_type', '=', 'single_list_entity').where('subject_id', '=', id).orderBy('seq').execute();
  return { ...entity, statements: parseStatements(entity.statements), updated_at: iso(entity.updated_at), proposals: proposals.map((p) => ({ ...p, opened_at: iso(p.opened_at), closed_at: iso(p.closed_at) })), history: history.map((h) => ({ ...h, at: iso(h.at) })) };
}

export async function exportSingleList(db: Kysely<DB>, actor: Actor, format: 'ftm' | 'csv'): Promise<string> {
  const entities = (await listSingleList(db, actor, { status: 'listed' })).map((e) => ({ id: e.id, schema: e.schema, statements: e.statements, listedOn: e.listed_on, legalBasis: 'SCO single list', reason: null, authority: 'SCO' }));
  return format === 'ftm' ? writeFtmLines(entities) : writeCsv(entities);
}
