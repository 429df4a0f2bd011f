/**
 * Document texts in the browser: an officer uploads a Chinese text of a convention, reads it with
 * its article anchors, picks the earlier version after a second upload, and opens the printable
 * page; search finds the paragraph and links to its anchor.
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
const KEY = 'convention-2017-06-09-convention-countering-extremism';

before(async () => {
  server = await serve({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-texts-')), logLevel: 'warn' });
  await user(server.database.db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('upload a text, read it by article, pick a version, print it', async () => {
  const officer = await signedInPage(browser, server.url, 'officer@sectsco.org');
  await officer.goto(`${server.url}/documents/${KEY}`);
  await officer.getByTestId('text-link').click();
  const form = officer.getByTestId('upload-text');
  await form.waitFor();
  await form.getByLabel('Language').selectOption('zh');
  await form.getByLabel('Text', { exact: true }).fill('上海合作组织成员国,\n第一条 目的\n本公约旨在提高合作效率。\n第二条\n一、各方开展合作。');
  await form.getByLabel('Source').fill('example: typed for the browser test');
  await form.getByRole('button', { name: 'Upload' }).click();
  await officer.getByTestId('upload-message').filter({ hasText: 'version 1' }).waitFor();
  const body = officer.getByTestId('text-body');
  await body.locator('#art_1__para_1').filter({ hasText: '合作效率' }).waitFor();
  assert.equal(await body.locator('#art_1').count(), 1, 'the article has its anchor');
  await form.getByLabel('Text', { exact: true }).fill('上海合作组织成员国,\n第一条 目的\n本公约旨在提高合作效力。\n第二条\n一、各方开展合作。');
  await form.getByRole('button', { name: 'Upload' }).click();
  await officer.getByTestId('upload-message').filter({ hasText: 'version 2' }).waitFor();
  await body.locator('#art_1__para_1').filter({ hasText: '合作效力' }).waitFor();
  await officer.getByTestId('text-version').selectOption('1');
  await body.locator('#art_1__para_1').filter({ hasText: '合作效率' }).waitFor();
  assert.match(await officer.getByTestId('akn-link').getAttribute('href') ?? '', /texts\/zh\/text\.akn\.xml\?version=1$/);
  await shoot(officer, 'text-version-1');
  await officer.getByTestId('print-link').click();
  await officer.locator('.print-text [data-testid=text-body] #art_1__para_1').filter({ hasText: '合作效率' }).waitFor();
  await officer.emulateMedia({ media: 'print' });
  assert.equal(await officer.locator('header').first().isVisible().catch(() => false), false, 'the site header is not printed');
  const pdf = await officer.pdf();
  assert.ok(pdf.length > 1000, 'the printable page prints');
});

test('a reader finds the paragraph through search and lands on its anchor', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${server.url}/search?q=${encodeURIComponent('антитеррористическая структура')}`);
  const passage = page.getByTestId('search-passage').first();
  await passage.waitFor();
  assert.match(await passage.textContent() ?? '', /антитеррористическая/);
  await passage.locator('a').first().click();
  await page.locator('#art_10__para_1.is-target').waitFor();
  assert.ok(await page.locator('#art_10__para_1').isVisible());
});
