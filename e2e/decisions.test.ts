/**
 * A whole consensus procedure in the browser: a Secretariat officer and two delegates, each in
 * a browser context of their own; the other eight members answer through API tokens.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serve, type Running } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { createToken } from '../server/modules/accounts/accounts.service.ts';
import { launchBrowser, shoot, signedInPage as signIn, user as createUserWithRoles } from './browser.ts';

const OTHERS = ['BY', 'IN', 'IR', 'KG', 'KZ', 'PK', 'TJ', 'UZ'];
let server: Running;
let browser: Browser;
const tokens = new Map<string, string>();

const user = (email: string, roles: { role: string; state?: string; organ?: string }[]) => createUserWithRoles(server.database.db, email, roles);

before(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-decisions-'));
  server = await serve({ ...loadConfig({}), port: 0, dataDir, logLevel: 'warn' });
  await user('officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  await user('ru@example.org', [{ role: 'delegate', state: 'RU', organ: 'CHS' }]);
  await user('cn@example.org', [{ role: 'delegate', state: 'CN', organ: 'CHS' }]);
  for (const state of OTHERS) {
    const id = await user(`${state.toLowerCase()}@example.org`, [{ role: 'national_coordinator', state }]);
    tokens.set(state, (await createToken(server.database.db, 'test', id, { name: 'e2e', scopes: [] })).token);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const signedInPage = (email: string): Promise<Page> => signIn(browser, server.url, email);

test('a draft is tabled, decided by consensus with a reservation on record, and published', async () => {
  const officer = await signedInPage('officer@sectsco.org');
  await officer.goto(`${server.url}/workspace`);
  const form = officer.getByTestId('table-draft');
  await form.getByLabel('Title').fill('Joint statement on transport connectivity');
  await form.getByLabel('Kind').selectOption('statement');
  await form.getByLabel('Text (en)').fill('The member states will develop transport corridors.');
  await form.getByRole('button', { name: 'Submit' }).click();
  await officer.getByRole('heading', { name: 'Joint statement on transport connectivity' }).waitFor();
  const draftUrl = officer.url();
  const draftId = new URL(draftUrl).pathname.split('/').at(-1)!; // the address also carries ?lang=
  await officer.getByRole('button', { name: 'Open the procedure' }).click();
  await officer.getByTestId('outcome').filter({ hasText: 'open' }).waitFor();
  await shoot(officer, 'draft-opened-officer');

  // The Russian delegate learns of the draft in the inbox and supports it.
  const ru = await signedInPage('ru@example.org');
  await ru.goto(`${server.url}/workspace`);
  await ru.getByTestId('inbox').getByText('The Secretariat tabled "Joint statement on transport connectivity"').click();
  await ru.getByTestId('position-form').getByLabel('Position').selectOption('support');
  await ru.getByTestId('position-form').getByRole('button', { name: 'Submit' }).click();
  await ru.locator('[data-state=RU]').filter({ hasText: 'support' }).waitFor();
  assert.equal(await ru.getByRole('button', { name: 'Open the procedure' }).count(), 0, 'a delegate is not offered the officer\'s actions');

  // The Chinese delegate puts a reservation on record; without its text it is refused.
  const cn = await signedInPage('cn@example.org');
  await cn.goto(draftUrl);
  const cnForm = cn.getByTestId('position-form');
  await cnForm.getByLabel('Position').selectOption('reservation');
  await cnForm.getByRole('button', { name: 'Submit' }).click();
  await cn.getByRole('alert').filter({ hasText: 'reservation' }).waitFor();
  await cnForm.getByPlaceholder('Text of the reservation').fill('China reads "corridors" as including the Middle Corridor');
  await cnForm.getByRole('button', { name: 'Submit' }).click();
  await cn.locator('[data-state=CN]').filter({ hasText: 'Middle Corridor' }).waitFor();
  assert.deepEqual(await cnForm.getByLabel('For').locator('option').allTextContents(), ['CN'], 'CN speaks only for China');

  // The other eight members answer through the API.
  for (const state of OTHERS) {
    const res = await fetch(`${server.url}/api/v1/drafts/${draftId}/positions`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(state)}`, 'content-type': 'application/json' }, body: JSON.stringify({ state, position: 'no_objection' }) });
    assert.equal(res.status, 201, state);
  }

  await officer.reload();
  await officer.getByTestId('outcome').filter({ hasText: 'adopted' }).waitFor();
  assert.equal(await officer.getByTestId('positions').locator('tbody tr.pending').count(), 0);
  await shoot(officer, 'draft-positions-grid');
  await officer.getByRole('button', { name: 'adopted' }).click();
  await officer.getByTestId('decision').waitFor();
  assert.equal(await officer.getByTestId('draft-status').textContent(), 'adopted');
  await shoot(officer, 'draft-adopted');

  // Anyone now sees the decision, and the registry holds the document with signatures pending.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`${server.url}/decisions`);
  await visitor.getByTestId('decisions').getByText('Joint statement on transport connectivity').click();
  await visitor.getByTestId('decision').getByRole('link').click();
  await visitor.getByRole('heading', { name: 'Joint statement on transport connectivity' }).waitFor();
  await shoot(visitor, 'decision-in-registry');
});
