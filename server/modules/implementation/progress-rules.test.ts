import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computePlan, implementationRate, leafStatus, type MeasureInput, type ReportInput } from './progress-rules.ts';

const measure = (over: Partial<MeasureInput> = {}): MeasureInput => ({
  id: 'm1', parent: null, weight: 1, start: '2023-01-01', deadline: '2025-12-31', dropped: false, responsible: ['KZ', 'UZ'], indicator: { baseline: 0, target: 100 }, ...over,
});
const report = (over: Partial<ReportInput> = {}): ReportInput => ({ measure: 'm1', state: 'KZ', value: 50, claim: 'in_progress', date: '2024-06-01', returned: false, ...over });

test('leaf status: table of cases', () => {
  const cases: [string, MeasureInput, ReportInput[], string, string, number][] = [
    ['no report yet', measure(), [], '2023-03-01', 'not_started', 0],
    ['no report by the deadline is overdue by rule', measure(), [], '2026-01-01', 'overdue', 0],
    ['half way on time for both', measure(), [report(), report({ state: 'UZ' })], '2024-06-01', 'on_track', 0.5],
    ['one state silent drags the mean and lags time', measure(), [report()], '2025-06-01', 'at_risk', 0.25],
    ['a report claiming risk', measure(), [report({ claim: 'at_risk' }), report({ state: 'UZ' })], '2024-06-01', 'at_risk', 0.5],
    ['both report the target', measure(), [report({ value: 100 }), report({ state: 'UZ', value: 120 })], '2026-06-01', 'done', 1],
    ['a returned report does not count', measure(), [report({ value: 100, returned: true }), report({ state: 'UZ', value: 100 })], '2024-06-01', 'on_track', 0.5],
    ['a report by a state not responsible does not count', measure(), [report({ state: 'RU', value: 100 })], '2024-06-01', 'not_started', 0],
    ['dropped', measure({ dropped: true }), [], '2026-01-01', 'dropped', 0],
    ['no indicator: only a done claim moves it', measure({ indicator: null }), [report({ claim: 'done' }), report({ state: 'UZ', value: 70 })], '2024-06-01', 'on_track', 0.5],
  ];
  for (const [name, m, rs, today, status, progress] of cases) {
    const c = leafStatus(m, rs, today);
    assert.equal(c.status, status, name);
    assert.equal(c.progress, progress, name);
  }
});

test('roll-up: a parent is the weighted mean of its children; statuses combine', () => {
  const measures = [
    measure({ id: 'p', indicator: null }),
    measure({ id: 'a', parent: 'p', weight: 3 }),
    measure({ id: 'b', parent: 'p', weight: 1 }),
    measure({ id: 'c', parent: 'p', weight: 5, dropped: true }),
  ];
  const reports = [report({ measure: 'a', value: 100 }), report({ measure: 'a', state: 'UZ', value: 100 }), report({ measure: 'b' }), report({ measure: 'b', state: 'UZ' })];
  const plan = computePlan(measures, reports, '2024-06-01');
  assert.deepEqual(plan.get('a'), { progress: 1, status: 'done' });
  assert.equal(plan.get('p')!.progress, (3 * 1 + 1 * 0.5) / 4, 'the dropped child is left out');
  assert.equal(plan.get('p')!.status, 'on_track');
  assert.equal(implementationRate(measures.slice(1), reports, '2024-06-01'), 0.875);
  assert.equal(implementationRate(measures.slice(1), [report({ measure: 'a', value: 100 })], '2024-06-01', 'KZ'), 0.75);
});

const day = fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const states = ['KZ', 'UZ', 'RU'];
const reportArb = (ids: string[]) => fc.record({ measure: fc.constantFrom(...ids), state: fc.constantFrom(...states), value: fc.option(fc.integer({ min: -20, max: 150 }), { nil: null }), claim: fc.constantFrom('in_progress' as const, 'at_risk' as const, 'done' as const), date: day, returned: fc.boolean() });

test('property: a parent\'s progress is always within its children\'s min and max', () => {
  const ids = ['a', 'b', 'c', 'd'];
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 4, maxLength: 4 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.array(reportArb(ids), { maxLength: 30 }), day, (weights, dropped, reports, today) => {
      const measures = [measure({ id: 'p', indicator: null }), ...ids.map((id, i) => measure({ id, parent: 'p', weight: weights[i]!, dropped: dropped[i]!, responsible: states.slice(0, 1 + (i % 3)) }))];
      const plan = computePlan(measures, reports, today);
      const live = ids.filter((_, i) => !dropped[i]).map((id) => plan.get(id)!.progress);
      if (live.length === 0) return;
      const p = plan.get('p')!.progress;
      assert.ok(p >= Math.min(...live) - 1e-9 && p <= Math.max(...live) + 1e-9, `${p} not within ${live}`);
    }),
  );
});

test('property: a report that does not lower a state\'s progress never makes a measure overdue', () => {
  fc.assert(
    fc.property(fc.array(reportArb(['m1']), { maxLength: 10 }), reportArb(['m1']), day, (reports, extra, today) => {
      const m = measure({ responsible: states });
      const before = leafStatus(m, reports, today);
      const added = { ...extra, date: reports.reduce((d, r) => (r.date > d ? r.date : d), extra.date) };
      const after = leafStatus(m, [...reports, added], today);
      if (after.progress >= before.progress && before.status !== 'overdue') assert.notEqual(after.status, 'overdue');
    }),
  );
});

test('property: progress is always between 0 and 1', () => {
  fc.assert(
    fc.property(fc.array(reportArb(['m1']), { maxLength: 20 }), day, (reports, today) => {
      const c = leafStatus(measure({ responsible: states }), reports, today);
      assert.ok(c.progress >= 0 && c.progress <= 1);
    }),
  );
});
