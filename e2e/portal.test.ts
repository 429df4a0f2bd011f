/** Browser journeys through the portal in Debian's Chromium, against a started server. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serve } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { launchBrowser, shoot } from './browser.ts';

const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
let stop: () => Promise<void>;
let browser: Browser;
let page: Page;

before(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-'));
  ({ stop } = await serve({ ...loadConfig({}), port, dataDir, logLevel: 'warn' }));
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
});

after(async () => {
  await browser?.close();
  await stop?.();
});

const shot = (name: string) => shoot(page, name);

test('the map shows statuses on the chosen date and the slider changes them', async () => {
  await page.goto(`${base}/?at=2016-06-01`);
  const observers = page.locator('[data-status=observer]');
  await observers.getByText('India').waitFor();
  assert.equal(await page.locator('[data-status=member] li').count(), 6);
  await page.waitForSelector('path[data-m49="356"]');
  assert.equal(await page.locator('path[data-m49="356"]').getAttribute('fill'), '#3f9f6b', 'India is coloured as an observer');
  await shot('map-2016-06-01');
  // Slide to the right end (today): ten members, partners instead of observers.
  const slider = page.locator('#date-slider');
  await slider.focus();
  await page.keyboard.press('End');
  await page.locator('[data-status=partner]').waitFor();
  assert.equal(await page.locator('[data-status=member] li').count(), 10);
  assert.equal(await page.locator('[data-status=observer]').count(), 0);
  await shot('map-today');
});

test('a state page shows its history; the language switch translates interface and names', async () => {
  await page.goto(`${base}/states/IN`);
  await page.getByRole('heading', { name: /India/ }).waitFor();
  assert.ok(await page.getByText('2005-07-05').first().isVisible());
  await shot('state-india');
  await page.getByTestId('language').selectOption('ru');
  await page.getByRole('heading', { name: /Индия/ }).waitFor();
  assert.ok(await page.getByRole('link', { name: 'Органы' }).isVisible());
  await shot('state-india-ru');
  await page.getByTestId('language').selectOption('zh');
  await page.getByRole('heading', { name: /印度/ }).waitFor();
  await shot('state-india-zh');
  await page.getByTestId('language').selectOption('en');
});

test('organs tree, chairmanship timeline, meetings and documents pages', async () => {
  await page.goto(`${base}/organs`);
  await page.locator('[data-organ=SECRETARIAT]').waitFor();
  assert.ok(await page.getByText('Regional Anti-Terrorist Structure', { exact: true }).isVisible());
  await shot('organs');

  await page.goto(`${base}/chairmanships`);
  await page.locator('[data-basis=computed]').first().waitFor();
  assert.equal(await page.locator('[data-basis=computed]').count(), 3);
  await shot('chairmanships');

  await page.goto(`${base}/meetings?organ=CHS`);
  await page.getByRole('cell', { name: 'Tianjin', exact: true }).waitFor();
  await shot('meetings');
  await page.getByRole('link', { name: /Council of Heads of State № 17/ }).click();
  await page.getByText('Taking part').waitFor();
  await shot('meeting-astana-2017');

  await page.goto(`${base}/documents`);
  await page.getByRole('searchbox').fill('Charter');
  await page.getByRole('link', { name: 'Charter of the Shanghai Cooperation Organization' }).click();
  await page.getByTestId('eif-status').waitFor();
  assert.equal(await page.getByTestId('eif-status').textContent(), 'in force');
  await shot('document-charter');
});
