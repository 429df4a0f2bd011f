/**
 * The project pipeline: projects, their decision under the interested-states procedure, and
 * their financing. A project binds only the members that joined its adopted decision; until then
 * it binds nobody. Commands check the policies and write their audit event in the same transaction.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { localisedOf, today } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { abilities, can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { tableDraft } from '../decisions/decisions.service.ts';
import { projectLinks } from './project-links.service.ts';
import { creditorConcentration, delayDays, disbursementByCurrency, transitionProblem, type ProjectStage } from './project-pipeline.ts';

const newId = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

/** Where the project's decision stands, from the decisions module's records. */
async function decisionOf(db: Kysely<DB> | Transaction<DB>, draftId: string | null | undefined) {
  if (!draftId) return { draft: null, status: 'none' as const, bound: [] as string[], document: null as string | null };
  const draft = await db.selectFrom('draft').select(['id', 'status', 'organ_id']).where('id', '=', draftId).executeTakeFirstOrThrow();
  const record = await db.selectFrom('decision_record').selectAll().where('draft_id', '=', draftId).executeTakeFirst();
  const adopted = record?.outcome === 'adopted';
  // Positions stay confidential to the organ until adoption; the adopted decision says who is bound.
  return { draft: draft.id, organ: draft.organ_id, status: draft.status, bound: adopted ? [...record!.participants].sort() : [], document: adopted ? record!.document_id : null };
}

const presentProject = (p: DB['economy_project']) => ({
  id: p.id, title: localisedOf(p as never, 'title'), sector: p.sector, stage: p.stage, location: p.location, host_states: p.host_states,
  planned_start: p.planned_start, planned_end: p.planned_end, actual_start: p.actual_start, actual_end: p.actual_end,
  origin: p.origin, source: p.source, confidence: p.confidence, note: p.note,
});

export async function listProjects(db: Kysely<DB>, filter: { stage?: string; sector?: string; state?: string }) {
  let q = db.selectFrom('economy_project').selectAll().orderBy('title_en');
  if (filter.stage) q = q.where('stage', '=', filter.stage);
  if (filter.sector) q = q.where('sector', '=', filter.sector);
  const rows = await q.execute();
  const out = [];
  for (const p of rows) {
    const decision = await decisionOf(db, p.draft_id);
    if (filter.state && !p.host_states.includes(filter.state.toUpperCase()) && !decision.bound.includes(filter.state.toUpperCase())) continue;
    out.push({ ...presentProject(p), decision });
  }
  return out;
}

async function loadProject(db: Kysely<DB>, id: string) {
  const p = await db.selectFrom('economy_project').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound(`Project "${id}"`);
  return p;
}

/** A project with its decision, financing, disbursements and computed figures. */
export async function getProject(db: Kysely<DB>, actor: Actor, id: string) {
  const p = await loadProject(db, id);
  const financing = await db.selectFrom('economy_financing').selectAll().where('project_id', '=', id).orderBy('recorded_at').execute();
  const disbursements = financing.length ? await db.selectFrom('economy_disbursement').selectAll().where('financing_id', 'in', financing.map((f) => f.id)).orderBy('disbursed_on').execute() : [];
  const commitments = financing.map((f) => ({ id: f.id, amount: Number(f.amount), currency: f.currency }));
  return {
    ...presentProject(p),
    decision: await decisionOf(db, p.draft_id),
    financing: financing.map((f) => ({
      id: f.id, source_name: f.source_name, source_kind: f.source_kind, instrument: f.instrument, amount: Number(f.amount), currency: f.currency, committed_on: f.committed_on,
      disbursements: disbursements.filter((d) => d.financing_id === f.id).map((d) => ({ date: d.disbursed_on, amount: Number(d.amount) })),
    })),
    computed: {
      by_currency: disbursementByCurrency(commitments, disbursements.map((d) => ({ commitment: d.financing_id, amount: Number(d.amount) }))).map((c) => ({
        ...c, creditor_concentration: creditorConcentration(financing.filter((f) => f.currency === c.currency).map((f) => ({ creditor: f.source_name, amount: Number(f.amount) }))),
      })),
      delay_days: delayDays({ stage: p.stage as ProjectStage, planned_end: p.planned_end, actual_end: p.actual_end }, today()),
    },
    ...(await projectLinks(db, id)),
    abilities: abilities(actor, ['economy.projects.manage', 'economy.financing.record', 'economy.milestones.record']),
  };
}

