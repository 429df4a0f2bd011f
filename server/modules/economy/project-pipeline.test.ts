import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { creditorConcentration, delayDays, disbursementByCurrency, PROJECT_STAGES, STAGE_RULES, transitionProblem, type ProjectStage } from './project-pipeline.ts';

test('stage transitions (table)', () => {
  const cases: [ProjectStage, ProjectStage, boolean, boolean][] = [
    ['idea', 'proposal', false, true],
    ['idea', 'financing', true, false],
    ['appraisal', 'financing', false, false],
    ['appraisal', 'financing', true, true],
    ['financing', 'implementation', true, true],
    ['implementation', 'completed', true, true],
    ['completed', 'dropped', true, false],
    ['dropped', 'idea', true, false],
    ['proposal', 'dropped', false, true],
  ];
  for (const [from, to, adopted, ok] of cases) assert.equal(transitionProblem(from, to, adopted) === undefined, ok, `${from} → ${to} (decision ${adopted})`);
});

test('property: any walk through allowed moves reaches financing only with a decision, and terminal stages end it', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PROJECT_STAGES), { maxLength: 20 }), fc.boolean(), (moves, adopted) => {
      let stage: ProjectStage = 'idea';
      for (const to of moves) {
        if (transitionProblem(stage, to, adopted) === undefined) stage = to;
      }
      if (!adopted) assert.ok(!STAGE_RULES[stage].needsDecision, stage);
      for (const to of PROJECT_STAGES) if (STAGE_RULES[stage].next.length === 0) assert.notEqual(transitionProblem(stage, to, true), undefined);
    }),
  );
});

test('disbursement ratio per currency, never adding currencies', () => {
  const r = disbursementByCurrency(
    [{ id: 'a', amount: 100, currency: 'USD' }, { id: 'b', amount: 50, currency: 'USD' }, { id: 'c', amount: 1000, currency: 'CNY' }],
    [{ commitment: 'a', amount: 30 }, { commitment: 'b', amount: 15 }, { commitment: 'c', amount: 500 }],
  );
  assert.deepEqual(r, [{ currency: 'CNY', committed: 1000, disbursed: 500, ratio: 0.5 }, { currency: 'USD', committed: 150, disbursed: 45, ratio: 0.3 }]);
});

test('creditor concentration: one creditor is 1, n equal creditors 1/n', () => {
  assert.equal(creditorConcentration([{ creditor: 'CDB', amount: 5 }, { creditor: 'CDB', amount: 5 }]), 1);
  assert.equal(creditorConcentration([{ creditor: 'A', amount: 5 }, { creditor: 'B', amount: 5 }, { creditor: 'C', amount: 5 }, { creditor: 'D', amount: 5 }]), 0.25);
  assert.equal(creditorConcentration([]), null);
});

test('delay in days against the planned end', () => {
  assert.equal(delayDays({ stage: 'completed', planned_end: '2020-01-01', actual_end: '2020-01-31' }, '2026-01-01'), 30);
  assert.equal(delayDays({ stage: 'implementation', planned_end: '2025-12-01', actual_end: null }, '2025-12-11'), 10);
  assert.equal(delayDays({ stage: 'implementation', planned_end: '2026-12-01', actual_end: null }, '2025-12-11'), 0);
  assert.equal(delayDays({ stage: 'implementation', planned_end: null, actual_end: null }, '2025-12-11'), null);
});
