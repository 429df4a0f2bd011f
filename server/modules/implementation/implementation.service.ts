/** Action plans with their computed status and rates; reports filed by the responsible states. */
import { randomBytes } from 'node:crypto';
import { sql, type Expression, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { DB } from '../../db/schema.ts';
import { pendingEvent, recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { today } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { abilities, can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { computePlan, implementationRate, indicatorValueProblem, REPORT_CLAIMS, type MeasureInput, type ReportClaim, type ReportInput } from './progress-rules.ts';

const num = (v: number | string | null) => (v === null ? null : Number(v));
/**
 * A numeric column as a JavaScript number, converted by the database: float8 is the double that
 * `num` makes of the numeric's text (both round the decimal to the nearest double), sent in its
 * shortest exact form, so the figures stay identical.
 */
const asNumber = <T extends number | null = number | null>(column: Expression<number | string | null>) => sql<T>`${column}::float8`;
const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());


const asMeasure = (m: Pick<DB['measure'], 'id' | 'parent_id' | 'weight' | 'start_date' | 'deadline' | 'dropped' | 'responsible_states' | 'baseline' | 'target'>): MeasureInput => ({
  id: m.id,
  parent: m.parent_id,
  weight: Number(m.weight),
  start: m.start_date,
  deadline: m.deadline,
  dropped: m.dropped,
  responsible: m.responsible_states,
  indicator: m.baseline !== null && m.target !== null ? { baseline: Number(m.baseline), target: Number(m.target) } : null,
});

const asReport = (r: DB['measure_report']): ReportInput => ({ measure: r.measure_id, state: r.state_iso2, value: num(r.value), claim: r.claim as ReportClaim, date: r.report_date, returned: r.review === 'returned' });

async function loadPlanData(db: Kysely<DB>, planIds: string[]) {
  if (planIds.length === 0) return { measures: [], reports: [] };
  const measures = await db.selectFrom('measure').selectAll().where('plan_id', 'in', planIds).orderBy('code').execute();
  const reports = await db.selectFrom('measure_report').innerJoin('measure', 'measure.id', 'measure_report.measure_id').selectAll('measure_report').where('measure.plan_id', 'in', planIds).orderBy('measure_report.report_date').orderBy('measure_report.version').execute();
  return { measures, reports };
}

/** Measures without children: those that are reported on. */
function leavesOf<M extends { id: string; parent: string | null }>(measures: M[]): M[] {
  const parents = new Set(measures.map((m) => m.parent));
  return measures.filter((m) => !parents.has(m.id));
}

/**
 * The progress of a plan: its implementation rate, the same figure the rates by plan, pillar and
 * over time use (the weighted mean over its leaf measures). A mean over the top-level measures
 * gave another figure for the same plan (40 % here, 43 % there) when the tree was unbalanced.
 */
function planProgress(measures: MeasureInput[], reports: ReportInput[], at: string) {
  return implementationRate(leavesOf(measures), reports, at);
}

const presentPlan = (p: DB['action_plan']) => ({
  id: p.id, document: p.document_id, implements: p.implements, title: { en: p.title_en, ru: p.title_ru, zh: p.title_zh }, pillar: p.pillar,
  period_start: p.period_start, period_end: p.period_end, public: p.public, origin: p.origin, source: p.source, confidence: p.confidence, note: p.note,
});

export async function listPlans(db: Kysely<DB>, actor: Actor, at = today()) {
  const plans = (await db.selectFrom('action_plan').selectAll().orderBy(sql`period_start desc nulls last`).orderBy('id').execute()).filter((p) => can(actor, 'plans.read', { public: p.public }));
  const { measures, reports } = await loadPlanData(db, plans.map((p) => p.id));
  return plans.map((p) => {
    const ms = measures.filter((m) => m.plan_id === p.id).map(asMeasure);
    const computed = computePlan(ms, reports.map(asReport), at);
    const counts: Record<string, number> = {};
    for (const m of leavesOf(ms)) counts[computed.get(m.id)!.status] = (counts[computed.get(m.id)!.status] ?? 0) + 1;
    return { ...presentPlan(p), measures: ms.length, progress: planProgress(ms, reports.map(asReport), at), statuses: counts };
  });
}

/**
 * A plan with its measures and their reports, in one query (the parts as JSON: numbers and
 * timestamps come as JSON values, which the code reads with Number and `iso` as it reads text).
 */
async function planWithParts(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('action_plan')
    .selectAll('action_plan')
    .select((eb) => [
      jsonArrayFrom(eb.selectFrom('measure').selectAll().whereRef('measure.plan_id', '=', 'action_plan.id').orderBy('code')).as('measures'),
      jsonArrayFrom(
        eb.selectFrom('measure_report').innerJoin('measure', 'measure.id', 'measure_report.measure_id').selectAll('measure_report').whereRef('measure.plan_id', '=', 'action_plan.id').orderBy('measure_report.report_date').orderBy('measure_report.version'),
      ).as('reports'),
    ])
    .where('action_plan.id', '=', id)
    .executeTakeFirst();
}

export async function getPlan(db: Kysely<DB>, actor: Actor, id: string, at = today()) {
  const found = await planWithParts(db, id);
  if (!found || !can(actor, 'plans.read', { public: found.public })) throw notFound(`Plan "${id}"`);
  const { measures: rawMeasures, reports: rawReports, ...plan } = found;
  const measures = rawMeasures as unknown as DB['measure'][];
  const reports = rawReports as unknown as DB['measure_report'][];
  const reportsOf = new Map<string, DB['measure_report'][]>();
  for (const r of reports) {
    const own = reportsOf.get(r.measure_id);
    if (own) own.push(r);
    else reportsOf.set(r.measure_id, [r]);
  }
  const ms = measures.map(asMeasure);
  const computed = computePlan(ms, reports.map(asReport), at);
  const leaves = leavesOf(ms);
  const states = [...new Set(ms.flatMap((m) => m.responsible))].sort();
  return {
    ...presentPlan(plan),
    progress: planProgress(ms, reports.map(asReport), at),
    rates_by_state: Object.fromEntries(states.map((s) => [s, implementationRate(leaves, reports.map(asReport), at, s)])),
    overdue: leaves.filter((m) => computed.get(m.id)!.status === 'overdue').map((m) => m.id),
    abilities: abilities(actor, ['plans.manage', 'reports.return']),
    measures: measures.map((m) => {
      const c = computed.get(m.id)!;
      const own = reportsOf.get(m.id) ?? [];
      return {
        id: m.id, parent: m.parent_id, code: m.code, title: m.title, responsible_states: m.responsible_states, responsible_organs: m.responsible_organs,
        start_date: m.start_date, deadline: m.deadline, indicator: { unit: m.indicator_unit, baseline: num(m.baseline), target: num(m.target) }, weight: Number(m.weight), dropped: m.dropped,
        progress: c.progress, status: c.status,
        can_report: m.responsible_states.filter((state) => can(actor, 'reports.submit', { state, responsible: m.responsible_states })),
        // Report details only to those allowed; others see the computed status alone.
        reports: own
          .filter((r) => can(actor, 'reports.read', { state: r.state_iso2, responsible: m.responsible_states }))
          .map((r) => ({ id: r.id, state: r.state_iso2, version: r.version, value: num(r.value), claim: r.claim, narrative: r.narrative, evidence: r.evidence, date: r.report_date, review: r.review, review_note: r.review_note, submitted_at: iso(r.submitted_at) })),
      };
    }),
  };
}

export interface ReportBody {
  state: string;
  value?: number | null;
  claim: ReportClaim;
  narrative?: string | null;
  evidence?: string[];
  date?: string;
}

/**
 * Files a new version of `state`'s report on a measure: `{ id, version }`. 404 for a plan the
 * actor may not read or a measure not in it, 403 for a state the actor may not report for, 400 for
 * a value the indicator refuses or a date in the future. Two reports at once on one measure take
 * turns on its row (versions n and n+1, docs/decisions/0007), locked by the statement that reads
 * it with its plan and held for two round trips (the version, then the report with its event) and
 * the commit, docs/decisions/0018.
 */
export async function submitReport(db: Kysely<DB>, actor: Actor, planId: string, measureId: string, input: ReportBody) {
  const state = input.state.toUpperCase();
  return db.transaction().execute(async (trx) => {
    // The measure's row is locked until commit: reports on it are numbered one after another, so
    // two at once get versions n and n+1 instead of a duplicate. A locked row is read as last
    // committed, so the checks below see the measure as it is now; its plan comes in the same statement.
    const measure = await trx.selectFrom('measure').innerJoin('action_plan', 'action_plan.id', 'measure.plan_id')
      .select(['measure.responsible_states', 'measure.indicator_unit', 'measure.baseline', 'measure.target', 'action_plan.public'])
      .where('measure.id', '=', measureId).where('measure.plan_id', '=', planId).forUpdate('measure').executeTakeFirst();
    const plan = measure ?? (await trx.selectFrom('action_plan').select('public').where('id', '=', planId).executeTakeFirst());
    if (!plan || !can(actor, 'plans.read', { public: plan.public })) throw notFound(`Plan "${planId}"`);
    if (!measure) throw notFound(`Measure "${measureId}"`);
    if (!can(actor, 'reports.submit', { state, responsible: measure.responsible_states })) deny(actor, `You may not report for ${state} on this measure`);
    if (!REPORT_CLAIMS.includes(input.claim)) throw new AppError('invalid_request', `claim: one of ${REPORT_CLAIMS.join(', ')}`);
    const valueProblem = input.value === undefined || input.value === null ? undefined : indicatorValueProblem({ unit: measure.indicator_unit, baseline: num(measure.baseline), target: num(measure.target) }, input.value);
    if (valueProblem) throw new AppError('invalid_request', `value: ${valueProblem}`, [{ field: 'value', message: valueProblem }]);
    const date = input.date ?? today();
    if (date > today()) throw new AppError('invalid_request', 'date: a report cannot be dated in the future', [{ field: 'date', message: 'cannot be in the future' }]);
    // A statement after the lock's: its snapshot sees the report of whoever held the lock before.
    const last = await trx.selectFrom('measure_report').select((eb) => eb.fn.max('version').as('v')).where('measure_id', '=', measureId).where('state_iso2', '=', state).executeTakeFirst();
    const report = {
      id: `r_${randomBytes(6).toString('hex')}`, measure_id: measureId, state_iso2: state, version: Number(last?.v ?? 0) + 1, value: input.value ?? null, claim: input.claim,
      narrative: input.narrative?.trim() || null, evidence: input.evidence ?? [], report_date: date, submitted_by: (actor as Actor & { kind: 'user' }).userId, submitted_at: new Date().toISOString(),
      review: 'submitted' as const, review_note: null, reviewed_by: null, reviewed_at: null,
    };
    // The report and its event in one statement.
    await trx.with('report', (w) => w.insertInto('measure_report').values(report).returning('id'))
      .insertInto('audit_pending').values(pendingEvent({ actor: actorId(actor), actingFor: state, action: 'report.submit', subjectType: 'measure', subjectId: measureId, after: report }))
      .execute();
    return { id: report.id, version: report.version };
  });
}

export async function returnReport(db: Kysely<DB>, actor: Actor, reportId: string, note: string) {
  if (!can(actor, 'reports.return')) deny(actor, 'Only the Secretariat returns reports for clarification');
  return db.transaction().execute(async (trx) => {
    const report = await trx.selectFrom('measure_report').selectAll().where('id', '=', reportId).forUpdate().executeTakeFirst();
    if (!report) throw notFound(`Report "${reportId}"`);
    if (report.review === 'returned') throw new AppError('conflict', 'The report was already returned');
    await trx.updateTable('measure_report').set({ review: 'returned', review_note: note, reviewed_by: (actor as Actor & { kind: 'user' }).userId, reviewed_at: new Date().toISOString() }).where('id', '=', reportId).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'report.return', subjectType: 'measure', subjectId: report.measure_id, before: { report: reportId, review: 'submitted' }, after: { review: 'returned', note } });
  });
}

