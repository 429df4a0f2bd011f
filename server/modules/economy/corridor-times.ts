/**
 * Corridor times (pure): the border crossings along a corridor, each crossing's time on a date from
 * the states' reports, the slowest crossing, and the end-to-end time.
 *
 * Each state reports the hours goods take to clear ITS side of a crossing; a crossing's time is the
 * sum over the states it joins, known only when every one of them has reported (the latest report
 * on or before the date counts). The end-to-end time adds the segments' transit times and the
 * crossings' times; when any part is not reported the total is null and `missing` names the parts,
 * while `known_hours` sums what is known (a lower bound, never presented as the total).
 */

export interface RoutePlace {
  id: string;
  kind: string;
  states: string[];
}
export interface RouteSegment {
  seq: number;
  from_place: string;
  to_place: string;
  transit_hours: number | null;
}
export interface CrossingReport {
  place_id: string;
  state_iso2: string;
  observed_on: string;
  hours: number;
}

export interface CrossingTime {
  place: string;
  sides: { state: string; hours: number | null; observed_on: string | null }[];
  /** Sum over the sides; null until every side has reported. */
  hours: number | null;
}

export interface CorridorTimes {
  at: string;
  crossings: CrossingTime[];
  slowest: { place: string; hours: number } | null;
  end_to_end: { hours: number | null; known_hours: number; missing: string[] };
}

/** Why the segments do not form one ordered route (each leg starts where the previous ended), or []. */
export function routeProblems(segments: RouteSegment[]): string[] {
  const sorted = [...segments].sort((a, b) => a.seq - b.seq);
  const problems: string[] = [];
  sorted.forEach((s, i) => {
    if (s.seq !== i + 1) problems.push(`segment ${s.seq}: segments are numbered 1, 2, 3… without gaps (expected ${i + 1})`);
    const prev = sorted[i - 1];
    if (prev && prev.to_place !== s.from_place) problems.push(`segment ${s.seq}: starts at "${s.from_place}", but segment ${prev.seq} ends at "${prev.to_place}"`);
    if (s.from_place === s.to_place) problems.push(`segment ${s.seq}: starts and ends at "${s.from_place}"`);
  });
  return problems;
}

/** The border crossings along the route, in order of travel, each once. */
export function crossingsAlong(segments: RouteSegment[], places: Map<string, RoutePlace>): string[] {
  const out: string[] = [];
  for (const s of [...segments].sort((a, b) => a.seq - b.seq)) {
    for (const id of [s.from_place, s.to_place]) if (places.get(id)?.kind === 'border_crossing' && !out.includes(id)) out.push(id);
  }
  return out;
}

/** The latest report per (place, state) on or before `at`. */
function latest(reports: CrossingReport[], at: string) {
  const best = new Map<string, CrossingReport>();
  for (const r of reports) {
    if (r.observed_on > at) continue;
    const key = `${r.place_id}|${r.state_iso2}`;
    const old = best.get(key);
    if (!old || r.observed_on > old.observed_on) best.set(key, r);
  }
  return best;
}

export function corridorTimes(segments: RouteSegment[], places: Map<string, RoutePlace>, reports: CrossingReport[], at: string): CorridorTimes {
  const best = latest(reports, at);
  // A corridor with no recorded segment (CAREC: a programme of six corridors) has no route to time.
  const missing: string[] = segments.length ? [] : ['no segments recorded'];
  let known = 0;
  for (const s of [...segments].sort((a, b) => a.seq - b.seq)) {
    if (s.transit_hours === null) missing.push(`segment ${s.seq} (${s.from_place} → ${s.to_place}): transit time not reported`);
    else known += s.transit_hours;
  }
  const crossings: CrossingTime[] = crossingsAlong(segments, places).map((id) => {
    const sides = [...places.get(id)!.states].sort().map((state) => {
      const r = best.get(`${id}|${state}`);
      return { state, hours: r?.hours ?? null, observed_on: r?.observed_on ?? null };
    });
    for (const side of sides) {
      if (side.hours === null) missing.push(`crossing ${id}: ${side.state} has not reported`);
      else known += side.hours;
    }
    const complete = sides.length > 0 && sides.every((x) => x.hours !== null);
    return { place: id, sides, hours: complete ? sides.reduce((sum, x) => sum + x.hours!, 0) : null };
  });
  let slowest: CorridorTimes['slowest'] = null;
  for (const c of crossings) if (c.hours !== null && (slowest === null || c.hours > slowest.hours)) slowest = { place: c.place, hours: c.hours };
  return { at, crossings, slowest, end_to_end: { hours: missing.length ? null : known, known_hours: known, missing } };
}

/** The corridor's times on each date a report about one of its crossings describes, oldest first. */
export function corridorTimeline(segments: RouteSegment[], places: Map<string, RoutePlace>, reports: CrossingReport[]): CorridorTimes[] {
  const along = new Set(crossingsAlong(segments, places));
  const dates = [...new Set(reports.filter((r) => along.has(r.place_id)).map((r) => r.observed_on))].sort();
  return dates.map((d) => corridorTimes(segments, places, reports, d));
}
