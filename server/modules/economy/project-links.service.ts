/**
 * A project's milestones (planned and actual dates, delay computed) and its links to the
 * action-plan measures it carries out and the corridors it belongs to. The Secretariat keeps them;
 * every change is audited in its transaction.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { localisedOf, today } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { milestoneDelay, projectSlip } from './milestones.ts';

async function requireProject(db: Kysely<DB>, id: string) {
  const p = await db.selectFrom('economy_project').select(['id', 'stage']).where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound(`Project "${id}"`);
  return p;
}

const iso = (d: unknown) => (d === null || d === undefined ? null : String(d instanceof Date ? d.toISOString() : d).slice(0, 10));

/** The project's milestones, measures and corridors, with each milestone's delay and the project's slip. */
export async function projectLinks(db: Kysely<DB>, projectId: string, on = today()) {
  const milestones = (await db.selectFrom('economy_project_milestone').selectAll().where('project_id', '=', projectId).orderBy('planned_on').orderBy('id').execute())
    .map((m) => ({ id: m.id, title: localisedOf(m as never, 'title'), planned_on: iso(m.planned_on)!, actual_on: iso(m.actual_on) }));
  const measures = await db.selectFrom('economy_project_measure').innerJoin('measure', 'measure.id', 'economy_project_measure.measure_id').innerJoin('action_plan', 'action_plan.id', 'measure.plan_id')
    .select(['measure.id', 'measure.code', 'measure.title', 'measure.plan_id', 'action_plan.title_en as plan_title_en', 'action_plan.public']).where('project_id', '=', projectId).orderBy('measure.plan_id').orderBy('measure.code').execute();
  const corridors = await db.selectFrom('economy_project_corridor').innerJoin('economy_corridor', 'economy_corridor.id', 'economy_project_corridor.corridor_id')
    .select(['economy_corridor.id', 'economy_corridor.name_en', 'economy_corridor.name_ru', 'economy_corridor.name_zh']).where('project_id', '=', projectId).orderBy('economy_corridor.name_en').execute();
  return {
    milestones: milestones.map((m) => ({ ...m, ...milestoneDelay(m, on) })),
    slip_days: projectSlip(milestones, on),
    // A measure of a plan that is not public is named by its id only.
    measures: measures.map((m) => (m.public ? { id: m.id, code: m.code, title: m.title, plan: m.plan_id, plan_title: m.plan_title_en } : { id: m.id, code: null, title: null, plan: m.plan_id, plan_title: null })),
    corridors: corridors.map((c) => ({ id: c.id, name: localisedOf(c as never, 'name') })),
  };
}

export interface MilestoneInput {
  title_en: string;
  title_ru?: string;
  title_zh?: string;
  planned_on: string;
  actual_on?: string;
}

export async function addMilestone(db: Kysely<DB>, actor: Actor, projectId: string, input: MilestoneInput) {
  if (!can(actor, 'economy.milestones.record')) deny(actor, 'Only the Secretariat records project milestones');
  await requireProject(db, projectId);
  if (input.actual_on && input.actual_on > today()) throw new AppError('invalid_request', 'actual_on: must not be in the future', [{ field: 'actual_on', message: 'in the future' }]);
  const row = { id: `m_${randomBytes(6).toString('hex')}`, project_id: projectId, title_en: input.title_en.trim(), title_ru: input.title_ru?.trim() || null, title_zh: input.title_zh?.trim() || null, planned_on: input.planned_on, actual_on: input.actual_on ?? null, recorded_by: actorId(actor), recorded_at: new Date().toISOString() };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('economy_project_milestone').values(row).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'project.milestone', subjectType: 'economy_project', subjectId: projectId, after: row });
  });
  return { id: row.id };
}

