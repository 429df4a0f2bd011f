import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { overlaps, periodOn, type Period } from './status-on-date.ts';

const india: Period[] = [
  { status: 'observer', validFrom: '2005-07-05', validTo: '2017-06-09' },
  { status: 'member', validFrom: '2017-06-09', validTo: null },
];

test('status on a date follows half-open periods', () => {
  const cases: [string, string | undefined][] = [
    ['2005-07-04', undefined],
    ['2005-07-05', 'observer'],
    ['2017-06-08', 'observer'],
    ['2017-06-09', 'member'],
    ['2030-01-01', 'member'],
  ];
  for (const [date, expected] of cases) assert.equal(periodOn(india, date)?.status, expected, date);
});

test('overlapping periods are reported, adjacent ones are not', () => {
  assert.deepEqual(overlaps(india), []);
  const bad: Period[] = [
    { status: 'observer', validFrom: '2005-07-05', validTo: '2017-06-10' },
    { status: 'member', validFrom: '2017-06-09', validTo: null },
  ];
  assert.equal(overlaps(bad).length, 1);
  assert.equal(overlaps([{ status: 'a', validFrom: '2001-01-01', validTo: null }, { status: 'b', validFrom: '2002-01-01', validTo: null }]).length, 1);
});

const day = fc.integer({ min: 0, max: 20_000 }).map((n) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));

test('property: a history without overlaps gives exactly one status on any date inside a period', () => {
  const history = fc
    .uniqueArray(day, { minLength: 2, maxLength: 8 })
    .map((dates) => dates.sort())
    .map((dates) => dates.slice(0, -1).map((from, i) => ({ status: `s${i}`, validFrom: from, validTo: dates[i + 1]! })));
  fc.assert(
    fc.property(history, day, (periods, date) => {
      assert.deepEqual(overlaps(periods), []);
      const holding = periods.filter((p) => p.validFrom <= date && (p.validTo === null || date < p.validTo));
      assert.ok(holding.length <= 1);
      assert.equal(periodOn(periods, date), holding[0]);
    }),
  );
});

test('property: any two periods sharing a day are reported as overlapping', () => {
  const period = fc.tuple(day, day).filter(([a, b]) => a < b).map(([a, b]) => ({ status: 'x', validFrom: a, validTo: b }));
  fc.assert(
    fc.property(period, period, (p, q) => {
      const share = p.validFrom < q.validTo && q.validFrom < p.validTo;
      assert.equal(overlaps([p, q]).length > 0, share);
    }),
  );
});