export type RateDimension = 'plan' | 'state' | 'pillar' | 'year' | 'organ';

/**
 * Per measure and responsible state, the one report the rules read on `at`: the latest (by date,
 * then version) that was not returned and is dated by then (progress-rules.ts, latestByState).
 * Read from the read model `measure_latest_report` (the latest counting report whatever its date,
 * kept by triggers: migration 0025, docs/decisions/0020) where that report is dated by `at`; only
 * the pairs whose latest report is later than `at` (rates asked for a past day) rank their own
 * reports. One statement, so both parts read one snapshot. The rows come in the rules' shape
 * (ReportInput), not copied into it: a million reports make some 200,000 pairs.
 */
async function latestReports(db: Kysely<DB>, planIds: string[], at: string): Promise<ReportInput[]> {
  if (planIds.length === 0) return [];
  const current = db.selectFrom('measure_latest_report as l').innerJoin('measure as m', 'm.id', 'l.measure_id')
    .select((eb) => ['l.measure_id as measure', 'l.state_iso2 as state', asNumber(eb.ref('l.value')).as('value'), 'l.claim', 'l.report_date as date', sql<false>`false`.as('returned')])
    .where('m.plan_id', 'in', planIds).where('l.report_date', '<=', at);
  const earlier = db.selectFrom('measure_report as r')
    .innerJoin('measure_latest_report as l', (j) => j.onRef('l.measure_id', '=', 'r.measure_id').onRef('l.state_iso2', '=', 'r.state_iso2'))
    .innerJoin('measure as m', 'm.id', 'l.measure_id')
    .distinctOn(['r.measure_id', 'r.state_iso2'])
    .select((eb) => ['r.measure_id as measure', 'r.state_iso2 as state', asNumber(eb.ref('r.value')).as('value'), 'r.claim', 'r.report_date as date', sql<false>`false`.as('returned')])
    .where('m.plan_id', 'in', planIds).where('l.report_date', '>', at).where('r.review', '<>', 'returned').where('r.report_date', '<=', at)
    .orderBy('r.measure_id').orderBy('r.state_iso2').orderBy('r.report_date', 'desc').orderBy('r.version', 'desc');
  const rows = await current.unionAll(db.selectFrom(earlier.as('e')).select(['measure', 'state', 'value', 'claim', 'date', 'returned'])).execute();
  return rows as ReportInput[];
}

