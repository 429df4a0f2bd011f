/**
 * Information-security exercises, held in rotation among member states by the same rule as the
 * chairmanship (data/sco/organisation.json `rotation`: order by name in its language among
 * members, one a year), with participants, a scenario, and after-action findings that become
 * measures of implementation monitoring (one plan, "Information-security exercises: findings").
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { deny } from '../../http/auth.ts';
import { today } from '../../http/common-schemas.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { organisationRules } from '../../organisation/organisation.routes.ts';
import { listStates } from '../membership/membership.service.ts';
import { nextChairs } from '../chairmanship/rotation.ts';

export const EXERCISE_PLAN = 'infosec-exercises';
const AHEAD = 3;

/** The rotation's next hosts after the recorded exercises, one a year (the chairmanship's rule, reused). */
async function rotation(db: Kysely<DB> | Transaction<DB>) {
  const rule = (await organisationRules(db)).rotation;
  const members = (await listStates(db, today(), rule.among)).map((s) => ({ iso2: s.iso2, name: s.name[rule.order.language] ?? s.name.en }));
  const recorded = await db.selectFrom('infosec_exercise').select(['year', 'host']).orderBy('year').execute();
  const computed = nextChairs(recorded.map((r) => ({ state: r.host, validFrom: `${r.year}-01-01`, validTo: `${r.year + 1}-01-01` })), members, rule.order.language, 1, AHEAD + 50);
  return { members: members.map((m) => m.iso2), last: recorded.at(-1), computed: computed.map((c) => ({ year: Number(c.expectedFrom.slice(0, 4)), host: c.state })), rule };
}

/** The exercise calendar: recorded exercises with their findings, then the next hosts in rotation. */
export async function exerciseCalendar(db: Kysely<DB>) {
  const { computed, rule } = await rotation(db);
  const exercises = await db.selectFrom('infosec_exercise').selectAll().orderBy('year').execute();
  const findings = await db.selectFrom('infosec_exercise_finding').innerJoin('measure', 'measure.id', 'infosec_exercise_finding.measure_id').select(['infosec_exercise_finding.exercise_id', 'infosec_exercise_finding.finding', 'infosec_exercise_finding.measure_id', 'measure.code', 'measure.deadline', 'infosec_exercise_finding.recorded_at']).orderBy('infosec_exercise_finding.recorded_at').execute();
  return {
    rotation: { rule: `${rule.term}; order by ${rule.order.language} name among ${rule.among}s (the chairmanship's rotation rule)`, source: rule.source },
    items: [
      ...exercises.map((e) => ({ ...e, created_at: new Date(e.created_at).toISOString(), basis: 'recorded' as const, findings: findings.filter((f) => f.exercise_id === e.id).map(({ exercise_id: _, ...f }) => ({ ...f, recorded_at: new Date(f.recorded_at).toISOString() })) })),
      ...computed.slice(0, AHEAD).map((c) => ({ year: c.year, host: c.host, basis: 'computed' as const })),
    ],
  };
}

export interface ExerciseInput {
  id: string;
  year: number;
  host: string;
  title: string;
  scenario: string;
  participants: string[];
  starts_on?: string;
  ends_on?: string;
}

/**
 * Plans an exercise (the Secretariat). Its host is the rotation's for that year: the first exercise
 * recorded starts the rotation; after it, 409 naming `host` when another state is named.
 */
export async function planExercise(db: Kysely<DB>, actor: Actor, input: ExerciseInput) {
  if (!can(actor, 'infosec.exercises.plan')) deny(actor, 'Only the Secretariat plans exercises');
  const host = input.host.toUpperCase();
  const participants = [...new Set(input.participants.map((s) => s.toUpperCase()))].sort();
  return db.transaction().execute(async (trx) => {
    const { members, last, computed } = await rotation(trx);
    const outside = [host, ...participants].filter((s) => !members.includes(s));
    if (outside.length) throw new AppError('invalid_request', `participants: not member states: ${outside.join(', ')}`, [{ field: 'participants', message: `not member states: ${outside.join(', ')}` }]);
    if (!participants.includes(host)) throw new AppError('invalid_request', 'participants: the host takes part', [{ field: 'participants', message: `must include the host ${host}` }]);
    if (last) {
      if (input.year <= last.year) throw new AppError('conflict', `year: exercises are recorded up to ${last.year}; plan a later year`, [{ field: 'year', message: `after ${last.year}` }]);
      const due = computed.find((c) => c.year === input.year)?.host;
      if (due !== host) throw new AppError('conflict', `host: the rotation gives ${input.year} to ${due}, not ${host}`, [{ field: 'host', message: `${input.year} is ${due}'s turn` }]);
    }
    if (input.starts_on && input.ends_on && input.ends_on < input.starts_on) throw new AppError('invalid_request', 'ends_on: before starts_on', [{ field: 'ends_on', message: 'before starts_on' }]);
    const row = { id: input.id, year: input.year, host, title: input.title, scenario: input.scenario, participants, starts_on: input.starts_on ?? null, ends_on: input.ends_on ?? null, created_by: actorId(actor), created_at: new Date().toISOString() };
    await trx.insertInto('infosec_exercise').values(row).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'infosec.exercise.planned', subjectType: 'infosec_exercise', subjectId: row.id, after: { year: row.year, host, participants, title: row.title } });
    return row;
  });
}

