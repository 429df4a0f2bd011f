/**
 * Races: two requests on one subject at once. On PostgreSQL (TEST_POSTGRES_URL, the postgres
 * suite in CI) they truly overlap on separate connections; PGlite runs one at a time, so there
 * the same assertions check the sequential outcome. Every pair ends in success + 409 problem+json
 * (or two successes where both changes are legitimate), never a 500 or a duplicate.
 */
import { settleAuditLog } from '../audit/audit-chainer.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { useTestApp } from '../testing/test-app.ts';
import { signInAs, userWithRoles, type SignedIn } from '../testing/test-users.ts';
import { verifyAuditLog } from '../audit/audit-log.ts';

const PAIRS = 24;
const MEMBERS = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const as = new Map<string, SignedIn>();
const tally = { races: 0, conflicts: 0, serverErrors: 0 };

const { app, database } = useTestApp(async (server, { db }) => {
  await userWithRoles(db, 'kz@example.org', [{ role: 'competent_authority', state: 'KZ' }]);
  await userWithRoles(db, 'ru@example.org', [{ role: 'competent_authority', state: 'RU' }]);
  await userWithRoles(db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  await userWithRoles(db, 'coordinator@example.org', [{ role: 'national_coordinator', state: 'KZ' }]);
  await userWithRoles(db, 'kzdelegate@example.org', [{ role: 'delegate', state: 'KZ', organ: 'CHS' }]);
  for (const who of ['kz@example.org', 'ru@example.org', 'officer@sectsco.org', 'coordinator@example.org', 'kzdelegate@example.org']) as.set(who.split('@')[0]!, await signInAs(server, who));
});

async function call(who: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await app().inject({ method, url, headers: as.get(who)!.headers(method !== 'GET'), payload });
  return { status: res.statusCode, type: String(res.headers['content-type']), body: res.json() };
}

/** Sends both at once; counts the race and checks that a refusal is a 409 problem naming why. Answers 'ok' for a 2xx, else the status. */
async function race(a: () => ReturnType<typeof call>, b: () => ReturnType<typeof call>) {
  const results = await Promise.all([a(), b()]);
  tally.races++;
  for (const r of results) {
    if (r.status >= 500) tally.serverErrors++;
    if (r.status === 409) {
      tally.conflicts++;
      assert.match(r.type, /application\/problem\+json/);
      assert.ok(r.body.detail.length > 10, r.body.detail);
    }
  }
  return results.map((r) => (r.status >= 200 && r.status < 300 ? 'ok' : String(r.status))).sort();
}

async function kzEntries(n: number): Promise<string[]> {
  const now = new Date().toISOString();
  const rows = Array.from({ length: n }, (_, i) => {
    const id = `ne_${randomBytes(6).toString('hex')}`;
    const statements = [{ prop: 'name', value: `Subject ${id} ${i}`, lang: null }];
    return { id, state: 'KZ', schema: 'Person', caption: `Subject ${i}`, statements: JSON.stringify(statements), legal_basis: 'test', listed_on: '2024-01-01', reason: null, source_id: null, status: 'listed' as const, created_by: 'test', created_at: now, updated_at: now };
  });
  await database().db.insertInto('list_entry').values(rows).execute();
  return rows.map((r) => r.id);
}

test('one national entry proposed twice at once: one proposal, the other request 409', async () => {
  const entries = await kzEntries(PAIRS);
  const results = await Promise.all(entries.map((entry) => race(
    () => call('kz', 'POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'listing', entry, reason: 'first' }),
    () => call('kz', 'POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'listing', entry, reason: 'second' }),
  )));
  for (const statuses of results) assert.deepEqual(statuses, ['409', 'ok']);
  const held = await database().db.selectFrom('proposal_entry').select(['entry_id']).where('entry_id', 'in', entries).execute();
  assert.equal(held.length, PAIRS, 'each entry is held by exactly one proposal');
});

test('the last concurrence sent twice at once lists the entity once', async () => {
  const entries = await kzEntries(PAIRS);
  const proposals: string[] = [];
  for (const entry of entries) {
    const r = await call('kz', 'POST', '/api/v1/single-list/proposals', { state: 'KZ', kind: 'listing', entry, reason: 'listing' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    proposals.push(r.body.id);
  }
  // Every member but RU has concurred already.
  const now = new Date().toISOString();
  await database().db.insertInto('proposal_position').values(proposals.flatMap((id) => MEMBERS.filter((s) => s !== 'RU').map((state) => ({ proposal_id: id, state, position: 'concur', review_date: null, text: null, expressed_by: 'test', expressed_at: now })))).execute();
  const results = await Promise.all(proposals.map((id) => race(
    () => call('ru', 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state: 'RU', position: 'concur' }),
    () => call('ru', 'POST', `/api/v1/single-list/proposals/${id}/positions`, { state: 'RU', position: 'concur' }),
  )));
  for (const statuses of results) assert.deepEqual(statuses, ['409', 'ok']);
  const entities = await database().db.selectFrom('single_list_entity').select('listed_by_proposal').where('listed_by_proposal', 'in', proposals).execute();
  assert.equal(entities.length, PAIRS, 'one entity per adopted proposal');
  const adopted = await database().db.selectFrom('listing_proposal').select('id').where('id', 'in', proposals).where('status', '=', 'adopted').execute();
  assert.equal(adopted.length, PAIRS);
});

async function draft(title: string): Promise<string> {
  const r = await call('officer', 'POST', '/api/v1/drafts', { organ: 'CHS', kind: 'declaration', title, text_en: `${title}.` });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

test('two writers on one draft: versions both kept in turn; procedure opened and decision recorded once', async () => {
  const drafts = await Promise.all(Array.from({ length: PAIRS }, (_, i) => draft(`Race ${i}`)));
  const versions = await Promise.all(drafts.map((id) => race(
    () => call('officer', 'POST', `/api/v1/drafts/${id}/versions`, { text_en: 'First edit.' }),
    () => call('officer', 'POST', `/api/v1/drafts/${id}/versions`, { text_en: 'Second edit.' }),
  )));
  for (const statuses of versions) assert.deepEqual(statuses, ['ok', 'ok'], 'both edits are kept, one after the other');
  const current = await database().db.selectFrom('draft').select('current_version').where('id', 'in', drafts).execute();
  assert.ok(current.every((d) => d.current_version === 3));


  const amendments: string[] = [];
  for (const id of drafts) {
    const proposed = await call('kzdelegate', 'POST', `/api/v1/drafts/${id}/amendments`, { state: 'KZ', text_en: 'Amended.' });
    assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
    amendments.push(proposed.body.id);
  }
  const decided = await Promise.all(drafts.map((id, i) => race(
    () => call('officer', 'POST', `/api/v1/drafts/${id}/amendments/${amendments[i]}/decision`, { accept: true }),
    () => call('officer', 'POST', `/api/v1/drafts/${id}/amendments/${amendments[i]}/decision`, { accept: false }),
  )));
  for (const statuses of decided) assert.deepEqual(statuses, ['409', 'ok'], 'an amendment is decided once');

  const opened = await Promise.all(drafts.map((id) => race(
    () => call('officer', 'POST', `/api/v1/drafts/${id}/procedure`, {}),
    () => call('officer', 'POST', `/api/v1/drafts/${id}/procedure`, {}),
  )));
  for (const statuses of opened) assert.deepEqual(statuses, ['409', 'ok']);

  const recorded = await Promise.all(drafts.map((id) => race(
    () => call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'withdrawn' }),
    () => call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'withdrawn' }),
  )));
  for (const statuses of recorded) assert.deepEqual(statuses, ['409', 'ok']);
  const decisions = await database().db.selectFrom('decision_record').select('draft_id').where('draft_id', 'in', drafts).execute();
  assert.equal(decisions.length, PAIRS);
});

test('a position racing the opening of the procedure or the decision: stored exactly when answered 201, counted by the outcome', async () => {
  const drafts = await Promise.all(Array.from({ length: PAIRS }, (_, i) => draft(`Position race ${i}`)));
  const position = (id: string) => () => call('kzdelegate', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'KZ', position: 'support' });
  const stored = async (id: string) => Number((await database().db.selectFrom('position').innerJoin('decision_procedure', 'decision_procedure.id', 'position.procedure_id').select((eb) => eb.fn.countAll().as('n')).where('decision_procedure.draft_id', '=', id).executeTakeFirstOrThrow()).n);
  // Before the procedure: no procedure is open (403); after it: kept.
  const opening = await Promise.all(drafts.map((id) => race(() => call('officer', 'POST', `/api/v1/drafts/${id}/procedure`, {}), position(id))));
  for (const [i, statuses] of opening.entries()) {
    assert.ok(['403,ok', 'ok,ok'].includes(String(statuses)), String(statuses));
    assert.equal(await stored(drafts[i]!), statuses[0] === 'ok' ? 1 : 0);
  }
  // Before the decision: kept; after it: 409 naming the draft's new status.
  const deciding = await Promise.all(drafts.map((id) => race(() => call('officer', 'POST', `/api/v1/drafts/${id}/decision`, { outcome: 'withdrawn' }), position(id))));
  for (const [i, statuses] of deciding.entries()) {
    assert.ok(['409,ok', 'ok,ok'].includes(String(statuses)), String(statuses));
    assert.equal(await stored(drafts[i]!), (opening[i]![0] === 'ok' ? 1 : 0) + (statuses[0] === 'ok' ? 1 : 0));
  }
  const kept = (results: string[][]) => results.filter((r) => r[0] === 'ok').length;
  console.log(`positions kept racing the opening: ${kept(opening)} of ${PAIRS}; racing the decision: ${kept(deciding)} of ${PAIRS}`);
  // Positions on one draft at once: every one kept, and each answer counts every earlier one.
  const open = await draft('Many positions at once');
  assert.equal((await call('officer', 'POST', `/api/v1/drafts/${open}/procedure`, {})).status, 201);
  const answers = await Promise.all(Array.from({ length: PAIRS }, () => call('kzdelegate', 'POST', `/api/v1/drafts/${open}/positions`, { state: 'KZ', position: 'support' })));
  assert.ok(answers.every((a) => a.status === 201 && !a.body.pending.includes('KZ')), JSON.stringify(answers.find((a) => a.status !== 201)?.body));
  assert.equal(await stored(open), PAIRS);
});

