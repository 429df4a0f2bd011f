import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addMonths, dormancy, type Rhythm } from './dormancy.ts';

const annual: Rhythm = { rhythm: 'annual', intervalMonths: 12, graceDays: 90, countedFrom: '2003-09-19' };

test('table: due dates and standing', () => {
  const cases: [Rhythm, string[], string, string, string | null][] = [
    [annual, ['2024-07-04'], '2025-06-01', 'active', '2025-10-02'],
    [annual, ['2024-07-04'], '2025-10-03', 'dormant', '2025-10-02'],
    [annual, [], '2026-01-01', 'dormant', '2004-12-18'],
    [{ ...annual, intervalMonths: 4, graceDays: 30, rhythm: 'thrice_yearly' }, ['2025-01-31'], '2025-06-30', 'active', '2025-06-30'],
    [{ ...annual, intervalMonths: null, rhythm: 'as_needed' }, ['2019-12-01'], '2026-01-01', 'not_mandated', null],
    // A meeting scheduled in the future does not count yet.
    [annual, ['2024-07-04', '2026-07-01'], '2025-10-03', 'dormant', '2025-10-02'],
  ];
  for (const [r, meetings, today, status, due] of cases) {
    const d = dormancy(r, meetings, today);
    assert.deepEqual([d.status, d.due], [status, due], `${r.rhythm} ${meetings} ${today}`);
  }
  assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(addMonths('2023-11-15', 14), '2025-01-15');
});

test('property: a meeting on the day keeps any mandated organ active', () => {
  const day = fc.date({ min: new Date('2004-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  fc.assert(fc.property(day, fc.integer({ min: 1, max: 24 }), fc.nat(120), (today, months, grace) => {
    assert.equal(dormancy({ rhythm: 'x', intervalMonths: months, graceDays: grace, countedFrom: '2003-01-01' }, [today], today).status, 'active');
  }));
});
