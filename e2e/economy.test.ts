/** The economy pages in the browser: the dashboard in three languages and on a phone, and a project decided by interested states. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serve, type Running } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { submitPosition } from '../server/modules/decisions/decisions.service.ts';
import { launchBrowser, screenshots, shoot, signedInPage, user, PASSWORD } from './browser.ts';
import { COMTRADE_PLUS } from '../server/modules/economy/trade-fixtures.ts';

let server: Running;
let browser: Browser;
const JOINING = ['CN', 'KG', 'KZ'];

before(async () => {
  server = await serve({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-economy-')), logLevel: 'warn' });
  await user(server.database.db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs in through the API and returns a POST helper carrying the session and its CSRF token. */
async function apiAs(email: string) {
  const res = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrf_token } = (await res.json()) as { csrf_token: string };
  return async (url: string, body: object) => {
    const r = await fetch(`${server.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf_token }, body: JSON.stringify(body) });
    const text = await r.text();
    assert.ok(r.ok, `${url}: ${r.status} ${text}`);
    return JSON.parse(text);
  };
}

const setLanguage = async (page: Page, lang: string) => {
  await page.getByTestId('language').selectOption(lang);
};
/** Elements of the economy pages (outside their own scrolling tables) reaching past the window's right edge. */
const overflowing = async (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('section.economy *')]
      // A chart's scrolling legend keeps its hidden items, clipped, inside the SVG: the SVG itself is measured.
      .filter((e) => !e.closest('.scroll') && !(e instanceof SVGElement && e.tagName !== 'svg') && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} ${Math.round(e.getBoundingClientRect().right)}px`),
  );

test('the dashboard shows the group over time with its states, in en, ru and zh, and fits a phone', async () => {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${server.url}/economy`);
  const row2019 = page.getByTestId('group-table').locator('tr', { hasText: /^2019/ });
  await row2019.waitFor();
  assert.match(await row2019.innerText(), /\b8\b.*CN IN KG KZ PK RU TJ UZ/s);
  await page.locator('[role=img] svg').first().waitFor();
  assert.equal(await page.getByTestId('statements').locator('tbody tr').count(), 9);
  for (const lang of ['en', 'ru', 'zh']) {
    await setLanguage(page, lang);
    await page.getByRole('heading', { level: 1 }).filter({ hasText: { en: 'Economic cooperation', ru: 'Экономическое сотрудничество', zh: '经济合作' }[lang]! }).waitFor();
    await shoot(page, `economy-dashboard-${lang}`);
  }
  // An indicator that does not add up over states is shown by state only.
  await setLanguage(page, 'en');
  await page.getByTestId('indicator').selectOption('lp.lpi.ovrl.xq');
  await page.getByText('does not add up over states').waitFor();

  const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await phone.goto(`${server.url}/economy`);
  await phone.getByTestId('group-table').locator('tr', { hasText: /^2019/ }).waitFor();
  for (const lang of ['en', 'ru', 'zh']) {
    await setLanguage(phone, lang);
    await phone.waitForTimeout(200);
    assert.deepEqual(await overflowing(phone), [], `no horizontal overflow at 390 px (${lang})`);
    await shoot(phone, `economy-dashboard-phone-${lang}`);
  }
  await phone.goto(`${server.url}/economy/projects/horgos-border-cooperation-centre`);
  await phone.getByTestId('decision').waitFor();
  assert.deepEqual(await overflowing(phone), [], 'project page: no horizontal overflow at 390 px');
  await shoot(phone, 'economy-project-phone');
});

test('a project decided by interested states shows only the states that joined as bound', async () => {
  const officer = await signedInPage(browser, server.url, 'officer@sectsco.org');
  await officer.goto(`${server.url}/economy/projects`);
  const form = officer.getByTestId('new-project');
  await form.getByLabel('Identifier').fill('e2e-solar-park');
  await form.getByLabel('Title (English)').fill('Solar park (demo)');
  await form.getByLabel('Host states').fill('KZ');
  await form.getByRole('button', { name: 'Save' }).click();
  await officer.getByRole('heading', { name: 'Solar park (demo)' }).waitFor();
  await officer.getByRole('button', { name: 'Table the decision' }).click();
  const link = officer.getByTestId('decision').getByRole('link');
  await link.waitFor();
  const draft = (await link.getAttribute('href'))!.split('/').pop()!;

  const asOfficer = await apiAs('officer@sectsco.org');
  const { eligible } = await asOfficer(`/api/v1/drafts/${draft}/procedure`, {});
  for (const state of eligible as string[]) {
    // Each member's coordinator answers (through the service: the sign-in limit allows ten a minute).
    const email = `${state.toLowerCase()}@example.org`;
    const userId = await user(server.database.db, email, [{ role: 'national_coordinator', state }]);
    const coordinator = { kind: 'user' as const, userId, email, displayName: email, roles: [{ role: 'national_coordinator' as const, state, organ: null }], via: 'session' as const, scopes: null };
    await submitPosition(server.database.db, coordinator, draft, { state, position: JOINING.includes(state) ? 'join' : 'stay_out' });
  }
  await asOfficer(`/api/v1/drafts/${draft}/decision`, { outcome: 'adopted' });

  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${server.url}/economy/projects/e2e-solar-park`);
  const bound = page.getByTestId('bound');
  await bound.waitFor();
  assert.deepEqual((await bound.locator('.badge').allInnerTexts()).sort(), ['China', 'Kazakhstan', 'Kyrgyzstan']);
  for (const lang of ['en', 'ru', 'zh']) {
    await setLanguage(page, lang);
    await page.waitForTimeout(200);
    await shoot(page, `economy-project-${lang}`);
  }
  await page.goto(`${server.url}/economy/projects`);
  await page.getByRole('link', { name: 'Solar park (demo)' }).waitFor();
  await shoot(page, 'economy-projects-zh');
});

