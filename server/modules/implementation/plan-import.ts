/**
 * Plans and batches of reports from CSV or XLSX, validated as a whole: every bad row is listed
 * with its line and reason, and nothing is written if any row is bad.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { checkRowsYielding, eachYielding, turn, type RowProblem, type TableRow } from '../../http/tabular.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { indicatorValueProblem, REPORT_CLAIMS } from './progress-rules.ts';
import { today } from '../../http/common-schemas.ts';

export const MEASURE_COLUMNS = ['code', 'parent_code', 'title', 'responsible_states', 'responsible_organs', 'start_date', 'deadline', 'indicator_unit', 'baseline', 'target', 'weight', 'dropped'] as const;
/** New measures written per statement. */
const INSERT_BATCH = 200;
export const REPORT_COLUMNS = ['measure_code', 'state', 'value', 'claim', 'narrative', 'evidence', 'date'] as const;

const code = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,40}$' };
const date = { type: 'string', format: 'date' };
const number = { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };
const list = (v: string | undefined) => (v ? v.split(/[\s|;,]+/).map((x) => x.trim().toUpperCase()).filter(Boolean) : []);

const measureSchema = {
  type: 'object',
  required: ['code', 'title', 'responsible_states'],
  additionalProperties: false,
  properties: {
    code, parent_code: code, title: { type: 'string', minLength: 1, maxLength: 1000 }, responsible_states: { type: 'string', pattern: '^[A-Za-z]{2}([\\s|;,]+[A-Za-z]{2})*$' },
    responsible_organs: { type: 'string' }, start_date: date, deadline: date, indicator_unit: { type: 'string' }, baseline: number, target: number, weight: number, dropped: { enum: ['yes', 'no'] },
  },
};
const reportSchema = {
  type: 'object',
  required: ['measure_code', 'state', 'claim'],
  additionalProperties: false,
  properties: { measure_code: code, state: { type: 'string', pattern: '^[A-Za-z]{2}$' }, value: number, claim: { enum: [...REPORT_CLAIMS] }, narrative: { type: 'string', maxLength: 10_000 }, evidence: { type: 'string', pattern: '^https?://\\S+(\\s+(\\|\\s+)?https?://\\S+)*$', description: 'http(s) links separated by spaces or " | "' }, date },
};

/**
 * The codes whose chain of parents (within `rows`) comes back to them, found in one pass over the
 * rows: each code is walked once (O(rows)), where checking each row's chain apart was quadratic.
 */
export function codesInCycles(rows: TableRow[]): Set<string> {
  const parentOf = new Map<string, string | undefined>();
  for (const r of rows) if (r.cells.code) parentOf.set(r.cells.code, r.cells.parent_code);
  const walked = new Set<string>();
  const inCycle = new Set<string>();
  for (const start of parentOf.keys()) {
    const path = new Map<string, number>();
    let c: string | undefined = start;
    while (c !== undefined && parentOf.has(c) && !walked.has(c)) {
      path.set(c, path.size);
      walked.add(c);
      c = parentOf.get(c);
    }
    // The walk stopped on a code of this same walk: the codes from there on form a cycle.
    if (c !== undefined && path.has(c)) for (const [code, i] of path) if (i >= path.get(c)!) inCycle.add(code);
  }
  return inCycle;
}

/** Each code's number of ancestors within `rows` (no cycles), computed once per code. */
function depths(rows: TableRow[]): Map<string, number> {
  const parentOf = new Map<string, string | undefined>();
  for (const r of rows) if (r.cells.code) parentOf.set(r.cells.code, r.cells.parent_code);
  const depth = new Map<string, number>();
  for (const start of parentOf.keys()) {
    const chain: string[] = [];
    let c: string | undefined = start;
    while (c !== undefined && parentOf.has(c) && !depth.has(c)) {
      chain.push(c);
      c = parentOf.get(c);
    }
    let d = c !== undefined && depth.has(c) ? depth.get(c)! + 1 : 0;
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i]!, d++);
  }
  return depth;
}

