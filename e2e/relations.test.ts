/**
 * Officers' forms in the browser: a membership act (refused when a rule is broken, naming it), a
 * draft's implementation annex, a meeting record linking the draft; the draft is adopted and its
 * commitments become measures; the calendar shows cultural events; the relations page.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { serve, type Running } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { createToken } from '../server/modules/accounts/accounts.service.ts';
import { launchBrowser, shoot, signedInPage, user } from './browser.ts';

const MEMBERS = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
let server: Running;
let browser: Browser;
const tokens = new Map<string, string>();

before(async () => {
  server = await serve({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-relations-')), logLevel: 'warn' });
  const officerId = await user(server.database.db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  tokens.set('officer', (await createToken(server.database.db, 'test', officerId, { name: 'e2e', scopes: [] })).token);
  for (const state of MEMBERS) {
    const id = await user(server.database.db, `${state.toLowerCase()}@example.org`, [{ role: 'national_coordinator', state }]);
    tokens.set(state, (await createToken(server.database.db, 'test', id, { name: 'e2e', scopes: [] })).token);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const api = async (who: string, method: string, url: string, body?: unknown) => {
  const res = await fetch(`${server.url}${url}`, { method, headers: { authorization: `Bearer ${tokens.get(who)}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
};

test('record a membership act; an admission that skips the procedure is refused, naming the rule', async () => {
  const officer = await signedInPage(browser, server.url, 'officer@sectsco.org');
  await officer.goto(`${server.url}/states/LA`);
  const form = officer.getByTestId('record-membership-act');
  await form.locator('select[name=act]').selectOption('admission');
  await form.locator('select[name=status]').selectOption('member');
  await form.getByLabel('Date', { exact: true }).fill('2026-12-01');
  await form.getByRole('button', { name: 'Record' }).click();
  assert.match(await officer.getByTestId('membership-act-message').textContent() ?? '', /member_admission_procedure/);
  await form.locator('select[name=act]').selectOption('application');
  await form.getByLabel('Date', { exact: true }).fill('2026-01-15');
  await form.getByLabel('Source (link)').fill('https://example.org/application');
  await form.getByRole('button', { name: 'Record' }).click();
  await officer.getByTestId('membership-act-message').filter({ hasText: 'Recorded: LA-application-2026-01-15' }).waitFor();
  await officer.getByTestId('membership-acts').locator('tr[data-act="LA-application-2026-01-15"]').waitFor();
  await shoot(officer, 'membership-acts');
});

test('an annex and a meeting record through the forms; adopting the draft turns the annex into measures', async () => {
  const draft = await api('officer', 'POST', '/api/v1/drafts', { organ: 'CHS', kind: 'decision', title: 'Decision on joint cyber exercises', text_en: '1. The member states shall hold a joint cyber exercise. 2. They shall exchange information.' });
  const officer = await signedInPage(browser, server.url, 'officer@sectsco.org');

  await officer.goto(`${server.url}/drafts/${draft.id}`);
  const annex = officer.getByTestId('annex-form');
  await annex.locator('select').first().selectOption('security');
  const first = annex.getByTestId('commitment').nth(0);
  await first.getByLabel('Paragraph').fill('para_1');
  await first.getByLabel('Commitment').fill('Hold a joint cyber exercise');
  await first.getByLabel('States').fill('KZ, CN');
  await first.getByLabel('Organs').fill('RATS');
  await first.getByLabel('By').fill('2027-12-31');
  await first.getByLabel('Indicator').fill('exercise held');
  await annex.getByRole('button', { name: 'Add a commitment' }).click();
  const second = annex.getByTestId('commitment').nth(1);
  await second.getByLabel('Paragraph').fill('para_2');
  await second.getByLabel('Commitment').fill('Exchange information on threats');
  await second.getByLabel('States').fill('ru');
  await annex.getByRole('button', { name: 'Save the annex' }).click();
  await officer.getByTestId('annex-message').waitFor();
  assert.match(await officer.getByTestId('annex-message').textContent() ?? '', /Annex saved: 2 commitments/);
  await officer.getByTestId('annex').filter({ hasText: 'Hold a joint cyber exercise' }).waitFor();
  await shoot(officer, 'draft-annex');

  const meeting = await api('officer', 'GET', '/api/v1/meetings/CHS-24');
  const outcome = meeting.documents[0].key as string;
  await officer.goto(`${server.url}/meetings/CHS-24`);
  const record = officer.getByTestId('record-form');
  const item = record.getByTestId('agenda-item').nth(0);
  await item.getByLabel('Agenda item').fill('Joint cyber exercises');
  await item.getByLabel('Draft on the agenda').fill(draft.id);
  const delegation = record.getByTestId('delegation').nth(0);
  await delegation.getByLabel('Delegation of').fill('kz');
  await delegation.getByLabel('Members (one per line)').fill('Head of delegation\nExpert');
  await record.getByLabel('Outcome documents').fill(outcome);
  await record.getByLabel('Minutes').fill('The Council considered the draft.');
  await record.getByRole('button', { name: 'Save the record' }).click();
  await officer.getByTestId('record-message').filter({ hasText: 'Record saved' }).waitFor();
  const shown = officer.getByTestId('meeting-record');
  await shown.locator(`a[href="/drafts/${draft.id}"]`).waitFor();
  assert.match(await shown.textContent() ?? '', /Head of delegation, Expert/);
  await shoot(officer, 'meeting-record');
  const saved = await api('officer', 'GET', '/api/v1/meetings/CHS-24');
  assert.deepEqual(saved.record.delegations, [{ state: 'KZ', members: ['Head of delegation', 'Expert'] }]);
  assert.deepEqual(saved.record.outcome_documents, [outcome]);

  await api('officer', 'POST', `/api/v1/drafts/${draft.id}/procedure`, {});
  for (const state of MEMBERS) await api(state, 'POST', `/api/v1/drafts/${draft.id}/positions`, { state, position: 'support' });
  await officer.goto(`${server.url}/drafts/${draft.id}`);
  await officer.getByTestId('outcome').filter({ hasText: 'adopted' }).waitFor();
  await officer.getByRole('button', { name: 'adopted' }).click();
  await officer.getByTestId('decision').waitFor();
  assert.equal(await officer.getByTestId('annex-form').count(), 0, 'an adopted draft\'s annex is fixed');

  const register = await api('officer', 'GET', '/api/v1/commitments?per_page=200');
  const mine = register.items.filter((c: { what: string }) => ['Hold a joint cyber exercise', 'Exchange information on threats'].includes(c.what));
  assert.equal(mine.length, 2);
  await officer.goto(`${server.url}/plans/${mine[0].plan}`);
  await officer.getByText('Hold a joint cyber exercise').first().waitFor();
  await officer.getByText('Exchange information on threats').first().waitFor();
  await shoot(officer, 'annex-measures');
});

test('the calendar shows cultural events beside meetings; the relations page lists memoranda', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${server.url}/meetings?year=2023`);
  const row = page.getByTestId('events').locator('tr[data-event="VARANASI-2022-2023"]');
  await row.waitFor();
  assert.match(await row.textContent() ?? '', /tourism and cultural capital.*Varanasi/);
  await page.goto(`${server.url}/meetings?lang=ru&year=2023`);
  await page.getByTestId('events').filter({ hasText: 'Год туризма ШОС' }).waitFor();
  await page.goto(`${server.url}/relations`);
  const asean = page.getByTestId('memoranda').locator('tr[data-memorandum="ASEAN-SECRETARIAT-2005"]');
  await asean.waitFor();
  assert.match(await asean.textContent() ?? '', /signed/);
  await shoot(page, 'relations');
});
