import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJson, useTestApp } from '../../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../../testing/test-users.ts';

const MEMBERS = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const as = new Map<string, SignedIn>();
const { app } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'officer@example.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'nc-kz@example.org', [{ role: 'national_coordinator', state: 'KZ' }]);
  for (const s of MEMBERS) await userWithRoles(db, `${s}@example.org`, [{ role: 'delegate', state: s, organ: 'CHS' }]);
  for (const who of ['officer', 'nc-kz', ...MEMBERS]) as.set(who, await signInAs(server, `${who}@example.org`));
});
const call = async (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
  const res = await app().inject({ method, url, payload, headers: who ? as.get(who)!.headers(method !== 'GET') : {} });
  return { status: res.statusCode, body: res.body ? res.json() : null };
};
const ANNEX = {
  pillar: 'security',
  commitments: [
    { paragraph: 'para_1', what: 'Hold a joint cyber exercise', states: ['KZ', 'CN'], organs: ['RATS'], deadline: '2020-12-31', indicator: 'exercises held' },
    { paragraph: 'para_2', what: 'Exchange information on threats', states: ['RU'] },
    { paragraph: 'para_3', what: 'Consider a centre', deadline: '2099-01-01' },
  ],
};

test('a draft whose annex carries commitments: on adoption they become measures linked to their paragraphs, and the register counts them', async () => {
  const draft = await call('officer', 'POST', '/api/v1/drafts', { organ: 'CHS', kind: 'decision', title: 'Decision on cyber exercises', text_en: '1. The member states shall hold a joint cyber exercise. 2. … 3. …' });
  const id = draft.body.id;
  assert.equal((await call('officer', 'PUT', `/api/v1/drafts/${id}/annex`, ANNEX)).status, 200);
  assert.equal((await call('KZ', 'PUT', `/api/v1/drafts/${id}/annex`, ANNEX)).status, 403, 'a delegate does not edit a draft the Secretariat tabled');
  assert.equal((await call(null, 'GET', `/api/v1/drafts/${id}/annex`)).status, 404, 'a draft is hidden from the public');
  assert.equal((await call('CN', 'GET', `/api/v1/drafts/${id}/annex`)).body.commitments.length, 3);
  assert.equal((await call('officer', 'POST', `/api/v1/drafts/${id}/procedure`, {})).status, 201);
  for (const s of MEMBERS) assert.equal((await call(s, 'POST', `/api/v1/drafts/${id}/positions`, { state: s, position: 'support' })).status, 201);
  const decision = await call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'adopted' });
  assert.equal(decision.status, 201, JSON.stringify(decision.body));
  const plan = await getJson(app(), `/api/v1/plans/${decision.body.commitments_plan}`);
  assert.deepEqual(plan.measures.map((m: { code: string }) => m.code), ['para_1', 'para_2', 'para_3']);
  assert.deepEqual(plan.measures[0].responsible_states, ['KZ', 'CN']);
  const register = await getJson(app(), `/api/v1/commitments?per_page=200`);
  const mine = register.items.filter((r: { plan: string }) => r.plan === decision.body.commitments_plan);
  assert.deepEqual(mine.map((r: { paragraph: string; flags: string[] }) => [r.paragraph, r.flags]), [['para_1', ['overdue']], ['para_2', ['no_deadline']], ['para_3', ['no_owner']]]);
  assert.equal((await getJson(app(), `/api/v1/commitments?state=KZ`)).total, 1);
  assert.equal((await getJson(app(), `/api/v1/commitments?organ=RATS`)).total, 1);
  assert.equal((await getJson(app(), `/api/v1/commitments?flag=overdue&document=${mine[0].document}`)).total, 1);
  assert.equal((await call('officer', 'PUT', `/api/v1/drafts/${id}/annex`, ANNEX)).status, 403, 'an adopted draft\'s annex is fixed');
});

test('the Secretariat marks commitments in a document adopted earlier; bad ones are named', async () => {
  const key = 'convention-2017-06-09-convention-countering-extremism';
  const marked = await call('officer', 'POST', `/api/v1/documents/${key}/commitments`, { pillar: 'security', commitments: [{ paragraph: 'art_4__para_1', what: 'Designate competent authorities', states: ['RU'] }] });
  assert.equal(marked.status, 201, JSON.stringify(marked.body));
  assert.equal((await call('officer', 'POST', `/api/v1/documents/${key}/commitments`, { pillar: 'security', commitments: [{ paragraph: 'art_4__para_1', what: 'again' }] })).status, 409);
  assert.equal((await getJson(app(), `/api/v1/commitments?document=${key}`)).items[0].paragraph, 'art_4__para_1');
  const bad = await call('officer', 'POST', `/api/v1/documents/${key}/commitments`, { pillar: 'security', commitments: [{ paragraph: 'art_5', what: 'x', states: ['XX'] }] });
  assert.equal(bad.body.errors[0].field, 'commitments.0.states.0');
  assert.equal((await call('officer', 'POST', `/api/v1/documents/${key}/commitments`, { pillar: 'security', commitments: [{ paragraph: 'Article 5', what: 'x' }] })).status, 400);
  assert.equal((await call('nc-kz', 'POST', `/api/v1/documents/${key}/commitments`, { pillar: 'security', commitments: [] })).status, 403);
});
