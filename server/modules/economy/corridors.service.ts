/**
 * Corridors: named places, corridors as ordered segments, and the border-crossing times states
 * report. Reading is public; a state's competent authority (or its national coordinator) reports
 * the times for its own side of a crossing, each report audited in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { deny } from '../../http/auth.ts';
import { isCalendarDate, localisedOf, today } from '../../http/common-schemas.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { readCsvUpload } from '../../http/tabular.ts';
import { can } from '../../policies/policy.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { corridorTimeline, corridorTimes, crossingsAlong, type RoutePlace } from './corridor-times.ts';

const presentPlace = (p: DB['economy_place']) => ({
  id: p.id, name: localisedOf(p as never, 'name'), kind: p.kind, states: p.states,
  coordinates: p.lat === null || p.lon === null ? null : { lat: Number(p.lat), lon: Number(p.lon), source: p.coordinates_source },
  source: p.source, confidence: p.confidence, note: p.note,
});
type Place = ReturnType<typeof presentPlace>;

const presentSegment = (s: DB['economy_corridor_segment']) => ({
  seq: s.seq, from: s.from_place, to: s.to_place, mode: s.mode, status: s.status,
  capacity: s.capacity === null ? null : { value: Number(s.capacity), unit: s.capacity_unit },
  length_km: s.length_km === null ? null : Number(s.length_km), transit_hours: s.transit_hours === null ? null : Number(s.transit_hours),
  source: s.source, confidence: s.confidence, note: s.note,
});

const routePlaces = (places: Place[]) => new Map<string, RoutePlace>(places.map((p) => [p.id, { id: p.id, kind: p.kind, states: p.states }]));
const routeOf = (segments: ReturnType<typeof presentSegment>[]) => segments.map((s) => ({ seq: s.seq, from_place: s.from, to_place: s.to, transit_hours: s.transit_hours }));

async function reports(db: Kysely<DB>, placeIds?: string[]) {
  if (placeIds && placeIds.length === 0) return [];
  let q = db.selectFrom('economy_crossing_time').selectAll().orderBy('observed_on').orderBy('place_id').orderBy('state_iso2');
  if (placeIds) q = q.where('place_id', 'in', placeIds);
  return (await q.execute()).map((r) => ({ ...r, hours: Number(r.hours), observed_on: String(r.observed_on).slice(0, 10) }));
}

export async function listPlaces(db: Kysely<DB>) {
  return (await db.selectFrom('economy_place').selectAll().orderBy('name_en').execute()).map(presentPlace);
}

/** Every corridor with its segments, its places and its times today (for the list and the map). */
export async function listCorridors(db: Kysely<DB>, filter: { kind?: string; state?: string } = {}) {
  let q = db.selectFrom('economy_corridor').selectAll().orderBy('name_en');
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const corridors = await q.execute();
  const segments = (await db.selectFrom('economy_corridor_segment').selectAll().orderBy('corridor_id').orderBy('seq').execute());
  const places = await listPlaces(db);
  const byId = new Map(places.map((p) => [p.id, p]));
  const route = routePlaces(places);
  const all = await reports(db);
  const at = today();
  return corridors
    .filter((c) => !filter.state || c.states.includes(filter.state.toUpperCase()))
    .map((c) => {
      const legs = segments.filter((s) => s.corridor_id === c.id).map(presentSegment);
      const times = corridorTimes(routeOf(legs), route, all, at);
      return {
        id: c.id, name: localisedOf(c as never, 'name'), kind: c.kind, states: c.states, source: c.source, confidence: c.confidence, note: c.note,
        segments: legs.map((s) => ({ ...s, from_place: byId.get(s.from)!, to_place: byId.get(s.to)! })),
        computed: { at, end_to_end_hours: times.end_to_end.hours, slowest: times.slowest, crossings: times.crossings.length },
      };
    });
}

