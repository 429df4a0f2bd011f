/**
 * Every page of the portal in English, Russian and Chinese, at a laptop (1280×800) and a phone
 * (390×844) width: a screenshot of each, no horizontal overflow, no console errors, no serious or
 * critical axe-core violations, `<html lang>` set, and no interface label left in English.
 * A new page is one line in PAGES.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { serve } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { launchBrowser, networkQuiet, shoot } from './browser.ts';

/** [name, path]: every page a visitor can open without signing in (and the not-found page). */
export const PAGES: [string, string][] = [
  ['membership', '/'],
  ['state', '/states/IN'],
  ['organs', '/organs'],
  ['chairmanships', '/chairmanships'],
  ['meetings', '/meetings'],
  ['meeting', '/meetings/CHS-02'],
  ['documents', '/documents'],
  ['document', '/documents/charter-2002-06-07-charter'],
  ['document-text', '/documents/charter-2002-06-07-charter/text'],
  ['document-text-print', '/documents/charter-2002-06-07-charter/text/print?language=ru'],
  ['decisions', '/decisions'],
  ['implementation', '/implementation'],
  ['single-list', '/single-list'],
  ['sign-in', '/sign-in'],
  ['workspace', '/workspace'],
  ['audit', '/audit'],
  ['search', '/search?q=%D1%85%D0%B0%D1%80%D1%82%D0%B8%D1%8F'],
  ['depositary-notifications', '/depositary'],
  ['depositary', '/depositary/charter-2002-06-07-charter'],
  ['organ-activity', '/organ-activity'],
  ['commitments', '/commitments'],
  ['economy', '/economy'],
  ['projects', '/economy/projects'],
  ['corridors', '/economy/corridors'],
  ['corridor', '/economy/corridors/china-kyrgyzstan-uzbekistan-railway'],
  ['complementarity', '/economy/complementarity'],
  ['map-corridors', '/?corridors=1'],
  ['settlement', '/settlement'],
  ['infosec', '/infosec'],
  ['relations', '/relations'],
  ['infosec-incidents', '/infosec/incidents'],
  ['infosec-exercises', '/infosec/exercises'],
  ['infosec-sharing-groups', '/infosec/sharing-groups'],
  ['not-found', '/no-such-page'],
];
const LANGS = ['en', 'ru', 'zh'] as const;
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
/** Latin words allowed in ru and zh labels: names of formats and standards. */
const LATIN_OK = /^(CSV|PDF|XLSX|JSON|XML|API|OpenAPI|iCalendar|FtM|Natural|Earth|UN|SCO|RATS|E-mail)$/;

const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let stop: () => Promise<void>;
let browser: Browser;

before(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-pages-'));
  ({ stop } = await serve({ ...loadConfig({}), port, dataDir, logLevel: 'warn' }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await stop?.();
});

async function check(page: Page, quiet: () => Promise<void>, lang: string, width: string, name: string, url: string, errors: string[]): Promise<string[]> {
  const problems: string[] = [];
  errors.length = 0;
  await page.goto(`${base}${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
  await page.locator('main h1').first().waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => !document.querySelector('main [role=status]'), undefined, { timeout: 10_000 }).catch(() => problems.push('still loading after 10 s'));
  await quiet();
  await shoot(page, `${name}-${lang}-${width}`);
  const where = `${name} ${lang} ${width}`;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`${where}: ${overflow}px wider than the window`);
  if ((await page.getAttribute('html', 'lang')) !== lang) problems.push(`${where}: <html lang> is not ${lang}`);
  if (!(await page.title()).includes(lang === 'en' ? 'Secretariat' : lang === 'ru' ? 'Секретариат' : '秘书处')) problems.push(`${where}: title "${await page.title()}"`);
  problems.push(...errors.map((e) => `${where}: console: ${e}`));
  if (lang !== 'en') {
    const labels = await page.locator('main h1, main h2, main th, main label, main button, header nav a').allInnerTexts();
    for (const label of labels) {
      const english = label.split(/[^A-Za-z-]+/).filter((w) => /^[A-Za-z-]{4,}$/.test(w) && !LATIN_OK.test(w));
      if (english.length > 0 && !/[\u0400-\u04FF\u4E00-\u9FFF]/.test(label)) problems.push(`${where}: label in English: "${label.trim()}"`);
    }
  }
  if (width === 'desktop' || lang === 'en') {
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`);
    });
    problems.push(...violations.map((v) => `${where}: axe: ${v}`));
  }
  return problems;
}

for (const [width, viewport] of Object.entries(VIEWPORTS)) {
  test(`every page in en, ru and zh at ${viewport.width}×${viewport.height}: no overflow, no console errors, no serious axe violations`, async () => {
    // The three languages at once, each in a context of its own (the chosen language is kept in
    // the browser's storage): while one page waits for the network, another renders.
    const problems = await Promise.all(LANGS.map(async (lang) => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const quiet = networkQuiet(page);
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      const found: string[] = [];
      for (const [name, url] of PAGES) {
        try {
          found.push(...(await check(page, quiet, lang, width, name, url, errors)));
        } catch (e) {
          found.push(`${name} ${lang} ${width}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      await context.close();
      return found;
    }));
    assert.deepEqual(problems.flat(), []);
  });
}

test('on a phone the menu button opens the navigation', async () => {
  const context = await browser.newContext({ viewport: VIEWPORTS.phone });
  const page = await context.newPage();
  await page.goto(`${base}/organs?lang=ru`);
  const nav = page.locator('#site-nav');
  assert.equal(await nav.isVisible(), false, 'the menu starts closed');
  await page.getByRole('button', { name: /Меню/ }).click();
  await nav.getByRole('link', { name: 'Документы' }).click();
  await page.locator('main h1', { hasText: 'Реестр документов' }).waitFor();
  assert.equal(await nav.isVisible(), false, 'the menu closes after navigating');
  await context.close();
});

test('the browser language is negotiated, kept in the URL and in <html lang> on reload', async () => {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: VIEWPORTS.desktop });
  const page = await context.newPage();
  await page.goto(`${base}/organs`);
  await page.locator('main h1', { hasText: '机构与机制' }).waitFor();
  assert.match(page.url(), /lang=zh/);
  await page.getByTestId('language').selectOption('ru');
  await page.locator('main h1', { hasText: 'Органы и механизмы' }).waitFor();
  await page.reload();
  await page.locator('main h1', { hasText: 'Органы и механизмы' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'ru');
  // Our own translation is marked as such.
  assert.ok((await page.locator('.own-translation').count()) > 0);
  await context.close();
});