export class InvalidRows extends AppError {
  constructor(problems: RowProblem[]) {
    super('invalid_request', `${problems.length} problem(s); nothing was written: ${problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`).join('; ')}`, problems.map((p) => ({ field: `line ${p.line}`, message: p.message })));
  }
}

async function planFor(db: Kysely<DB>, actor: Actor, planId: string) {
  const plan = await db.selectFrom('action_plan').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan || !can(actor, 'plans.read', { public: plan.public })) throw notFound(`Plan "${planId}"`);
  return plan;
}

export interface NewPlan {
  id: string;
  title_en: string;
  pillar: string;
  period_start?: string;
  period_end?: string;
  public?: boolean;
  document?: string;
}

/** Checks that `input` may become a plan (no plan with its id, a known document); returns its row. */
async function planRow(db: Kysely<DB>, actor: Actor, input: NewPlan) {
  if (await db.selectFrom('action_plan').select('id').where('id', '=', input.id).executeTakeFirst()) throw new AppError('conflict', `A plan "${input.id}" already exists`);
  if (input.document && !(await db.selectFrom('document').select('id').where('id', '=', input.document).executeTakeFirst())) {
    throw new AppError('invalid_request', `document: no document "${input.document}"`, [{ field: 'document', message: 'is not a known document' }]);
  }
  return { id: input.id, document_id: input.document ?? null, implements: null, title_en: input.title_en, title_ru: null, title_zh: null, pillar: input.pillar, period_start: input.period_start ?? null, period_end: input.period_end ?? null, public: input.public ?? true, source: [`secretariat:import by ${actorId(actor)}`], confidence: 'confirmed', note: null, origin: 'import' as const };
}

async function insertPlan(trx: Transaction<DB>, actor: Actor, plan: Insertable<DB['action_plan']>) {
  await trx.insertInto('action_plan').values(plan).execute();
  await recordEvent(trx, { actor: actorId(actor), action: 'plan.create', subjectType: 'action_plan', subjectId: plan.id, after: plan });
}

/** An empty plan, to import measures into later (importMeasures with `newPlan` does both at once). */
export async function createPlan(db: Kysely<DB>, actor: Actor, input: NewPlan) {
  if (!can(actor, 'plans.manage')) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', 'Only the Secretariat creates plans');
  const plan = await planRow(db, actor, input);
  await db.transaction().execute((trx) => insertPlan(trx, actor, plan));
  return { id: plan.id };
}

/**
 * Adds or updates a plan's measures by code, all rows or none. With `newPlan` the plan is created
 * in the same transaction: a failed import writes nothing, the plan included (no empty plan left
 * behind to block the corrected import or to show in reviews).
 */
export async function importMeasures(db: Kysely<DB>, actor: Actor, planId: string, rows: TableRow[], newPlan?: Omit<NewPlan, 'id'>) {
  if (!can(actor, 'plans.manage')) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', 'Only the Secretariat imports measures');
  const plan = newPlan ? await planRow(db, actor, { ...newPlan, id: planId }) : undefined;
  if (!plan) await planFor(db, actor, planId);
  // Every long step below gives the event loop turns (eachYielding), so a 20,000-row file never
  // holds the server for long; each is linear in the rows.
  const problems = await checkRowsYielding(measureSchema, rows);
  const states = new Set((await db.selectFrom('state').select('iso2').execute()).map((s) => s.iso2));
  const existing = await db.selectFrom('measure').select(['id', 'code']).where('plan_id', '=', planId).execute();
  const codes = new Set([...existing.map((m) => m.code), ...rows.map((r) => r.cells.code)]);
  const seen = new Map<string, number>();
  const cycles = codesInCycles(rows);
  await eachYielding(rows, ({ line, cells }) => {
    if (cells.weight !== undefined && !(Number(cells.weight) > 0)) problems.push({ line, message: 'column "weight" must be greater than 0' });
    for (const s of list(cells.responsible_states)) if (!states.has(s)) problems.push({ line, message: `column "responsible_states": unknown state "${s}"` });
    if (cells.parent_code && !codes.has(cells.parent_code)) problems.push({ line, message: `column "parent_code": no measure "${cells.parent_code}"` });
    if (cells.parent_code && cells.parent_code === cells.code) problems.push({ line, message: 'column "parent_code": a measure cannot be its own parent' });
    if (cells.start_date && cells.deadline && cells.deadline < cells.start_date) problems.push({ line, message: 'column "deadline" is before "start_date"' });
    if (cells.code && cycles.has(cells.code) && cells.parent_code !== cells.code) problems.push({ line, message: 'column "parent_code": the parents form a cycle' });
    if (cells.code && seen.has(cells.code)) problems.push({ line, message: `column "code": "${cells.code}" repeats line ${seen.get(cells.code)}` });
    if (cells.code) seen.set(cells.code, line);
  });
  if (problems.length > 0) throw new InvalidRows(problems.sort((a, b) => a.line - b.line));
  const idByCode = new Map(existing.map((m) => [m.code, m.id]));
  for (const { cells } of rows) if (!idByCode.has(cells.code!)) idByCode.set(cells.code!, `m_${randomBytes(6).toString('hex')}`);
  // Parents first, so that every parent exists when its children are written.
  const depth = depths(rows);
  const ordered = [...rows].sort((a, b) => depth.get(a.cells.code!)! - depth.get(b.cells.code!)!);
  const existingIds = new Set(existing.map((m) => m.id));
  let inserted = 0;
  let updated = 0;
  await db.transaction().execute(async (trx) => {
    if (plan) await insertPlan(trx, actor, plan);
    const rowsToWrite = ordered.map(({ cells }) => ({
      id: idByCode.get(cells.code!)!,
      row: {
        plan_id: planId, parent_id: cells.parent_code ? idByCode.get(cells.parent_code)! : null, code: cells.code!, title: cells.title!, responsible_states: list(cells.responsible_states), responsible_organs: (cells.responsible_organs ?? '').split(/[\s|;,]+/).filter(Boolean),
        start_date: cells.start_date ?? null, deadline: cells.deadline ?? null, indicator_unit: cells.indicator_unit ?? null, baseline: cells.baseline ?? null, target: cells.target ?? null, weight: cells.weight ?? '1', dropped: cells.dropped === 'yes',
      },
    }));
    const fresh: Insertable<DB['measure']>[] = [];
    for (const { id, row } of rowsToWrite) {
      if (existingIds.has(id)) {
        await trx.updateTable('measure').set(row).where('id', '=', id).execute();
        // PGlite runs on this thread: a turn now and then between statements.
        if (++updated % 50 === 0) await turn();
      } else fresh.push({ id, ...row });
    }
    // New measures in batches (parents before children, as ordered), with a turn of the event
    // loop between two (PGlite runs each statement on this thread, and without a turn a whole
    // transaction of statements would run as one stall).
    for (let i = 0; i < fresh.length; i += INSERT_BATCH) {
      await trx.insertInto('measure').values(fresh.slice(i, i + INSERT_BATCH)).execute();
      await turn();
    }
    inserted = fresh.length;
    await recordEvent(trx, { actor: actorId(actor), action: 'plan.import_measures', subjectType: 'action_plan', subjectId: planId, after: { inserted, updated, codes: rows.map((r) => r.cells.code) } });
  });
  return { inserted, updated };
}

/**
 * The plan-level checks of an upload, made from the URL before its body is read (so that nobody
 * without rights on the plan makes the server read and parse a large file): importing measures
 * needs the plan (or, when `creating`, no plan with that id yet); filing reports needs a plan the
 * caller reads with a measure their state is responsible for. The services check again, row by row.
 */
export async function checkPlanBeforeBody(db: Kysely<DB>, actor: Actor, planId: string, upload: 'measures' | 'reports', creating = false): Promise<void> {
  if (upload === 'measures') {
    if (!can(actor, 'plans.manage')) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', 'Only the Secretariat imports measures');
    if (creating) {
      if (await db.selectFrom('action_plan').select('id').where('id', '=', planId).executeTakeFirst()) throw new AppError('conflict', `A plan "${planId}" already exists; import into it without the plan's title and pillar`);
    } else await planFor(db, actor, planId);
    return;
  }
  if (!can(actor, 'reports.file')) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', 'Only national coordinators file reports');
  await planFor(db, actor, planId);
  const states = actor.kind === 'user' ? [...new Set(actor.roles.filter((r) => r.role === 'national_coordinator' && r.state).map((r) => r.state!))] : [];
  const responsible = await db.selectFrom('measure').select('id').where('plan_id', '=', planId).where(sql<boolean>`responsible_states && ${states}::text[]`).limit(1).executeTakeFirst();
  if (!responsible) throw new AppError('forbidden', `No measure of plan ${planId} names a state you coordinate for (${states.join(', ') || 'none'}) as responsible, so you may not file reports on it`);
}