/** Implementation rates of the plans the caller may see, grouped along one dimension. */
export async function rates(db: Kysely<DB>, actor: Actor, by: RateDimension, at = today()) {
  const plans = (await db.selectFrom('action_plan').selectAll().execute()).filter((p) => can(actor, 'plans.read', { public: p.public }));
  const planIds = plans.map((p) => p.id);
  // Both at once: on PostgreSQL the reports are read on a second connection while the measures
  // arrive (separate statements, as they were before). Only the columns the rates use, numbers as
  // numbers: a hundred thousand measures' rows are most of the memory a call takes.
  const [measures, latest] = await Promise.all([
    planIds.length === 0 ? [] : db.selectFrom('measure')
      .select((eb) => ['id', 'plan_id', 'parent_id', asNumber<number>(eb.ref('weight')).as('weight'), 'start_date', 'deadline', 'dropped', 'responsible_states', asNumber(eb.ref('baseline')).as('baseline'), asNumber(eb.ref('target')).as('target')])
      .$if(by === 'organ', (q) => q.select('responsible_organs'))
      .where('plan_id', 'in', planIds).orderBy('code').execute(),
    latestReports(db, planIds, at),
  ]);
  const reportsOf = new Map<string, ReportInput[]>();
  for (const r of latest) {
    const list = reportsOf.get(r.measure);
    if (list) list.push(r);
    else reportsOf.set(r.measure, [r]);
  }
  // Each leaf's input to the rules is made once, however many groups it falls in.
  const inputs = measures.map(asMeasure);
  const leaves = new Set(leavesOf(inputs));
  const pillarOf = new Map(plans.map((p) => [p.id, p.pillar]));
  const groups = new Map<string, MeasureInput[]>();
  const add = (key: string, m: MeasureInput) => {
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  };
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i]!;
    const input = inputs[i]!;
    if (!leaves.has(input)) continue;
    if (by === 'plan') add(m.plan_id, input);
    if (by === 'pillar') add(pillarOf.get(m.plan_id)!, input);
    if (by === 'year' && m.deadline) add(m.deadline.slice(0, 4), input);
    if (by === 'state') for (const s of m.responsible_states) add(s, input);
    if (by === 'organ') for (const o of m.responsible_organs!) add(o, input);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, ms]) => ({ key, measures: ms.length, rate: implementationRate(ms, reportsOf, at, by === 'state' ? key : undefined) }));
}

/** The overall implementation rate at the end of each quarter, from the first report to `at`. */
export async function trend(db: Kysely<DB>, actor: Actor, at = today()) {
  const plans = (await db.selectFrom('action_plan').select(['id', 'public']).execute()).filter((p) => can(actor, 'plans.read', { public: p.public }));
  const { measures, reports } = await loadPlanData(db, plans.map((p) => p.id));
  if (reports.length === 0) return [];
  const leaves = leavesOf(measures.map(asMeasure));
  const rs = reports.map(asReport);
  const first = rs.reduce((d, r) => (r.date < d ? r.date : d), at);
  const points: { date: string; rate: number | null }[] = [];
  for (let y = Number(first.slice(0, 4)), q = Math.floor(Number(first.slice(5, 7)) / 3.01); ; q++) {
    if (q === 4) { q = 0; y++; }
    const end = new Date(Date.UTC(y, q * 3 + 3, 0)).toISOString().slice(0, 10);
    const date = end < at ? end : at;
    points.push({ date, rate: implementationRate(leaves, rs, date) });
    if (date === at) break;
  }
  return points;
}