/** One corridor: segments, places, each crossing's reports over time, and the computed times. */
export async function getCorridor(db: Kysely<DB>, actor: Actor, id: string, at = today()) {
  const c = await db.selectFrom('economy_corridor').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) throw notFound(`Corridor "${id}"`);
  const legs = (await db.selectFrom('economy_corridor_segment').selectAll().where('corridor_id', '=', id).orderBy('seq').execute()).map(presentSegment);
  const ids = [...new Set(legs.flatMap((s) => [s.from, s.to]))];
  const places = ids.length ? (await db.selectFrom('economy_place').selectAll().where('id', 'in', ids).execute()).map(presentPlace) : [];
  const route = routePlaces(places);
  const crossingIds = crossingsAlong(routeOf(legs), route);
  const history = await reports(db, crossingIds);
  const projects = await db.selectFrom('economy_project_corridor').innerJoin('economy_project', 'economy_project.id', 'economy_project_corridor.project_id')
    .select(['economy_project.id', 'economy_project.title_en', 'economy_project.title_ru', 'economy_project.title_zh', 'economy_project.stage']).where('corridor_id', '=', id).orderBy('economy_project.title_en').execute();
  const reportable = crossingIds.flatMap((p) => route.get(p)!.states.filter((state) => can(actor, 'economy.crossings.report', { state })).map((state) => ({ place: p, state })));
  return {
    id: c.id, name: localisedOf(c as never, 'name'), kind: c.kind, states: c.states, source: c.source, confidence: c.confidence, note: c.note,
    places, segments: legs,
    crossings: crossingIds.map((p) => ({ place: p, reports: history.filter((r) => r.place_id === p).map((r) => ({ state: r.state_iso2, observed_on: r.observed_on, hours: r.hours, source: r.source, reported_at: r.reported_at })) })),
    computed: corridorTimes(routeOf(legs), route, history, at),
    timeline: corridorTimeline(routeOf(legs), route, history).map((t) => ({ at: t.at, end_to_end_hours: t.end_to_end.hours, known_hours: t.end_to_end.known_hours, slowest: t.slowest })),
    projects: projects.map((p) => ({ id: p.id, title: localisedOf(p as never, 'title'), stage: p.stage })),
    /** The (crossing, state) pairs the caller may report times for. */
    reportable,
  };
}

export interface CrossingTimeInput {
  place: string;
  state: string;
  observed_on: string;
  hours: number;
  source?: string;
}

interface RowProblem {
  field: string;
  message: string;
}

/** What is wrong with one report: the place must be a border crossing lying in the state, and the caller must speak for the state. */
function reportProblems(actor: Actor, input: CrossingTimeInput, places: Map<string, { kind: string; states: string[] }>, states: Set<string>, prefix = ''): RowProblem[] {
  const problems: RowProblem[] = [];
  const place = places.get(input.place);
  const state = input.state.toUpperCase();
  if (!place) problems.push({ field: `${prefix}place`, message: `no place "${input.place}"` });
  else if (place.kind !== 'border_crossing') problems.push({ field: `${prefix}place`, message: `"${input.place}" is not a border crossing` });
  else if (!place.states.includes(state)) problems.push({ field: `${prefix}state`, message: `${state} is not a side of "${input.place}" (its sides: ${place.states.join(', ')})` });
  if (!states.has(state)) problems.push({ field: `${prefix}state`, message: `unknown state ${state}` });
  if (!isCalendarDate(input.observed_on)) problems.push({ field: `${prefix}observed_on`, message: 'must be a date YYYY-MM-DD' });
  else if (input.observed_on > today()) problems.push({ field: `${prefix}observed_on`, message: 'must not be in the future' });
  if (!(Number.isFinite(input.hours) && input.hours >= 0 && input.hours <= 8760)) problems.push({ field: `${prefix}hours`, message: 'must be a number of hours from 0 to 8760' });
  return problems;
}

async function lookups(db: Kysely<DB>) {
  const places = new Map((await db.selectFrom('economy_place').select(['id', 'kind', 'states']).execute()).map((p) => [p.id, p]));
  const states = new Set((await db.selectFrom('state').select('iso2').execute()).map((s) => s.iso2));
  return { places, states };
}

async function store(db: Kysely<DB>, actor: Actor, rows: CrossingTimeInput[], action: string, fileName: string | null) {
  const at = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const before = [];
    for (const r of rows) {
      const row = { place_id: r.place, state_iso2: r.state.toUpperCase(), observed_on: r.observed_on, hours: r.hours, source: r.source?.trim() || null, reported_by: actorId(actor), reported_at: at };
      const old = await trx.selectFrom('economy_crossing_time').selectAll().where('place_id', '=', row.place_id).where('state_iso2', '=', row.state_iso2).where('observed_on', '=', row.observed_on).executeTakeFirst();
      if (old) before.push({ place: old.place_id, state: old.state_iso2, observed_on: row.observed_on, hours: Number(old.hours), source: old.source, reported_by: old.reported_by });
      await trx.insertInto('economy_crossing_time').values(row).onConflict((oc) => oc.columns(['place_id', 'state_iso2', 'observed_on']).doUpdateSet({ hours: row.hours, source: row.source, reported_by: row.reported_by, reported_at: row.reported_at })).execute();
    }
    const subject = rows.length === 1 ? `${rows[0]!.place}/${rows[0]!.state.toUpperCase()}/${rows[0]!.observed_on}` : `import:${at}`;
    await recordEvent(trx, { actor: actorId(actor), action, subjectType: 'economy_crossing_time', subjectId: subject, before: before.length ? { replaced: before } : null, after: { file_name: fileName, reports: rows.map((r) => ({ ...r, state: r.state.toUpperCase() })) } });
    return { stored: rows.length, replaced: before.length };
  });
}

