/** Debian's Chromium through playwright-core, as the browser tests launch it. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Kysely } from 'kysely';
import type { DB } from '../server/db/schema.ts';
import { createUser, grantRole } from '../server/modules/accounts/accounts.service.ts';
import { projectRoot } from '../server/config.ts';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const screenshots = path.join(projectRoot, 'test-output', 'screenshots');

export function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(screenshots, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

export const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });

export const PASSWORD = 'a long enough passphrase';

/** A user with roles, created straight in the server's database. */
export async function user(db: Kysely<DB>, email: string, roles: { role: string; state?: string; organ?: string }[]): Promise<string> {
  const created = await createUser(db, 'test', { email, displayName: email.split('@')[0]!, password: PASSWORD });
  for (const r of roles) await grantRole(db, 'test', email, r);
  return created.id;
}

/** A browser context of its own, signed in through the sign-in page. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').filter({ hasText: email }).waitFor();
  return page;
}

/**
 * Counts the page's requests in flight; the returned function resolves once none has been in
 * flight for `quietMs` (Playwright's 'networkidle' waits a fixed 500 ms after the last one, which
 * a sweep of hundreds of pages pays hundreds of times). Rejects after `timeoutMs`.
 */
export function networkQuiet(page: Page, quietMs = 100, timeoutMs = 10_000): () => Promise<void> {
  let inFlight = 0;
  let lastChange = Date.now();
  const settle = () => { inFlight = Math.max(0, inFlight - 1); lastChange = Date.now(); };
  page.on('request', () => { inFlight++; lastChange = Date.now(); });
  page.on('requestfinished', settle);
  page.on('requestfailed', settle);
  return async () => {
    const deadline = Date.now() + timeoutMs;
    while (inFlight > 0 || Date.now() - lastChange < quietMs) {
      if (Date.now() > deadline) throw new Error(`${inFlight} request(s) still in flight after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
}
