/** Prints the portal's review page to PDF with Debian's Chromium (the same engine the tests use). */
import fs from 'node:fs';
import { AppError } from '../../http/problem.ts';

export const CHROMIUM = process.env.SECRETARIAT_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function printToPdf(url: string): Promise<Buffer> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new AppError('not_acceptable', `PDF reviews are printed by Chromium, which is not installed at ${CHROMIUM} (run scripts/ensure-chromium.sh, or set SECRETARIAT_CHROMIUM); the review is available as a web page.`);
  }
  // Loaded when a PDF is asked for: the browser driver is heavy and most starts never print.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.locator('[data-review-ready]').waitFor({ timeout: 20_000 });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