test('a position waiting on a draft whose procedure is being opened sees that procedure once it commits', async (t) => {
  // A position reads the procedure in the statement that waits for the draft's lock, with the
  // snapshot from before the wait: it must read it again rather than answer "no procedure".
  if (database().kind !== 'postgres') return t.skip('one connection on PGlite: nothing waits');
  const id = await draft('Opened while a position waits');
  const officer = await database().db.selectFrom('app_user').select('id').where('email', '=', 'officer@sectsco.org').executeTakeFirstOrThrow();
  let answer: ReturnType<typeof call> | undefined;
  await database().db.transaction().execute(async (trx) => {
    await trx.selectFrom('draft').select('id').where('id', '=', id).forUpdate().execute();
    await trx.insertInto('decision_procedure').values({ id: `p_${randomBytes(6).toString('hex')}`, draft_id: id, kind: 'consensus', eligible: MEMBERS, concerned_state: null, deadline: null, opened_by: officer.id, opened_at: new Date().toISOString(), deadline_notice_at: null }).execute();
    await trx.updateTable('draft').set({ status: 'in_procedure' }).where('id', '=', id).execute();
    answer = call('kzdelegate', 'POST', `/api/v1/drafts/${id}/positions`, { state: 'KZ', position: 'support' });
    const waiting = async () => Number((await sql<{ n: string }>`select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`.execute(database().db)).rows[0]!.n);
    for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await waiting(), 1, 'the position waits for the draft');
  });
  const res = await answer!;
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.pending.includes('KZ'), false);
});

