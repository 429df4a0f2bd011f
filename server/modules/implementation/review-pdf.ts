/**
 * Prints the portal's review page to PDF with Debian's Chromium (the same engine the tests use).
 * One browser is shared by all requests; one page is printed at a time with a short bounded queue
 * (a full queue answers 503 with Retry-After); PDFs are cached by the hash of what they show.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { AppError } from '../../http/problem.ts';

export const CHROMIUM = process.env.SECRETARIAT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Prints waiting behind the one being printed; more are refused with 503. */
export const PRINT_QUEUE = 3;
const CACHE_SIZE = 32;

let browser: Promise<Browser> | undefined;
let printing: Promise<unknown> = Promise.resolve();
let queued = 0;
/** Finished and in-flight prints by content key; in-flight ones are shared by identical requests. */
const cache = new Map<string, Promise<Buffer>>();

/** The cache key of a print: the hash of the data the page shows and the language. */
export const contentKey = (content: unknown, lang: string): string => createHash('sha256').update(JSON.stringify(content)).update(`\0${lang}`).digest('hex');

function sharedBrowser(): Promise<Browser> {
  // The browser driver is loaded when a PDF is first asked for: it is heavy and most starts never print.
  browser ??= import('playwright-core')
    .then(({ chromium }) => chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS }))
    .then((b) => {
      b.on('disconnected', () => (browser = undefined));
      return b;
    });
  browser.catch(() => (browser = undefined));
  return browser;
}

async function print(url: string): Promise<Buffer> {
  const page = await (await sharedBrowser()).newPage();
  try {
    await page.goto(url);
    await page.locator('[data-review-ready]').waitFor({ timeout: 20_000 });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  } finally {
    await page.close();
  }
}

/**
 * The PDF of `url`, printed once per `key` (see contentKey). Errors: 406 without Chromium; 503
 * (Retry-After) when PRINT_QUEUE prints already wait.
 */
export async function printToPdf(url: string, key: string): Promise<Buffer> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new AppError('not_acceptable', `PDF reviews are printed by Chromium, which is not installed at ${CHROMIUM} (run scripts/ensure-chromium.sh, or set SECRETARIAT_CHROMIUM); the review is available as a web page.`);
  }
  const known = cache.get(key);
  if (known) return known;
  if (queued >= PRINT_QUEUE + 1) throw new AppError('unavailable', 'The PDF printer is busy; try again shortly, or read the review as a web page', [], 10);
  queued++;
  const result = printing.then(() => print(url)).finally(() => queued--);
  printing = result.catch(() => undefined);
  cache.set(key, result);
  result.catch(() => cache.delete(key));
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/** Closes the shared browser (on server shutdown). */
export async function closeReviewBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b.catch(() => undefined))?.close();
}