/**
 * Records after-action findings of an exercise; each becomes a measure of the exercises' plan in
 * implementation monitoring, owned by the states named (the participants by default), with its deadline.
 */
export async function recordFindings(db: Kysely<DB>, actor: Actor, exerciseId: string, findings: { finding: string; states?: string[]; deadline?: string }[]) {
  if (!can(actor, 'infosec.exercises.plan')) deny(actor, 'Only the Secretariat records after-action findings');
  return db.transaction().execute(async (trx) => {
    const exercise = await trx.selectFrom('infosec_exercise').selectAll().where('id', '=', exerciseId).executeTakeFirst();
    if (!exercise) throw notFound(`Exercise "${exerciseId}"`);
    findings.forEach((f, i) => {
      const outside = (f.states ?? []).map((s) => s.toUpperCase()).filter((s) => !exercise.participants.includes(s));
      if (outside.length) throw new AppError('invalid_request', `findings.${i}.states: did not take part: ${outside.join(', ')}`, [{ field: `findings.${i}.states`, message: `did not take part: ${outside.join(', ')}` }]);
    });
    const plan = await trx.selectFrom('action_plan').select('id').where('id', '=', EXERCISE_PLAN).executeTakeFirst();
    if (!plan) {
      await trx.insertInto('action_plan').values({ id: EXERCISE_PLAN, document_id: null, implements: null, title_en: 'Information-security exercises: after-action findings', title_ru: 'Учения по информационной безопасности: выводы по итогам', title_zh: '信息安全演习：演习后总结的结论', pillar: 'security', period_start: null, period_end: null, public: false, source: [], confidence: 'confirmed', note: 'measures from the findings of exercises held in rotation (ru/zh titles are the Secretariat\'s own translations)', origin: 'exercise' }).execute();
    }
    const taken = (await trx.selectFrom('infosec_exercise_finding').select('id').where('exercise_id', '=', exerciseId).execute()).length;
    const rows = findings.map((f, i) => {
      const measure = { id: `m_${randomBytes(6).toString('hex')}`, plan_id: EXERCISE_PLAN, parent_id: null, code: `${exercise.id}-${taken + i + 1}`, title: f.finding, responsible_states: (f.states ?? exercise.participants).map((s) => s.toUpperCase()), responsible_organs: [], start_date: null, deadline: f.deadline ?? null, indicator_unit: null, baseline: null, target: null, weight: 1, dropped: false, paragraph: null };
      return { measure, finding: { id: `f_${randomBytes(6).toString('hex')}`, exercise_id: exerciseId, finding: f.finding, measure_id: measure.id, recorded_by: actorId(actor), recorded_at: new Date().toISOString() } };
    });
    if (rows.length) {
      await trx.insertInto('measure').values(rows.map((r) => r.measure)).execute();
      await trx.insertInto('infosec_exercise_finding').values(rows.map((r) => r.finding)).execute();
    }
    await recordEvent(trx, { actor: actorId(actor), action: 'infosec.exercise.findings', subjectType: 'infosec_exercise', subjectId: exerciseId, after: { plan: EXERCISE_PLAN, findings: rows.map((r) => ({ finding: r.finding.finding, measure: r.measure.id, code: r.measure.code })) } });
    return { plan: EXERCISE_PLAN, measures: rows.map((r) => ({ id: r.measure.id, code: r.measure.code, finding: r.finding.finding, states: r.measure.responsible_states, deadline: r.measure.deadline })) };
  });
}
