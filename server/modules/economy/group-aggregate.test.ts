import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { aggregate, shareOfWorld, type Aggregation } from './group-aggregate.ts';

const m = (o: Record<string, number>) => new Map(Object.entries(o));

test('each rule forms the group value from its states (table)', () => {
  const cases: { rule: Aggregation; states: string[]; inputs: Parameters<typeof aggregate>[2]; value: number | null; missing: string[] }[] = [
    { rule: { kind: 'sum' }, states: ['CN', 'RU'], inputs: { value: m({ CN: 10, RU: 2, IN: 5 }) }, value: 12, missing: [] },
    { rule: { kind: 'sum' }, states: ['CN', 'RU', 'IN'], inputs: { value: m({ CN: 10, RU: 2 }) }, value: null, missing: ['IN'] },
    { rule: { kind: 'ratio' }, states: ['CN', 'RU'], inputs: { numerator: m({ CN: 100, RU: 20 }), denominator: m({ CN: 10, RU: 2 }) }, value: 10, missing: [] },
    { rule: { kind: 'ratio' }, states: ['CN', 'RU'], inputs: { numerator: m({ CN: 100, RU: 20 }), denominator: m({ CN: 10 }) }, value: null, missing: ['RU'] },
    { rule: { kind: 'weighted_mean' }, states: ['CN', 'RU'], inputs: { value: m({ CN: 5, RU: 2 }), weight: m({ CN: 3, RU: 1 }) }, value: 4.25, missing: [] },
    { rule: { kind: 'none' }, states: ['CN'], inputs: { value: m({ CN: 5 }) }, value: null, missing: [] },
    { rule: { kind: 'sum' }, states: [], inputs: { value: m({ CN: 5 }) }, value: 0, missing: [] },
  ];
  for (const c of cases) {
    const r = aggregate(c.rule, c.states, c.inputs);
    assert.equal(r.value, c.value, JSON.stringify(c));
    assert.deepEqual(r.missing, c.missing);
  }
});

test('a partial group is never given as complete; its partial value sums the reporting states', () => {
  const r = aggregate({ kind: 'sum' }, ['KZ', 'CN', 'RU'], { value: m({ CN: 10, RU: 2 }) });
  assert.deepEqual(r, { value: null, complete: false, reported: ['CN', 'RU'], missing: ['KZ'], partial_value: 12 });
});

test('property: a sum splits over any partition of the group, and missing + reported = the group', () => {
  const states = fc.uniqueArray(fc.constantFrom('CN', 'RU', 'KZ', 'KG', 'TJ', 'UZ', 'IN', 'PK', 'IR', 'BY'), { minLength: 1 });
  fc.assert(
    fc.property(states, fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 10, maxLength: 10 }), fc.integer({ min: 0, max: 9 }), (group, values, cut) => {
      const value = new Map(group.map((s, i) => [s, values[i]!]));
      const whole = aggregate({ kind: 'sum' }, group, { value });
      const a = aggregate({ kind: 'sum' }, group.slice(0, cut), { value });
      const b = aggregate({ kind: 'sum' }, group.slice(cut), { value });
      assert.equal(whole.value, a.value! + b.value!);
      const someMissing = new Map([...value].slice(1));
      const partial = aggregate({ kind: 'sum' }, group, { value: someMissing });
      assert.deepEqual([...partial.missing, ...partial.reported].sort(), [...group].sort());
      assert.equal(partial.complete, group.length === someMissing.size);
    }),
  );
});

test('property: a weighted mean lies between the smallest and largest value', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 10 }), (pairs) => {
      const states = pairs.map((_, i) => `S${i}`);
      const r = aggregate({ kind: 'weighted_mean' }, states, { value: new Map(states.map((s, i) => [s, pairs[i]![0]])), weight: new Map(states.map((s, i) => [s, pairs[i]![1]])) });
      const vs = pairs.map((p) => p[0]);
      assert.ok(r.value! >= Math.min(...vs) - 1e-9 && r.value! <= Math.max(...vs) + 1e-9);
    }),
  );
});

test('shares of the world exist for additive indicators only', () => {
  assert.equal(shareOfWorld({ kind: 'sum' }, 25, 100), 0.25);
  assert.equal(shareOfWorld({ kind: 'ratio' }, 25, 100), null);
  assert.equal(shareOfWorld({ kind: 'sum' }, null, 100), null);
  assert.equal(shareOfWorld({ kind: 'sum' }, 25, undefined), null);
});
