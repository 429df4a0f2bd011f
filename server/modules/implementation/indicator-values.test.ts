/** Reported values checked against the measure's indicator (table-driven, and through the API). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { indicatorValueProblem, type IndicatorSpec } from './progress-rules.ts';

const crossings: IndicatorSpec = { unit: 'crossings', baseline: 0, target: 1 };
const share: IndicatorSpec = { unit: '%', baseline: 10, target: 50 };
const growth: IndicatorSpec = { unit: '%', baseline: 100, target: 200 };
const balance: IndicatorSpec = { unit: 'USD bn', baseline: -5, target: 5 };
const none: IndicatorSpec = { unit: null, baseline: null, target: null };

test('values an indicator cannot take are refused, with the reason', () => {
  const cases: [IndicatorSpec, number, RegExp | undefined][] = [
    [crossings, 0, undefined], [crossings, 3, undefined], [crossings, -1, /cannot be negative/],
    [share, 0, undefined], [share, 100, undefined], [share, 100.5, /between 0 and 100/], [share, -0.1, /cannot be negative/],
    [growth, 250, undefined], [balance, -3, undefined],
    [none, 1, /no indicator/], [crossings, Number.NaN, /finite/], [crossings, Infinity, /finite/],
  ];
  for (const [indicator, value, expected] of cases) {
    const problem = indicatorValueProblem(indicator, value);
    if (expected) assert.match(problem ?? '', expected, `${indicator.unit} ${value}`);
    else assert.equal(problem, undefined, `${indicator.unit} ${value}`);
  }
});

test('property: a non-negative indicator never accepts a negative value', () => {
  fc.assert(fc.property(fc.nat(), fc.nat(), fc.double({ max: -Number.MIN_VALUE, noNaN: true }), (baseline, target, value) => {
    assert.ok(indicatorValueProblem({ unit: 'events', baseline, target }, value));
  }));
});
