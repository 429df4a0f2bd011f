/**
 * National lists: each member state's competent authority keeps its own list, seen only by that
 * state and the RATS Executive Committee. Entries are created one by one or imported whole (UN
 * XML, FtM JSON lines); an import with any bad record writes nothing.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { canonicalJson, recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { likePattern } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { captionOf, ftmProblems, statementsOf, type Statement } from './entity-model.ts';
import { readFtmLines, readUnXml, writeCsv, writeFtmLines, type ExportedEntity, type ImportedEntry } from './list-formats.ts';

type Db = Kysely<DB> | Transaction<DB>;
export const newId = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;
export const parseStatements = (v: Statement[] | string): Statement[] => (typeof v === 'string' ? (JSON.parse(v) as Statement[]) : v);

async function requireState(db: Db, state: string): Promise<string> {
  const code = state.toUpperCase();
  const found = await db.selectFrom('state').select('iso2').where('iso2', '=', code).executeTakeFirst();
  if (!found) throw notFound(`State "${state}"`);
  return code;
}

/** For each entry, the proposal (listing or amendment) that holds it: one still before the states, or adopted with its entity still listed. */
export async function listingsOf(db: Db, entries: string[]): Promise<Map<string, { id: string; status: string }>> {
  if (entries.length === 0) return new Map();
  const rows = await db
    .selectFrom('proposal_entry')
    .innerJoin('listing_proposal', 'listing_proposal.id', 'proposal_entry.proposal_id')
    .leftJoin('single_list_entity', 'single_list_entity.id', 'listing_proposal.entity_id')
    .select(['proposal_entry.entry_id', 'listing_proposal.id', 'listing_proposal.status'])
    .where('proposal_entry.entry_id', 'in', entries)
    .where('proposal_entry.judgement', '=', 'same')
    .where((eb) => eb.or([eb('listing_proposal.status', 'in', ['open', 'blocked']), eb.and([eb('listing_proposal.status', '=', 'adopted'), eb('single_list_entity.status', '=', 'listed')])]))
    .execute();
  return new Map(rows.map((r) => [r.entry_id, { id: r.id, status: r.status }]));
}

/** A national list's entries; another state's list is answered as forbidden, never shown. */
export async function listEntries(db: Kysely<DB>, actor: Actor, stateParam: string, filter: { status?: 'listed' | 'delisted'; q?: string }) {
  const state = await requireState(db, stateParam);
  if (!can(actor, 'nationalLists.read', { state })) deny(actor, `Only ${state}'s authorities and the RATS Executive Committee see ${state}'s national list`);
  let query = db.selectFrom('list_entry').select(['id', 'schema', 'caption', 'statements', 'legal_basis', 'listed_on', 'reason', 'status', 'source_id', 'updated_at']).where('state', '=', state);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.q) query = query.where('caption', 'ilike', likePattern(filter.q));
  const rows = await query.orderBy('caption').execute();
  const listings = await listingsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, statements: parseStatements(r.statements), updated_at: new Date(r.updated_at).toISOString(), listing_proposal: listings.get(r.id) ?? null }));
}

export async function getEntry(db: Db, actor: Actor, id: string) {
  const entry = await db.selectFrom('list_entry').selectAll().where('id', '=', id).executeTakeFirst();
  if (!entry || !can(actor, 'nationalLists.read', { state: entry.state })) throw notFound(`List entry "${id}"`);
  const proposals = await db
    .selectFrom('proposal_entry')
    .innerJoin('listing_proposal', 'listing_proposal.id', 'proposal_entry.proposal_id')
    .select(['listing_proposal.id', 'listing_proposal.kind', 'listing_proposal.status', 'proposal_entry.judgement'])
    .where('proposal_entry.entry_id', '=', id)
    .execute();
  return { ...entry, statements: parseStatements(entry.statements), created_at: new Date(entry.created_at).toISOString(), updated_at: new Date(entry.updated_at).toISOString(), proposals };
}

export interface NewEntry {
  schema: string;
  properties: Record<string, string[]>;
  legal_basis: string;
  listed_on: string;
  reason?: string;
}

