/** The single list in the browser: a national list, a proposal adopted by consensus, the entity page, and screening across scripts. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { serve, type Running } from '../server/main.ts';
import { loadConfig, projectRoot } from '../server/config.ts';
import type { Actor } from '../server/policies/actor.ts';
import { expressPosition, listProposals } from '../server/modules/listing/consolidation.service.ts';
import { launchBrowser, shoot, signedInPage, user } from './browser.ts';

let server: Running;
let browser: Browser;
const MEMBERS = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const coordinators: Actor = { kind: 'user', userId: 'e2e', email: 'coordinators@example.org', displayName: 'coordinators', roles: MEMBERS.map((state) => ({ role: 'national_coordinator', state, organ: null })), via: 'session', scopes: null };

before(async () => {
  server = await serve({ ...loadConfig({}), port: 0, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-list-')), logLevel: 'warn' });
  await user(server.database.db, 'kz@example.org', [{ role: 'competent_authority', state: 'KZ' }]);
  await user(server.database.db, 'ru@example.org', [{ role: 'competent_authority', state: 'RU' }]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const fixture = (name: string) => path.join(projectRoot, 'server/modules/listing/fixtures', name);

test('import national lists, propose, group and concur, see it adopted, and screen names in Cyrillic and Chinese', async () => {
  const kz = await signedInPage(browser, server.url, 'kz@example.org');
  await kz.goto(`${server.url}/single-list`);
  await kz.getByText('No entries yet.').waitFor();
  const upload = async (page: typeof kz, file: string) => {
    const form = page.getByTestId('import-list');
    await form.getByLabel('File (UN XML or FtM JSON lines)').setInputFiles(file);
    await form.getByRole('button', { name: 'Import' }).click();
  };
  // A bad file is refused whole, each bad record named; the good one then goes in.
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-bad-')), 'bad.jsonl');
  fs.writeFileSync(bad, '{"id":"a","schema":"Person","properties":{"name":["X"],"birthDate":["14.05.1980"]}}\n');
  await upload(kz, bad);
  await kz.getByRole('alert').getByText(/nothing was imported/).waitFor();
  // The unreadable birth date is optional (kept as a warning); the missing legal basis refuses the file.
  assert.match(await kz.getByRole('alert').innerText(), /line 1: no legal basis/);
  await upload(kz, fixture('un-consolidated.xml'));
  await kz.getByRole('status').getByText('Imported: 3 new, 0 updated, 0 unchanged.').waitFor();
  const national = kz.getByTestId('national-list');
  await national.locator('tbody tr').first().waitFor();
  assert.equal(await national.locator('tbody tr').count(), 3);
  await national.locator('tr', { hasText: 'ABDULLAEV' }).getByRole('button', { name: 'Propose for the single list' }).click();
  await kz.getByTestId('queue').locator('tr', { hasText: 'ABDULLAEV' }).waitFor();
  await national.locator('tr', { hasText: 'ABDULLAEV' }).getByText('before the states').waitFor();
  assert.match(await kz.getByTestId('queue').innerText(), /listing\s+KZ\s+open/);

  // Russia's authority imports its own list, groups its entry for the same man, and concurs.
  const ru = await signedInPage(browser, server.url, 'ru@example.org');
  await ru.goto(`${server.url}/single-list`);
  await upload(ru, fixture('ru-national.ftm.jsonl'));
  await ru.getByRole('status').getByText(/^Imported: \d+ new/).waitFor();
  const row = ru.getByTestId('queue').locator('tr', { hasText: 'ABDULLAEV' });
  await row.getByLabel('Our entry').selectOption({ label: 'Rustam Abdullaev' });
  await row.getByLabel('Judgement').selectOption('same');
  await row.getByRole('button', { name: 'Group with this proposal' }).click();
  await row.getByRole('button', { name: 'Concur' }).click();
  await row.getByText('RU: concurs').waitFor();
  assert.doesNotMatch(await row.locator('td').nth(5).innerText(), /RU/, 'RU is no longer pending');
  await shoot(ru, 'single-list-queue');

  // The other members concur (their own screens are the API's; the procedure is what matters here).
  const [proposal] = await listProposals(server.database.db, coordinators, {});
  for (const state of MEMBERS.filter((s) => s !== 'RU')) await expressPosition(server.database.db, coordinators, proposal!.id, { state, position: 'concur' });
  await kz.reload();
  await kz.getByTestId('single-list').getByRole('link', { name: 'RUSTAM KARIMOVICH ABDULLAEV' }).click();
  await kz.getByTestId('entity-values').waitFor();
  assert.match(await kz.getByTestId('entity-values').innerText(), /Абдуллаев Рустам Каримович\s+KZ, RU/, 'the value keeps both source states');
  assert.match(await kz.getByTestId('entity-history').innerText(), /single_list\.list/);
  await shoot(kz, 'single-list-entity');

  await kz.goto(`${server.url}/single-list`);
  const form = kz.getByTestId('screening-form');
  await form.getByLabel('Name (any script)').fill('Abdullayev Rustam');
  await form.getByLabel('Born').fill('1980');
  await form.getByRole('button', { name: 'Screen' }).click();
  const results = kz.getByTestId('screening-results');
  await results.locator('tr.match').first().waitFor();
  assert.match(await results.locator('tr.match').first().innerText(), /RUSTAM KARIMOVICH ABDULLAEV · match[\s\S]*single-list \(KZ, RU\)/);
  assert.match(await results.locator('tr.match mark').first().innerText(), /ABDULLAEV|Abdullayev|Абдуллаев/i, 'the listed name that matched is highlighted');
  await shoot(kz, 'single-list-screening');
  await form.getByLabel('Name (any script)').fill('王磊');
  await form.getByLabel('Born').fill('');
  await form.getByRole('button', { name: 'Screen' }).click();
  await results.locator('tr.match', { hasText: 'national-KZ' }).waitFor();

  // Russia's authority sees the single list and its own national list, never Kazakhstan's.
  await ru.goto(`${server.url}/single-list`);
  await ru.getByTestId('single-list').getByRole('link', { name: 'RUSTAM KARIMOVICH ABDULLAEV' }).waitFor();
  assert.doesNotMatch(await ru.getByTestId('national-list').innerText(), /RUSTAM KARIMOVICH ABDULLAEV|WANG LEI/);
  await ru.getByTestId('screening-form').getByLabel('Name (any script)').fill('王磊');
  await ru.getByTestId('screening-form').getByRole('button', { name: 'Screen' }).click();
  await ru.getByTestId('screening-results').getByText('No candidates.').waitFor();
});