export interface ProjectInput {
  id: string;
  title_en: string;
  title_ru?: string;
  title_zh?: string;
  sector: string;
  location?: string;
  host_states?: string[];
  planned_start?: string;
  planned_end?: string;
  note?: string;
}

export async function createProject(db: Kysely<DB>, actor: Actor, input: ProjectInput) {
  if (!can(actor, 'economy.projects.manage')) deny(actor, 'Only the Secretariat registers projects');
  const hosts = [...new Set((input.host_states ?? []).map((s) => s.toUpperCase()))];
  const known = new Set((await db.selectFrom('state').select('iso2').execute()).map((s) => s.iso2));
  const unknown = hosts.filter((s) => !known.has(s));
  if (unknown.length) throw new AppError('invalid_request', `host_states: unknown state ${unknown.join(', ')}`, [{ field: 'host_states', message: `unknown: ${unknown.join(', ')}` }]);
  if (input.planned_start && input.planned_end && input.planned_end < input.planned_start) throw new AppError('invalid_request', 'planned_end: must not be before planned_start', [{ field: 'planned_end', message: 'before planned_start' }]);
  const row = {
    id: input.id, title_en: input.title_en.trim(), title_ru: input.title_ru?.trim() || null, title_zh: input.title_zh?.trim() || null, sector: input.sector, stage: 'idea',
    location: input.location ?? null, host_states: hosts, planned_start: input.planned_start ?? null, planned_end: input.planned_end ?? null, actual_start: null, actual_end: null,
    source: [`secretariat:${actorId(actor)}`], confidence: 'confirmed', note: input.note ?? null, origin: 'user' as const,
  };
  return db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('economy_project').values(row).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
    if (!inserted) throw new AppError('conflict', `A project "${input.id}" already exists`);
    await recordEvent(trx, { actor: actorId(actor), action: 'project.create', subjectType: 'economy_project', subjectId: row.id, after: row });
    return { id: row.id };
  });
}

/** Moves a project to `stage` (see STAGE_RULES); the reference projects follow their file. */
export async function moveStage(db: Kysely<DB>, actor: Actor, id: string, input: { stage: ProjectStage; date?: string }) {
  if (!can(actor, 'economy.projects.manage')) deny(actor, 'Only the Secretariat moves projects through the pipeline');
  return db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom('economy_project').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw notFound(`Project "${id}"`);
    if (p.origin === 'reference') throw new AppError('conflict', `"${id}" is reference data: its stage follows data/sco/economy-projects.csv`);
    const decision = await decisionOf(trx, p.draft_id);
    const problem = transitionProblem(p.stage as ProjectStage, input.stage, decision.bound.length > 0);
    if (problem) throw new AppError('conflict', problem);
    const date = input.date ?? today();
    const set = { stage: input.stage, updated_at: new Date().toISOString(), ...(input.stage === 'implementation' ? { actual_start: date } : {}), ...(input.stage === 'completed' ? { actual_end: date } : {}) };
    await trx.updateTable('economy_project').set(set).where('id', '=', id).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'project.stage', subjectType: 'economy_project', subjectId: id, before: { stage: p.stage }, after: set });
    return { id, stage: input.stage };
  });
}

/**
 * Tables the project's decision at `organ` as a draft of kind "project", to which organisation.json
 * gives the interested-states procedure; the states then join or stay out in the decision cycle.
 */
