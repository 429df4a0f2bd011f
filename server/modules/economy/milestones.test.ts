import { test } from 'node:test';
import assert from 'node:assert/strict';
import { milestoneDelay, projectSlip } from './milestones.ts';

test('a reached milestone is late or early by the days between its dates', () => {
  assert.deepEqual(milestoneDelay({ planned_on: '2024-01-31', actual_on: '2024-03-01' }, '2025-01-01'), { delay_days: 30, state: 'reached' });
  assert.deepEqual(milestoneDelay({ planned_on: '2024-03-01', actual_on: '2024-02-20' }, '2025-01-01'), { delay_days: -10, state: 'reached' });
});

test('an unreached milestone is overdue after its date, pending until then', () => {
  assert.deepEqual(milestoneDelay({ planned_on: '2024-12-01', actual_on: null }, '2024-12-11'), { delay_days: 10, state: 'overdue' });
  assert.deepEqual(milestoneDelay({ planned_on: '2024-12-01', actual_on: null }, '2024-12-01'), { delay_days: 0, state: 'pending' });
  assert.deepEqual(milestoneDelay({ planned_on: '2024-12-01', actual_on: null }, '2024-11-01'), { delay_days: 0, state: 'pending' });
});

test('the project slips by its most delayed milestone; none without milestones', () => {
  assert.equal(projectSlip([], '2024-01-01'), null);
  assert.equal(projectSlip([{ planned_on: '2024-01-31', actual_on: '2024-03-01' }, { planned_on: '2024-06-01', actual_on: null }], '2024-06-11'), 30);
  assert.equal(projectSlip([{ planned_on: '2024-03-01', actual_on: '2024-02-20' }], '2024-06-11'), -10);
});
