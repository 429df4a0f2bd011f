import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';
import { DEMO_PLAN, seedDemo } from './demo-data.ts';

const { app } = useTestApp(async (_app, { db }) => {
  await seedDemo(db, 'test');
});

test("a plan's progress is one figure: the plan list, the plan's page and the rates by plan agree", async () => {
  const list = await getJson<{ items: { id: string; progress: number | null }[] }>(app(), '/api/v1/plans');
  const plan = await getJson<{ progress: number | null }>(app(), `/api/v1/plans/${DEMO_PLAN}`);
  const rates = await getJson<{ items: { key: string; rate: number | null }[] }>(app(), '/api/v1/implementation/rates?by=plan');
  const listed = list.items.find((p) => p.id === DEMO_PLAN)!.progress;
  const rated = rates.items.find((r) => r.key === DEMO_PLAN)!.rate;
  assert.ok(listed !== null && listed > 0 && listed < 1, `the demo plan is part-way (${listed})`);
  assert.equal(plan.progress, listed);
  assert.equal(rated, listed);
});