test('one plan created twice at once: one plan, the other request 409', async () => {
  const results = await Promise.all(Array.from({ length: PAIRS }, (_, i) => race(
    () => call('officer', 'POST', '/api/v1/plans', { id: `twin-${i}`, title_en: 'Twin', pillar: 'economy' }),
    () => call('officer', 'POST', '/api/v1/plans', { id: `twin-${i}`, title_en: 'Twin', pillar: 'economy' }),
  )));
  for (const statuses of results) assert.deepEqual(statuses, ['409', 'ok']);
});

test('two reports on one measure at once: both kept, numbered 1 and 2', async () => {
  assert.equal((await call('officer', 'POST', '/api/v1/plans', { id: 'race-plan', title_en: 'Race plan', pillar: 'economy' })).status, 201);
  const rows = Array.from({ length: PAIRS }, (_, i) => `${i + 1},,Measure ${i + 1},KZ,2024-01-01,2030-12-31,%,0,100,1`).join('\n');
  const csv = `code,parent_code,title,responsible_states,start_date,deadline,indicator_unit,baseline,target,weight\n${rows}\n`;
  const imported = await app().inject({ method: 'POST', url: '/api/v1/plans/race-plan/measures', headers: { ...as.get('officer')!.headers(true), 'content-type': 'text/csv' }, payload: csv });
  assert.equal(imported.statusCode, 200, imported.body);
  const measures = await database().db.selectFrom('measure').select('id').where('plan_id', '=', 'race-plan').execute();
  const results = await Promise.all(measures.map((m) => race(
    () => call('coordinator', 'POST', `/api/v1/plans/race-plan/measures/${m.id}/reports`, { state: 'KZ', value: 10, claim: 'in_progress' }),
    () => call('coordinator', 'POST', `/api/v1/plans/race-plan/measures/${m.id}/reports`, { state: 'KZ', value: 20, claim: 'in_progress' }),
  )));
  for (const statuses of results) assert.deepEqual(statuses, ['ok', 'ok']);
  const reports = await database().db.selectFrom('measure_report').select(['measure_id', 'version']).where('measure_id', 'in', measures.map((m) => m.id)).execute();
  for (const m of measures) assert.deepEqual(reports.filter((r) => r.measure_id === m.id).map((r) => r.version).sort(), [1, 2]);
});

test('after every race: no 5xx, and the audit chain verifies', async () => {
  console.log(`races tried: ${tally.races} pairs (${tally.races * 2} requests) on ${database().kind}; 409s: ${tally.conflicts}; 5xx: ${tally.serverErrors}`);
  assert.equal(tally.serverErrors, 0);
  assert.ok(tally.conflicts >= PAIRS * 5, `${tally.conflicts} conflicts`);
  await settleAuditLog(database().db); // events are chained after commit (docs/decisions/0013)
  assert.equal((await verifyAuditLog(database().db)).ok, true);
});