test('the Secretariat imports a Comtrade file and the trade matrix appears as a heat map', async () => {
  const officer = await signedInPage(browser, server.url, 'officer@sectsco.org');
  await officer.goto(`${server.url}/economy`);
  const trade = officer.getByTestId('trade');
  await trade.getByText('No bilateral trade is loaded').waitFor();
  const form = officer.getByTestId('trade-import');
  await form.getByLabel('File (CSV)').setInputFiles({ name: 'comtrade.csv', mimeType: 'text/csv', buffer: Buffer.from(COMTRADE_PLUS) });
  await form.getByRole('button', { name: 'Import a trade file' }).click();
  await trade.getByText('Imported 7 flows.').waitFor();
  await trade.locator('[role=img] svg').waitFor();
  for (const lang of ['en', 'zh']) {
    await setLanguage(officer, lang);
    await officer.waitForTimeout(200);
    await trade.screenshot({ path: path.join(screenshots, `economy-trade-heatmap-${lang}.png`) });
  }
});

test('corridors: a schematic map, segments with "not reported", and Kyrgyzstan reporting its side of Torugart in the browser', async () => {
  await user(server.database.db, 'kg-customs@example.org', [{ role: 'competent_authority', state: 'KG' }]);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${server.url}/economy/corridors?lang=ru`);
  await page.getByTestId('corridor-table').waitFor();
  assert.match(await page.getByTestId('schematic').innerText(), /Схема/);
  assert.ok((await page.locator('[data-testid="corridor-layer"] line').count()) >= 3, 'the located segments are drawn');
  await page.goto(`${server.url}/?corridors=1&lang=en`);
  await page.locator('[data-testid="corridor-layer"] line').first().waitFor();
  assert.match(await page.getByTestId('schematic').innerText(), /Schematic/);
  await page.close();

  const kg = await signedInPage(browser, server.url, 'kg-customs@example.org');
  await kg.goto(`${server.url}/economy/corridors/china-kyrgyzstan-uzbekistan-railway?lang=en`);
  await kg.getByTestId('segments').waitFor();
  assert.equal(await kg.locator('[data-testid="segments"] tbody tr').count(), 3);
  assert.match(await kg.getByTestId('segments').innerText(), /not reported/);
  const form = kg.getByTestId('report-crossing');
  await form.locator('input[name="observed_on"]').fill('2025-03-31');
  await form.locator('input[name="hours"]').fill('30');
  await form.getByRole('button').click();
  await kg.getByRole('status').waitFor();
  await kg.getByTestId('crossings').getByText('30', { exact: true }).waitFor();
  await shoot(kg, 'corridor-reported');
  await kg.close();
});
