import { test } from 'node:test';
import assert from 'node:assert/strict';
import { corridorTimeline, corridorTimes, crossingsAlong, routeProblems, type RoutePlace, type RouteSegment } from './corridor-times.ts';

// A made-up route A → X (border of P and Q) → B → Y (border of Q and R) → C.
const places = new Map<string, RoutePlace>([
  ['a', { id: 'a', kind: 'city', states: ['P'] }],
  ['x', { id: 'x', kind: 'border_crossing', states: ['Q', 'P'] }],
  ['b', { id: 'b', kind: 'city', states: ['Q'] }],
  ['y', { id: 'y', kind: 'border_crossing', states: ['Q', 'R'] }],
  ['c', { id: 'c', kind: 'port', states: ['R'] }],
]);
const segments: RouteSegment[] = [
  { seq: 1, from_place: 'a', to_place: 'x', transit_hours: 10 },
  { seq: 2, from_place: 'x', to_place: 'b', transit_hours: 5 },
  { seq: 3, from_place: 'b', to_place: 'y', transit_hours: 7 },
  { seq: 4, from_place: 'y', to_place: 'c', transit_hours: 3 },
];
const reports = [
  { place_id: 'x', state_iso2: 'P', observed_on: '2024-03-31', hours: 6 },
  { place_id: 'x', state_iso2: 'Q', observed_on: '2024-03-31', hours: 12 },
  { place_id: 'y', state_iso2: 'Q', observed_on: '2024-03-31', hours: 4 },
  { place_id: 'y', state_iso2: 'R', observed_on: '2024-06-30', hours: 20 },
  { place_id: 'x', state_iso2: 'Q', observed_on: '2024-06-30', hours: 2 },
];

test('routeProblems accepts a connected route and names each break, gap and loop', () => {
  assert.deepEqual(routeProblems(segments), []);
  assert.deepEqual(routeProblems([segments[0]!, { ...segments[2]!, seq: 2 }]), ['segment 2: starts at "b", but segment 1 ends at "x"']);
  assert.deepEqual(routeProblems([segments[0]!, { ...segments[1]!, seq: 3 }]), ['segment 3: segments are numbered 1, 2, 3… without gaps (expected 2)']);
  assert.deepEqual(routeProblems([{ seq: 1, from_place: 'a', to_place: 'a', transit_hours: null }]), ['segment 1: starts and ends at "a"']);
});

test('crossings are listed once, in order of travel', () => {
  assert.deepEqual(crossingsAlong([...segments].reverse(), places), ['x', 'y']);
});

test('before every side has reported, a crossing has no time and the total is null with what is missing', () => {
  const t = corridorTimes(segments, places, reports, '2024-03-31');
  assert.deepEqual(t.crossings.map((c) => [c.place, c.hours]), [['x', 18], ['y', null]]);
  assert.deepEqual(t.slowest, { place: 'x', hours: 18 });
  assert.equal(t.end_to_end.hours, null);
  assert.equal(t.end_to_end.known_hours, 10 + 5 + 7 + 3 + 18 + 4);
  assert.deepEqual(t.end_to_end.missing, ['crossing y: R has not reported']);
});

test('the latest report on or before the date counts; the slowest crossing moves with the reports', () => {
  const t = corridorTimes(segments, places, reports, '2024-07-15');
  assert.deepEqual(t.crossings.map((c) => [c.place, c.hours]), [['x', 6 + 2], ['y', 4 + 20]]);
  assert.deepEqual(t.slowest, { place: 'y', hours: 24 });
  assert.equal(t.end_to_end.hours, 25 + 8 + 24);
  assert.deepEqual(corridorTimes(segments, places, reports, '2024-01-01').crossings.map((c) => c.hours), [null, null]);
});

test('a segment without a transit time leaves the total unknown, naming the segment', () => {
  const t = corridorTimes([{ ...segments[0]!, transit_hours: null }, ...segments.slice(1)], places, reports, '2024-07-15');
  assert.equal(t.end_to_end.hours, null);
  assert.deepEqual(t.end_to_end.missing, ['segment 1 (a → x): transit time not reported']);
});

test('the timeline has one point per reported date, and ignores crossings off the route', () => {
  const line = corridorTimeline(segments, places, [...reports, { place_id: 'elsewhere', state_iso2: 'P', observed_on: '2023-01-01', hours: 99 }]);
  assert.deepEqual(line.map((p) => [p.at, p.end_to_end.hours, p.slowest?.place]), [['2024-03-31', null, 'x'], ['2024-06-30', 57, 'y']]);
});

test('a corridor without segments has no end-to-end time (null, not 0), and says why', () => {
  const t = corridorTimes([], new Map(), [], '2025-06-30');
  assert.equal(t.end_to_end.hours, null);
  assert.deepEqual(t.end_to_end.missing, ['no segments recorded']);
  assert.equal(t.slowest, null);
});
