import { test } from 'node:test';
import assert from 'node:assert/strict';
import { procedure, statusOrder, tickProblem, transitionProblem } from './incident-procedure.ts';

const p = procedure();

test('the procedure is data with every status and step in en, ru and zh', () => {
  assert.deepEqual(statusOrder(p), ['reported', 'triaged', 'contained', 'recovered', 'closed']);
  for (const x of [...p.statuses.map((s) => s.label), ...p.steps.map((s) => s.title)]) {
    for (const lang of ['en', 'ru', 'zh'] as const) assert.ok(x[lang]?.length, JSON.stringify(x));
    assert.match(x.ru, /[а-яё]/i);
    assert.match(x.zh, /[\u4e00-\u9fff]/);
  }
  for (const s of p.steps) assert.ok(statusOrder(p).includes(s.status), s.id);
});

test("handling moves one status forward, once the current status's steps are done", () => {
  const reported = p.steps.filter((s) => s.status === 'reported').map((s) => s.id);
  assert.match(transitionProblem(p, 'reported', 'triaged', [])!, /not done: record-report, preserve-evidence/);
  assert.equal(transitionProblem(p, 'reported', 'triaged', reported), undefined);
  assert.match(transitionProblem(p, 'reported', 'contained', reported)!, /moves next to triaged/);
  assert.match(transitionProblem(p, 'triaged', 'reported', reported)!, /moves next to contained/);
  assert.match(transitionProblem(p, 'closed', 'reported', [])!, /it is closed/);
  assert.match(transitionProblem(p, 'reported', 'solved', [])!, /unknown status/);
});

test("a step is ticked during its status or before, never after the incident left it", () => {
  assert.equal(tickProblem(p, 'reported', 'isolate-systems'), undefined);
  assert.equal(tickProblem(p, 'contained', 'isolate-systems'), undefined);
  assert.match(tickProblem(p, 'recovered', 'isolate-systems')!, /has left/);
  assert.match(tickProblem(p, 'reported', 'pray')!, /unknown step/);
});
