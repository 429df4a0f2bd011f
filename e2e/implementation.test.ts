/** Implementation monitoring in the browser: import a plan, two states report, the Secretariat returns one. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { serve, type Running } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { launchBrowser, screenshots, shoot, signedInPage, user } from './browser.ts';

let server: Running;
let browser: Browser;

before(async () => {
  server = await serve({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-impl-')), logLevel: 'warn' });
  await user(server.database.db, 'officer@sectsco.org', [{ role: 'secretariat_officer' }]);
  await user(server.database.db, 'kz@example.org', [{ role: 'national_coordinator', state: 'KZ' }]);
  await user(server.database.db, 'uz@example.org', [{ role: 'national_coordinator', state: 'UZ' }]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const MEASURES = `code,parent_code,title,responsible_states,start_date,deadline,indicator_unit,baseline,target,weight
1,,Transport corridors,KZ UZ,2023-01-01,2030-12-31,,,,1
1.1,1,Open a new rail border crossing,KZ UZ,2023-01-01,2030-06-30,crossings,0,1,1
2,,Trade in national currencies,KZ UZ,2023-01-01,2030-12-31,%,10,50,1
`;

test('import a plan, report as two states, return a report, and watch the rates change', async () => {
  const officer = await signedInPage(browser, server.url, 'officer@sectsco.org');
  await officer.goto(`${server.url}/implementation`);
  const form = officer.getByTestId('import-plan');
  await form.getByLabel('Id').fill('corridors-demo');
  await form.getByLabel('Title').fill('Corridors and currencies (demo)');
  await form.getByLabel('Measures (CSV or XLSX)').setInputFiles({ name: 'measures.csv', mimeType: 'text/csv', buffer: Buffer.from(MEASURES) });
  await form.getByRole('button', { name: 'Import a plan' }).click();
  await officer.getByRole('heading', { name: 'Corridors and currencies (demo)' }).waitFor();
  assert.equal(await officer.getByTestId('measures').locator('tr').count(), 3);

  const kz = await signedInPage(browser, server.url, 'kz@example.org');
  await kz.goto(`${server.url}/plans/corridors-demo`);
  const kzForm = kz.getByTestId('report-2');
  await kzForm.waitFor(); // allTextContents does not wait for the page to load
  assert.deepEqual(await kzForm.getByLabel('State').locator('option').allTextContents(), ['KZ'], 'KZ reports only for itself');
  await kzForm.getByLabel('Value').fill('30');
  await kzForm.getByLabel('Narrative').fill('Half of bilateral trade settled in tenge and sum');
  await kzForm.getByRole('button', { name: 'Report' }).click();
  await kz.locator('tr[data-code="2"] .report').filter({ hasText: 'tenge' }).waitFor();

  const uz = await signedInPage(browser, server.url, 'uz@example.org');
  await uz.goto(`${server.url}/plans/corridors-demo`);
  await uz.getByTestId('report-2').getByLabel('Value').fill('50');
  await uz.getByTestId('report-2').getByRole('button', { name: 'Report' }).click();
  await uz.locator('tr[data-code="2"] .report').waitFor();
  assert.equal(await uz.getByText('tenge').count(), 0, "UZ does not see KZ's narrative");
  const progress = async () => Number(await officer.locator('tr[data-code="2"] [role=meter]').getAttribute('aria-valuenow'));

  await officer.reload();
  await officer.locator('tr[data-code="2"] .report').nth(1).waitFor();
  assert.equal(await progress(), 75, 'KZ 50% and UZ 100% of the way from 10 to 50');
  await shoot(officer, 'plan-reported');
  officer.once('dialog', (d) => void d.accept('Which source gives the 30%?'));
  await officer.locator('tr[data-code="2"] .report').filter({ hasText: 'tenge' }).getByRole('button', { name: 'Return for clarification' }).click();
  await officer.locator('tr[data-code="2"] .report').filter({ hasText: 'Which source' }).waitFor();
  assert.equal(await progress(), 50, 'the returned report no longer counts');

  await officer.goto(`${server.url}/implementation`);
  await officer.getByTestId('rates-state').locator('[data-state=UZ]').waitFor();
  assert.equal(await officer.getByTestId('rates-state').locator('[data-state=KZ] [role=meter]').getAttribute('aria-valuenow'), '0');
  await shoot(officer, 'implementation-dashboard');
});

test('a review for a meeting is a page and a PDF in the chosen language', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/review/CHG-24?lang=ru`);
  await page.locator('[data-review-ready]').waitFor();
  assert.match(await page.locator('h1').textContent() ?? '', /Обзор выполнения/);
  const res = await fetch(`${server.url}/api/v1/implementation/review.pdf?meeting=CHG-24&lang=ru`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const file = path.join(screenshots, 'review-CHG-24-ru.pdf');
  fs.writeFileSync(file, pdf);
  // The first page, as a person would look at it.
  const png = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, file.replace(/\.pdf$/, '-page1')]);
  assert.equal(png.status, 0, String(png.stderr));
  assert.ok(fs.statSync(file.replace(/\.pdf$/, '-page1.png')).size > 5000);
});