/** Records one state's crossing time (a report for the same crossing, state and day replaces the old one). */
export async function reportCrossingTime(db: Kysely<DB>, actor: Actor, input: CrossingTimeInput) {
  if (!can(actor, 'economy.crossings.report', { state: input.state.toUpperCase() })) deny(actor, `Only ${input.state.toUpperCase()}'s competent authority or national coordinator reports its crossing times`);
  const { places, states } = await lookups(db);
  const problems = reportProblems(actor, input, places, states);
  if (problems.length) throw new AppError('invalid_request', `${problems[0]!.field}: ${problems[0]!.message}`, problems);
  return store(db, actor, [input], 'crossing.report', null);
}

const IMPORT_COLUMNS = ['place', 'state', 'observed_on', 'hours', 'source'];

/**
 * Imports crossing times from CSV (columns place, state, observed_on, hours[, source]). Every row
 * must be for a state the caller speaks for; one bad or unauthorised row refuses the whole file.
 */
export async function importCrossingTimes(db: Kysely<DB>, actor: Actor, text: string, fileName: string | null) {
  if (actor.kind !== 'user' || !actor.roles.some((r) => (r.role === 'competent_authority' || r.role === 'national_coordinator') && r.state && can(actor, 'economy.crossings.report', { state: r.state }))) {
    deny(actor, 'Only a state\'s competent authority or national coordinator imports its crossing times');
  }
  let rows;
  try {
    rows = await readCsvUpload(text);
  } catch (e) {
    throw new AppError('invalid_request', `body: not a CSV file: ${(e as Error).message}`, [{ field: 'body', message: 'not CSV' }]);
  }
  if (rows.length === 0) throw new AppError('invalid_request', 'body: the file holds no rows', [{ field: 'body', message: 'no rows' }]);
  const { places, states } = await lookups(db);
  const problems: RowProblem[] = [];
  const inputs: CrossingTimeInput[] = [];
  for (const { line, cells } of rows) {
    const unknown = Object.keys(cells).filter((k) => !IMPORT_COLUMNS.includes(k));
    if (unknown.length) problems.push({ field: `line ${line}`, message: `unknown column(s) ${unknown.join(', ')} (expected ${IMPORT_COLUMNS.join(', ')})` });
    const input = { place: cells.place ?? '', state: (cells.state ?? '').toUpperCase(), observed_on: cells.observed_on ?? '', hours: cells.hours === undefined || cells.hours === '' ? Number.NaN : Number(cells.hours), source: cells.source };
    problems.push(...reportProblems(actor, input, places, states, `line ${line}: `).map((p) => ({ field: `line ${line}`, message: `${p.field.replace(`line ${line}: `, '')}: ${p.message}` })));
    if (input.state && !can(actor, 'economy.crossings.report', { state: input.state })) problems.push({ field: `line ${line}`, message: `state: you do not report for ${input.state}` });
    inputs.push(input);
  }
  if (problems.length) throw new AppError('invalid_request', `body: ${problems.length} problem(s) in the file, nothing imported`, problems.slice(0, 50));
  return store(db, actor, inputs, 'crossing.import', fileName);
}

/** Every reported crossing time, optionally for one crossing or one state (for exports). */
export async function listCrossingTimes(db: Kysely<DB>, filter: { place?: string; state?: string }) {
  let q = db.selectFrom('economy_crossing_time').selectAll().orderBy('place_id').orderBy('observed_on').orderBy('state_iso2');
  if (filter.place) q = q.where('place_id', '=', filter.place);
  if (filter.state) q = q.where('state_iso2', '=', filter.state.toUpperCase());
  return (await q.execute()).map((r) => ({ place: r.place_id, state: r.state_iso2, observed_on: String(r.observed_on).slice(0, 10), hours: Number(r.hours), source: r.source, reported_at: new Date(r.reported_at).toISOString() }));
}