/** Records the day a milestone was reached. */
export async function reachMilestone(db: Kysely<DB>, actor: Actor, projectId: string, milestoneId: string, input: { actual_on: string }) {
  if (!can(actor, 'economy.milestones.record')) deny(actor, 'Only the Secretariat records project milestones');
  if (input.actual_on > today()) throw new AppError('invalid_request', 'actual_on: must not be in the future', [{ field: 'actual_on', message: 'in the future' }]);
  return db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('economy_project_milestone').selectAll().where('id', '=', milestoneId).where('project_id', '=', projectId).forUpdate().executeTakeFirst();
    if (!m) throw notFound(`Milestone "${milestoneId}" of project "${projectId}"`);
    await trx.updateTable('economy_project_milestone').set({ actual_on: input.actual_on }).where('id', '=', milestoneId).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'project.milestone_reached', subjectType: 'economy_project', subjectId: projectId, before: { milestone: milestoneId, actual_on: iso(m.actual_on) }, after: { milestone: milestoneId, actual_on: input.actual_on } });
    return { id: milestoneId, ...milestoneDelay({ planned_on: iso(m.planned_on)!, actual_on: input.actual_on }, today()) };
  });
}

/** Links the project to an action-plan measure of the economic pillar, or to a corridor. */
export async function linkProject(db: Kysely<DB>, actor: Actor, projectId: string, input: { measure?: string; corridor?: string }) {
  if (!can(actor, 'economy.projects.manage')) deny(actor, 'Only the Secretariat links projects');
  await requireProject(db, projectId);
  if (Boolean(input.measure) === Boolean(input.corridor)) throw new AppError('invalid_request', 'body: name either a measure or a corridor', [{ field: 'measure', message: 'either measure or corridor' }]);
  if (input.measure) {
    const m = await db.selectFrom('measure').innerJoin('action_plan', 'action_plan.id', 'measure.plan_id').select(['measure.id', 'action_plan.pillar']).where('measure.id', '=', input.measure).executeTakeFirst();
    if (!m) throw new AppError('invalid_request', `measure: no measure "${input.measure}"`, [{ field: 'measure', message: 'unknown' }]);
    if (m.pillar !== 'economy') throw new AppError('invalid_request', `measure: "${input.measure}" belongs to a plan of the ${m.pillar} pillar, not the economy`, [{ field: 'measure', message: `pillar ${m.pillar}` }]);
  } else {
    const c = await db.selectFrom('economy_corridor').select('id').where('id', '=', input.corridor!).executeTakeFirst();
    if (!c) throw new AppError('invalid_request', `corridor: no corridor "${input.corridor}"`, [{ field: 'corridor', message: 'unknown' }]);
  }
  return db.transaction().execute(async (trx) => {
    const inserted = input.measure
      ? await trx.insertInto('economy_project_measure').values({ project_id: projectId, measure_id: input.measure }).onConflict((oc) => oc.doNothing()).returning('project_id').executeTakeFirst()
      : await trx.insertInto('economy_project_corridor').values({ project_id: projectId, corridor_id: input.corridor! }).onConflict((oc) => oc.doNothing()).returning('project_id').executeTakeFirst();
    if (!inserted) throw new AppError('conflict', `"${projectId}" is already linked to ${input.measure ? `measure "${input.measure}"` : `corridor "${input.corridor}"`}`);
    await recordEvent(trx, { actor: actorId(actor), action: 'project.link', subjectType: 'economy_project', subjectId: projectId, after: input });
    return { project: projectId, ...input };
  });
}

/** Every milestone of every project with its delay (for exports). */
export async function listMilestones(db: Kysely<DB>) {
  const on = today();
  const rows = await db.selectFrom('economy_project_milestone').selectAll().orderBy('project_id').orderBy('planned_on').execute();
  return rows.map((m) => {
    const dates = { planned_on: iso(m.planned_on)!, actual_on: iso(m.actual_on) };
    return { project: m.project_id, id: m.id, title_en: m.title_en, title_ru: m.title_ru, title_zh: m.title_zh, ...dates, ...milestoneDelay(dates, on) };
  });
}
