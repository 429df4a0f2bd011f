/** National-currency settlement in the browser: the README's sample, a cycle's heat map, who sees what, three languages at 390 px. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serve, type Running } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { sampleFile } from '../server/modules/settlement/settlement-sample.ts';
import { launchBrowser, PASSWORD, shoot, signedInPage, user } from './browser.ts';

let server: Running;
let browser: Browser;
let cycle = '';

before(async () => {
  server = await serve({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-settlement-')), logLevel: 'warn' });
  await user(server.database.db, 'operator@example.org', [{ role: 'settlement_operator' }]);
  await user(server.database.db, 'kz-bank@example.org', [{ role: 'settlement_officer', state: 'KZ' }]);
  // The README's steps, through the API as curl would take them.
  const session = await fetch(`${server.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'operator@example.org', password: PASSWORD }) });
  const headers = { cookie: session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': ((await session.json()) as { csrf_token: string }).csrf_token };
  const post = async (url: string, body: string, type: string) => {
    const res = await fetch(`${server.url}${url}`, { method: 'POST', headers: { ...headers, 'content-type': type }, body });
    assert.ok(res.ok, `${url}: ${res.status} ${await res.clone().text()}`);
    return res.json() as Promise<{ id?: string }>;
  };
  await post('/api/v1/settlement/participants', sampleFile('settlement-participants.json'), 'application/json');
  await post('/api/v1/settlement/rates', sampleFile('rates-2026-12-01.csv'), 'text/csv');
  await post('/api/v1/settlement/obligations', sampleFile('obligations-2026-12-01.csv'), 'text/csv');
  cycle = (await post('/api/v1/settlement/cycles', JSON.stringify({ date: '2026-12-01', unit: 'CNY', vehicle: 'USD' }), 'application/json')).id!;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const PHONE = { width: 390, height: 844 };
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

test('the operator reads a cycle: heat map, instructions, queued obligations with reasons, in three languages at 390 px', async () => {
  const page = await signedInPage(browser, server.url, 'operator@example.org');
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/settlement/cycles/${cycle}`);
  await page.getByTestId('scope').filter({ hasText: 'every participant' }).waitFor();
  assert.ok(await page.locator('[role="img"] svg').first().isVisible(), 'the heat map is drawn');
  assert.ok((await page.getByTestId('instructions').locator('tbody tr').count()) > 0);
  const reasons = await page.getByTestId('queued').locator('tbody tr td:last-child').allTextContents();
  assert.ok(reasons.length > 0 && reasons.every((r) => /net debit cap of|swap line/.test(r)), reasons.join('|'));
  assert.ok(await fitsWidth(page), 'no sideways scrolling of the page at 390 px');
  await shoot(page, 'settlement-cycle-operator-en');
  for (const [lang, heading] of [['ru', 'Цикл'], ['zh', '周期']] as const) {
    await page.getByTestId('language').selectOption(lang);
    await page.getByRole('heading', { name: new RegExp(`^${heading}`) }).waitFor();
    assert.ok(await fitsWidth(page), `${lang} fits 390 px`);
    await shoot(page, `settlement-cycle-operator-${lang}`);
  }
  await page.getByTestId('language').selectOption('en');
});

test("the public sees aggregates; a bank's officer its own positions and limits", async () => {
  const page = await (await browser.newContext({ viewport: PHONE })).newPage();
  await page.goto(`${server.url}/settlement`);
  await page.getByTestId('cycles').getByRole('link', { name: cycle }).waitFor();
  assert.ok(await fitsWidth(page));
  for (const lang of ['en', 'ru', 'zh'] as const) {
    await page.getByTestId('language').selectOption(lang);
    await page.getByRole('heading', { level: 1, name: { en: 'National-currency settlement', ru: 'Расчёты в национальных валютах', zh: '本币结算' }[lang] }).waitFor();
    await shoot(page, `settlement-overview-${lang}`);
  }
  await page.getByTestId('language').selectOption('en');
  await page.goto(`${server.url}/settlement/cycles/${cycle}`);
  await page.getByTestId('scope').filter({ hasText: 'aggregates' }).waitFor();
  assert.equal(await page.getByTestId('instructions').count(), 0);
  assert.equal(await page.getByTestId('queued').count(), 0);
  await page.goto(`${server.url}/settlement/participants/NBK`);
  await page.getByTestId('restricted').waitFor();

  const kz = await signedInPage(browser, server.url, 'kz-bank@example.org');
  await kz.setViewportSize(PHONE);
  await kz.goto(`${server.url}/settlement/cycles/${cycle}`);
  await kz.getByTestId('scope').filter({ hasText: 'your own bank' }).waitFor();
  assert.deepEqual([...new Set(await kz.getByTestId('instructions').locator('tbody tr td:first-child').allTextContents())], ['NBK']);
  await shoot(kz, 'settlement-cycle-kz-bank-en');
  await kz.goto(`${server.url}/settlement/participants/NBK`);
  await kz.getByTestId('swap-lines').getByRole('link', { name: 'PBC' }).waitFor();
  assert.ok(await fitsWidth(kz));
  await shoot(kz, 'settlement-participant-kz-bank-en');
});
