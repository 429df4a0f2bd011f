import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chairOn, nextChairs, rotationOrder, type Candidate, type Term } from './rotation.ts';

const members: Candidate[] = [
  { iso2: 'CN', name: 'Китай' }, { iso2: 'RU', name: 'Россия' }, { iso2: 'KZ', name: 'Казахстан' },
  { iso2: 'KG', name: 'Кыргызстан' }, { iso2: 'TJ', name: 'Таджикистан' }, { iso2: 'UZ', name: 'Узбекистан' },
  { iso2: 'IN', name: 'Индия' }, { iso2: 'PK', name: 'Пакистан' }, { iso2: 'IR', name: 'Иран' }, { iso2: 'BY', name: 'Беларусь' },
];

test('rotation order is the Russian alphabetical order of member names', () => {
  assert.deepEqual(rotationOrder(members, 'ru').map((c) => c.iso2), ['BY', 'IN', 'IR', 'KZ', 'CN', 'KG', 'PK', 'RU', 'TJ', 'UZ']);
});

test('the next chairs continue the rotation after the last recorded term', () => {
  const recorded: Term[] = [
    { state: 'CN', validFrom: '2024-07-04', validTo: '2025-09-01' },
    { state: 'KG', validFrom: '2025-09-01', validTo: null },
  ];
  const next = nextChairs(recorded, members, 'ru', 1, 3);
  assert.deepEqual(next.map((t) => t.state), ['PK', 'RU', 'TJ']);
  assert.equal(next[0]!.expectedFrom, '2026-09-01');
  assert.equal(next[0]!.basis, 'computed');
});

test('the chair on a date comes from the recorded terms', () => {
  const recorded: Term[] = [
    { state: 'CN', validFrom: '2024-07-04', validTo: '2025-09-01' },
    { state: 'KG', validFrom: '2025-09-01', validTo: null },
  ];
  assert.equal(chairOn(recorded, '2025-08-31')?.state, 'CN');
  assert.equal(chairOn(recorded, '2025-09-01')?.state, 'KG');
  assert.equal(chairOn(recorded, '2020-01-01'), undefined);
});

test('property: a full cycle of computed chairs visits every candidate exactly once', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: members.length - 1 }), (start) => {
      const last = rotationOrder(members, 'ru')[start]!;
      const cycle = nextChairs([{ state: last.iso2, validFrom: '2020-01-01', validTo: null }], members, 'ru', 1, members.length);
      assert.equal(new Set(cycle.map((t) => t.state)).size, members.length);
      assert.equal(cycle.at(-1)!.state, last.iso2);
    }),
  );
});