export async function createEntry(db: Kysely<DB>, actor: Actor, stateParam: string, body: NewEntry) {
  const state = await requireState(db, stateParam);
  if (!can(actor, 'nationalLists.write', { state })) deny(actor, `Only ${state}'s competent authority keeps ${state}'s national list`);
  const id = newId('ne_');
  const problems = ftmProblems({ id, schema: body.schema, properties: body.properties });
  if (problems.length) throw new AppError('invalid_request', problems[0]!, problems.map((message) => ({ field: message.split(':')[0]!, message })));
  const statements = statementsOf({ id, schema: body.schema, properties: body.properties });
  const now = new Date().toISOString();
  const row = { id, state, schema: body.schema, caption: captionOf(statements), statements: JSON.stringify(statements), legal_basis: body.legal_basis, listed_on: body.listed_on, reason: body.reason ?? null, source_id: null, status: 'listed' as const, created_by: actorId(actor), created_at: now, updated_at: now };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('list_entry').values(row).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: state, action: 'list_entry.create', subjectType: 'list_entry', subjectId: id, after: { ...row, statements } });
  });
  return { id };
}

export type ListFormat = 'un-xml' | 'ftm';

export interface ImportReport {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Optional values that could not be read, kept as notes (see ParsedList). */
  warnings: { record: string; message: string }[];
}

/**
 * Imports a file into a state's national list: entries are matched to earlier imports by their id
 * in the file, so a re-import updates rather than duplicates. Any bad record: nothing is written,
 * and every problem is reported by record.
 */
export async function importList(db: Kysely<DB>, actor: Actor, stateParam: string, format: ListFormat, body: string, defaults: { legal_basis?: string | undefined }): Promise<ImportReport> {
  const state = await requireState(db, stateParam);
  if (!can(actor, 'nationalLists.write', { state })) deny(actor, `Only ${state}'s competent authority keeps ${state}'s national list`);
  const { entries, problems, warnings } = format === 'un-xml' ? readUnXml(body) : readFtmLines(body);
  for (const e of entries) if (!e.legalBasis && !defaults.legal_basis) problems.push({ record: e.record, message: 'no legal basis: give one in the file (UN_LIST_TYPE, Sanction.program) or as legal_basis' });
  if (problems.length) {
    throw new AppError('invalid_request', `${problems.length} problem(s) in the file; nothing was imported`, problems.map((p) => ({ field: p.record, message: p.message })));
  }
  return db.transaction().execute(async (trx) => {
    const report = { inserted: 0, updated: 0, unchanged: 0 };
    for (const entry of entries) report[await upsertImported(trx, actor, state, entry, defaults.legal_basis)]++;
    return { ...report, warnings };
  });
}

async function upsertImported(trx: Transaction<DB>, actor: Actor, state: string, entry: ImportedEntry, legalBasis: string | undefined): Promise<'inserted' | 'updated' | 'unchanged'> {
  const now = new Date().toISOString();
  const values = { schema: entry.schema, caption: captionOf(entry.statements), statements: JSON.stringify(entry.statements), legal_basis: entry.legalBasis ?? legalBasis ?? null, listed_on: entry.listedOn ?? now.slice(0, 10), reason: entry.reason ?? null };
  const existing = await trx.selectFrom('list_entry').selectAll().where('state', '=', state).where('source_id', '=', entry.sourceId).executeTakeFirst();
  if (!existing) {
    const id = newId('ne_');
    await trx.insertInto('list_entry').values({ id, state, ...values, source_id: entry.sourceId, status: 'listed', created_by: actorId(actor), created_at: now, updated_at: now }).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: state, action: 'list_entry.import', subjectType: 'list_entry', subjectId: id, after: { ...values, statements: entry.statements, source_id: entry.sourceId } });
    return 'inserted';
  }
  const before = { schema: existing.schema, caption: existing.caption, statements: parseStatements(existing.statements), legal_basis: existing.legal_basis, listed_on: existing.listed_on, reason: existing.reason };
  if (canonicalJson(before) === canonicalJson({ ...values, statements: entry.statements })) return 'unchanged';
  await trx.updateTable('list_entry').set({ ...values, updated_at: now }).where('id', '=', existing.id).execute();
  await recordEvent(trx, { actor: actorId(actor), actingFor: state, action: 'list_entry.import', subjectType: 'list_entry', subjectId: existing.id, before, after: { ...values, statements: entry.statements } });
  return 'updated';
}

export async function exportList(db: Kysely<DB>, actor: Actor, stateParam: string, format: 'ftm' | 'csv'): Promise<string> {
  const state = await requireState(db, stateParam);
  const rows = await listEntries(db, actor, state, { status: 'listed' });
  const entities: ExportedEntity[] = rows.map((r) => ({ id: r.id, schema: r.schema, statements: r.statements, listedOn: r.listed_on, legalBasis: r.legal_basis, reason: r.reason, authority: state }));
  return format === 'ftm' ? writeFtmLines(entities) : writeCsv(entities);
}
