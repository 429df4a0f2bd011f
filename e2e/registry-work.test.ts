/**
 * The registry at work in the browser: an officer records a ratification and the Charter enters
 * into force for that state; a reader finds the Charter by a Russian and a Chinese query; the
 * officer schedules a working-group meeting and sees the dormant bodies; the commitment register.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { serve, type Running } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { launchBrowser, shoot, signedInPage, user } from './browser.ts';

let server: Running;
let browser: Browser;

before(async () => {
  server = await serve({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-work-')), logLevel: 'warn' });
  await user(server.database.db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('record a ratification and see the Charter in force for that state', async () => {
  const officer = await signedInPage(browser, server.url, 'officer@sectsco.org');
  await officer.goto(`${server.url}/documents/charter-2002-06-07-charter`);
  await officer.getByTestId('depositary-link').click();
  const row = officer.getByTestId('status-table').locator('tr[data-state=CN]');
  await row.waitFor();
  assert.doesNotMatch(await row.textContent() ?? '', /2003-09-19/);
  const form = officer.getByTestId('record-act');
  await form.getByLabel('State (ISO code)').fill('CN');
  await form.getByLabel('Action').selectOption('ratification');
  await form.getByLabel('Date').fill('2003-06-10');
  await form.getByLabel('Instrument').fill('Instrument of ratification (example)');
  await form.getByLabel('Source').fill('example:readme');
  await form.getByRole('button', { name: 'Record' }).click();
  await officer.getByTestId('act-message').filter({ hasText: /notification DN-\d{4}-1/ }).waitFor();
  await row.filter({ hasText: '2003-09-19' }).waitFor();
  assert.match(await row.textContent() ?? '', /2003-06-10.*2003-09-19.*in force/);
  assert.match(await officer.getByTestId('computation').textContent() ?? '', /30th day after the 4th instrument/);
  await shoot(officer, 'depositary-status-table');
});

test('find the Charter by a Russian and by a Chinese query, matches marked', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  for (const q of ['хартии', '宪章']) {
    await page.goto(`${server.url}/search?q=${encodeURIComponent(q)}`);
    const first = page.getByTestId('search-results').locator('li').first();
    await first.waitFor();
    assert.match(await first.textContent() ?? '', /Charter of the Shanghai Cooperation Organization/);
    assert.ok((await first.locator('mark').count()) > 0, `${q}: the match is marked`);
  }
  await shoot(page, 'search-chinese');
});

test('schedule a working-group meeting; dormant bodies stand out', async () => {
  const officer = await signedInPage(browser, server.url, 'officer@sectsco.org');
  await officer.goto(`${server.url}/organ-activity`);
  await officer.getByTestId('activity').locator('tr[data-organ=CNC].dormant').waitFor();
  const form = officer.getByTestId('schedule');
  await form.locator('select[name=organ]').selectOption('SPECIAL-WORKING-GROUP-ON-ENERGY');
  await form.locator('input[name=start_date]').fill('2027-03-15');
  await form.locator('input[name=city]').fill('Astana');
  await form.getByLabel('Agenda item').fill('Energy security roadmap');
  await form.getByRole('button', { name: 'Schedule' }).click();
  await officer.getByTestId('activity-message').filter({ hasText: 'SPECIAL-WORKING-GROUP-ON-ENERGY-2027-03-15' }).waitFor();
  await officer.locator('tr[data-organ=SPECIAL-WORKING-GROUP-ON-ENERGY]').filter({ hasText: '2027-03-15' }).waitFor();
  await shoot(officer, 'organ-activity');
  // The server's own check has alerted the Secretariat about the dormant bodies.
  const inbox = await (await fetch(`${server.url}/api/v1/organ-activity?per_page=200`)).json() as { items: { organ: string; status: string }[] };
  assert.ok(inbox.items.filter((o) => o.status === 'dormant').length >= 1);
  const meeting = await (await fetch(`${server.url}/api/v1/meetings/SPECIAL-WORKING-GROUP-ON-ENERGY-2027-03-15`)).json() as { record: { agenda: { title: string }[] } };
  assert.equal(meeting.record.agenda[0]!.title, 'Energy security roadmap');
});