/** A batch of reports; each row must be one the caller may file, or nothing is written. */
export async function importReports(db: Kysely<DB>, actor: Actor, planId: string, rows: TableRow[]) {
  if (!can(actor, 'reports.file')) throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', 'Only national coordinators file reports');
  await planFor(db, actor, planId);
  const problems = await checkRowsYielding(reportSchema, rows);
  const measures = await db.selectFrom('measure').select(['id', 'code', 'responsible_states', 'indicator_unit', 'baseline', 'target']).where('plan_id', '=', planId).execute();
  // By code, so that checking a row is a lookup (a search of the plan's measures per row was quadratic).
  const byCode = new Map(measures.map((m) => [m.code, m]));
  await eachYielding(rows, ({ line, cells }) => {
    const m = cells.measure_code === undefined ? undefined : byCode.get(cells.measure_code);
    if (cells.measure_code && !m) problems.push({ line, message: `column "measure_code": no measure "${cells.measure_code}" in plan ${planId}` });
    const state = cells.state?.toUpperCase();
    if (m && state && !can(actor, 'reports.submit', { state, responsible: m.responsible_states })) problems.push({ line, message: `you may not report for ${state} on measure ${m.code}` });
    if (cells.date && cells.date > today()) problems.push({ line, message: 'column "date": a report cannot be dated in the future' });
    const valueProblem = m && cells.value !== undefined && cells.value !== '' ? indicatorValueProblem({ unit: m.indicator_unit, baseline: m.baseline === null ? null : Number(m.baseline), target: m.target === null ? null : Number(m.target) }, Number(cells.value)) : undefined;
    if (valueProblem) problems.push({ line, message: `column "value": ${valueProblem}` });
  });
  if (problems.length > 0) throw new InvalidRows(problems.sort((a, b) => a.line - b.line));
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    // The measures reported on are locked in id order before any report is written, as
    // submitReport locks its one (decisions 0007, 0008): versions are numbered without duplicates
    // while others report on the same measures, and the locks the read model's trigger takes
    // (migration 0025) are then already held, so two imports in different orders cannot deadlock.
    const measureIds = [...new Set(rows.map(({ cells }) => byCode.get(cells.measure_code!)!.id))];
    if (measureIds.length > 0) await trx.selectFrom('measure').select('id').where('id', 'in', measureIds).orderBy('id').forUpdate().execute();
    for (const { cells } of rows) {
      const m = byCode.get(cells.measure_code!)!;
      const state = cells.state!.toUpperCase();
      const last = await trx.selectFrom('measure_report').select((eb) => eb.fn.max('version').as('v')).where('measure_id', '=', m.id).where('state_iso2', '=', state).executeTakeFirst();
      const report = {
        id: `r_${randomBytes(6).toString('hex')}`, measure_id: m.id, state_iso2: state, version: Number(last?.v ?? 0) + 1, value: cells.value ?? null, claim: cells.claim!, narrative: cells.narrative ?? null,
        evidence: (cells.evidence ?? '').split(/\s+\|\s+|\s+/).filter(Boolean), report_date: cells.date ?? today(), submitted_by: (actor as Actor & { kind: 'user' }).userId, submitted_at: at, review: 'submitted' as const, review_note: null, reviewed_by: null, reviewed_at: null,
      };
      await trx.insertInto('measure_report').values(report).execute();
      await recordEvent(trx, { actor: actorId(actor), actingFor: state, action: 'report.submit', subjectType: 'measure', subjectId: m.id, after: report });
      await turn();
    }
  });
  return { inserted: rows.length };
}

/** The plan's measures as flat rows under MEASURE_COLUMNS (the import format). */
export async function exportMeasures(db: Kysely<DB>, actor: Actor, planId: string) {
  await planFor(db, actor, planId);
  const measures = await db.selectFrom('measure').selectAll().where('plan_id', '=', planId).orderBy('code').execute();
  const codeOf = new Map(measures.map((m) => [m.id, m.code]));
  return measures.map((m) => ({
    code: m.code, parent_code: m.parent_id ? codeOf.get(m.parent_id) : '', title: m.title, responsible_states: m.responsible_states.join(' '), responsible_organs: m.responsible_organs.join(' '),
    start_date: m.start_date ?? '', deadline: m.deadline ?? '', indicator_unit: m.indicator_unit ?? '', baseline: m.baseline ?? '', target: m.target ?? '', weight: m.weight, dropped: m.dropped ? 'yes' : 'no',
  }));
}
