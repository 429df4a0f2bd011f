/** Queries on states and their statuses over time. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { localisedOf } from '../../http/common-schemas.ts';
import { periodOn } from './status-on-date.ts';
import { byDate, derivePeriods } from './membership-acts.ts';

const presentPeriod = (p: DB['status_period']) => ({
  status: p.status,
  valid_from: p.valid_from,
  valid_to: p.valid_to,
  basis: p.basis,
  meeting: p.meeting_id,
  source: p.source,
  confidence: p.confidence,
  note: p.note,
});

const presentState = (s: DB['state']) => ({
  iso2: s.iso2,
  iso3: s.iso3,
  m49: s.m49,
  name: localisedOf(s as never, 'name'),
  official_name_en: s.official_name_en,
  source: s.source,
  confidence: s.confidence,
});

/**
 * Each state's status periods, derived from its membership acts. A period keeps the provenance
 * of its row in the reference files (status-periods.csv, whose basis is translated) when the
 * files have it, else that of the act that opened it; its end always comes from the acts.
 */
async function periodsByState(db: Kysely<DB>, iso2?: string) {
  let actsQuery = db.selectFrom('membership_act').selectAll();
  let filesQuery = db.selectFrom('status_period').selectAll();
  if (iso2) {
    actsQuery = actsQuery.where('state_iso2', '=', iso2);
    filesQuery = filesQuery.where('state_iso2', '=', iso2);
  }
  const [acts, files] = await Promise.all([actsQuery.execute(), filesQuery.execute()]);
  const fromFiles = new Map(files.map((p) => [`${p.state_iso2}/${p.valid_from}/${p.status}`, p]));
  const actsByState = new Map<string, DB['membership_act'][]>();
  for (const a of acts) actsByState.set(a.state_iso2, [...(actsByState.get(a.state_iso2) ?? []), a]);
  const byState = new Map<string, DB['status_period'][]>();
  for (const [state, stateActs] of actsByState) {
    byState.set(
      state,
      derivePeriods(stateActs).map((p) => {
        const file = fromFiles.get(`${state}/${p.validFrom}/${p.status}`);
        const a = p.openedBy;
        return file
          ? { ...file, valid_to: p.validTo }
          : { state_iso2: state, status: p.status, valid_from: p.validFrom, valid_to: p.validTo, basis: a.basis, meeting_id: a.meeting_id, source: a.source, confidence: a.confidence, note: a.note };
      }),
    );
  }
  return byState;
}

export const presentAct = (a: DB['membership_act']) => ({
  id: a.id,
  act: a.act,
  status: a.status,
  date: a.date,
  date_precision: a.date_precision,
  organ: a.organ_id,
  meeting: a.meeting_id,
  decision: a.decision_id,
  basis: a.basis,
  origin: a.origin ?? 'reference',
  source: a.source,
  confidence: a.confidence,
  note: a.note,
});

/** Every state's membership acts, oldest first. */
export async function listActs(db: Kysely<DB>, filter: { act?: string | undefined; state?: string | undefined }) {
  let q = db.selectFrom('membership_act').selectAll();
  if (filter.act) q = q.where('act', '=', filter.act);
  if (filter.state) q = q.where('state_iso2', '=', filter.state.toUpperCase());
  return byDate(await q.orderBy('state_iso2').execute()).map((a) => ({ state: a.state_iso2, ...presentAct(a) }));
}

/** A state's membership acts in the order they apply. */
export async function actsOf(db: Kysely<DB>, iso2: string) {
  return byDate(await db.selectFrom('membership_act').selectAll().where('state_iso2', '=', iso2).execute());
}

const asPeriods = (rows: DB['status_period'][]) => rows.map((r) => ({ ...r, validFrom: r.valid_from, validTo: r.valid_to }));

/** Every state with its status on `at`; with `status`, only the states holding it. */
export async function listStates(db: Kysely<DB>, at: string, status?: string) {
  const [states, byState] = await Promise.all([db.selectFrom('state').selectAll().orderBy('name_en').execute(), periodsByState(db)]);
  return states
    .map((s) => {
      const p = periodOn(asPeriods(byState.get(s.iso2) ?? []), at);
      return { ...presentState(s), status: p ? presentPeriod(p) : null };
    })
    .filter((s) => (status ? s.status?.status === status : true));
}

/**
 * Each state's status on `at` (iso2 → status id), derived from its acts as in `listStates`, reading
 * only the acts' kind, status and date: for rules that need to know who holds what, not the
 * provenance `listStates` presents (a draft's read asks it on every request).
 */
export async function statusesOn(db: Kysely<DB>, at: string): Promise<Map<string, string>> {
  const acts = await db.selectFrom('membership_act').select(['state_iso2', 'act', 'status', 'date']).execute();
  const actsByState = new Map<string, typeof acts>();
  for (const a of acts) actsByState.set(a.state_iso2, [...(actsByState.get(a.state_iso2) ?? []), a]);
  const statuses = new Map<string, string>();
  for (const [state, stateActs] of actsByState) {
    const p = periodOn(derivePeriods(stateActs), at);
    if (p) statuses.set(state, p.status);
  }
  return statuses;
}

/** Members on a date (the states that take part in decisions and the rotation). */
export async function statesWithStatusOn(db: Kysely<DB>, at: string) {
  return (await listStates(db, at)).filter((s) => s.status !== null);
}

export async function getState(db: Kysely<DB>, iso2: string, at: string) {
  const s = await db.selectFrom('state').selectAll().where('iso2', '=', iso2).executeTakeFirst();
  if (!s) return undefined;
  const periods = (await periodsByState(db, iso2)).get(iso2) ?? [];
  const acts = await actsOf(db, iso2);
  const chairs = await db.selectFrom('chairmanship').selectAll().where('state_iso2', '=', iso2).orderBy('valid_from').execute();
  const hosted = await db.selectFrom('meeting').select(['id', 'organ_id', 'start_date', 'city']).where('host_iso2', '=', iso2).orderBy('start_date').execute();
  const current = periodOn(asPeriods(periods), at);
  return {
    ...presentState(s),
    status: current ? presentPeriod(current) : null,
    history: periods.map(presentPeriod),
    acts: acts.map(presentAct),
    chairmanships: chairs.map((c) => ({ valid_from: c.valid_from, valid_to: c.valid_to, summit: c.summit_id })),
    hosted_meetings: hosted.map((m) => ({ id: m.id, organ: m.organ_id, start_date: m.start_date, city: m.city })),
  };
}

/**
 * How many states held each status on 30 June of every year from the organisation's founding
 * year to `at`'s year (and on `at` itself as the last point): the SCO family over time.
 */
export async function statusCountsByYear(db: Kysely<DB>, founded: string, at: string): Promise<{ date: string; counts: Record<string, number> }[]> {
  const byState = [...(await periodsByState(db)).values()].map(asPeriods);
  const dates: string[] = [];
  for (let y = Number(founded.slice(0, 4)); y <= Number(at.slice(0, 4)); y++) {
    const mid = `${y}-06-30`;
    if (mid >= founded && mid < at) dates.push(mid);
  }
  dates.push(at);
  return dates.map((date) => {
    const counts: Record<string, number> = {};
    for (const periods of byState) {
      const p = periodOn(periods, date);
      if (p) counts[p.status] = (counts[p.status] ?? 0) + 1;
    }
    return { date, counts };
  });
}