export async function tableProjectDecision(db: Kysely<DB>, actor: Actor, id: string, input: { organ?: string }) {
  if (!can(actor, 'economy.projects.manage')) deny(actor, 'Only the Secretariat tables a project\'s decision');
  const p = await loadProject(db, id);
  if (p.draft_id) throw new AppError('conflict', `The decision on "${id}" was already tabled (draft ${p.draft_id})`);
  const text = `The interested member states decide to implement the project "${p.title_en}" (${p.sector}${p.location ? `, ${p.location}` : ''}). The decision binds only the member states that join it.`;
  const { id: draftId } = await tableDraft(db, actor, { organ: input.organ ?? 'CHG', kind: 'project', title: `Project: ${p.title_en}`, text_en: text });
  const updated = await db.updateTable('economy_project').set({ draft_id: draftId }).where('id', '=', id).where('draft_id', 'is', null).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new AppError('conflict', `The decision on "${id}" was tabled meanwhile`);
  return { draft: draftId };
}

export interface FinancingInput {
  source_name: string;
  source_kind: string;
  instrument: string;
  amount: number;
  currency: string;
  committed_on?: string;
}

export async function addFinancing(db: Kysely<DB>, actor: Actor, projectId: string, input: FinancingInput) {
  if (!can(actor, 'economy.financing.record')) deny(actor, 'Only the Secretariat records financing');
  const p = await loadProject(db, projectId);
  if (p.stage === 'dropped') throw new AppError('conflict', `"${projectId}" was dropped`);
  if (input.source_kind === 'interbank_consortium') {
    // Only the Consortium's member banks (data/sco/economy-financing-sources.csv, sourced) lend as the Consortium.
    const members = await db.selectFrom('economy_financing_source').select(['id', 'name_en']).where('kind', '=', 'interbank_consortium').execute();
    const name = input.source_name.trim().toLowerCase();
    if (!members.some((m) => m.name_en.toLowerCase() === name || m.id === name)) {
      throw new AppError('invalid_request', `source_name: "${input.source_name}" is not a member bank of the Interbank Consortium (${members.map((m) => m.name_en).join('; ')})`, [{ field: 'source_name', message: 'not a member bank of the Interbank Consortium' }]);
    }
  }
  const row = { id: newId('f_'), project_id: projectId, source_name: input.source_name.trim(), source_kind: input.source_kind, instrument: input.instrument, amount: input.amount, currency: input.currency.toUpperCase(), committed_on: input.committed_on ?? null, recorded_at: new Date().toISOString() };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('economy_financing').values(row).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'financing.commit', subjectType: 'economy_project', subjectId: projectId, after: row });
  });
  return { id: row.id };
}

/** Records a disbursement; the total disbursed never exceeds the commitment. */
export async function addDisbursement(db: Kysely<DB>, actor: Actor, projectId: string, financingId: string, input: { date: string; amount: number }) {
  if (!can(actor, 'economy.financing.record')) deny(actor, 'Only the Secretariat records disbursements');
  return db.transaction().execute(async (trx) => {
    const f = await trx.selectFrom('economy_financing').selectAll().where('id', '=', financingId).where('project_id', '=', projectId).forUpdate().executeTakeFirst();
    if (!f) throw notFound(`Financing "${financingId}" of project "${projectId}"`);
    const done = await trx.selectFrom('economy_disbursement').select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount'), eb.lit(0)).as('total')).where('financing_id', '=', financingId).executeTakeFirstOrThrow();
    const balance = Number(f.amount) - Number(done.total);
    if (input.amount > balance + 1e-9) throw new AppError('invalid_request', `amount: exceeds the undisbursed balance of ${balance} ${f.currency}`, [{ field: 'amount', message: `at most ${balance}` }]);
    await trx.insertInto('economy_disbursement').values({ financing_id: financingId, disbursed_on: input.date, amount: input.amount, recorded_at: new Date().toISOString() }).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'financing.disburse', subjectType: 'economy_project', subjectId: projectId, after: { financing: financingId, ...input } });
    return { financing: financingId, disbursed: Number(done.total) + input.amount, committed: Number(f.amount), currency: f.currency };
  });
}

