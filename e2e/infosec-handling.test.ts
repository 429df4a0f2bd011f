/**
 * Incident handling and sharing groups in the portal on one KZ node (no NATS): KZ's CERT officer
 * ticks the checklist of an incident and moves it on; an administrator sees a group defined
 * through the API, with its member states by name, and defines another with the form.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { serve, type Running } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { launchBrowser, shoot, signedInPage, user } from './browser.ts';

let node: Running;
let browser: Browser;

before(async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-handling-'));
  node = await serve({ ...loadConfig({}), port: 0, dataDir: path.join(home, 'pglite'), logLevel: 'warn', nodeState: 'KZ', nodeNetwork: `e2eh${process.pid}`, natsUrl: undefined });
  await user(node.database.db, 'cert@kz.example', [{ role: 'cert_officer', state: 'KZ' }]);
  await user(node.database.db, 'admin@kz.example', [{ role: 'administrator' }]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await node?.stop();
});

/** A change through the API from the signed-in page (its session and CSRF token): the status and body. */
const api = (page: Page, method: string, url: string, body: unknown) =>
  page.evaluate(async ({ method, url, body }) => {
    const { csrf_token } = await (await fetch('/api/v1/session')).json();
    const res = await fetch(url, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf_token }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.text() };
  }, { method, url, body });

test("KZ's CERT officer handles an incident in the portal: ticks the reported steps, moves it to triaged, and sees it after a reload", async () => {
  const kz = await signedInPage(browser, node.url, 'cert@kz.example');
  const opened = await api(kz, 'POST', '/api/v1/infosec/incidents', { title: 'Ransomware at a power utility', tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['KZ', 'RU'] }, severity: 'high', sectors: ['energy'], description: 'Encrypted control-room workstations.', objects: [] });
  assert.equal(opened.status, 201, opened.body);
  const id = JSON.parse(opened.body).id as string;

  await kz.goto(`${node.url}/infosec/incidents`);
  const incident = kz.getByTestId('incident').filter({ hasText: 'Ransomware at a power utility' });
  await incident.getByTestId('incident-status').filter({ hasText: 'Reported' }).waitFor();
  // Moving on before the steps are done is refused, and the page says why.
  await incident.getByTestId('incident-next').click();
  await kz.getByRole('alert').waitFor();
  for (const step of ['record-report', 'preserve-evidence']) {
    // The box is controlled by the record: it shows ticked once the server has recorded the step.
    await incident.getByTestId(`step-${step}`).click();
    await incident.locator(`[data-testid="step-${step}"]:checked`).waitFor();
  }
  await incident.getByTestId('incident-next').click();
  await incident.getByTestId('incident-status').filter({ hasText: 'Triaged' }).waitFor();
  await kz.reload();
  const again = kz.getByTestId('incident').filter({ hasText: 'Ransomware at a power utility' });
  assert.equal(await again.getByTestId('incident-status').innerText(), 'Triaged');
  assert.ok(await again.getByTestId('step-record-report').isChecked());
  assert.ok(await again.getByTestId('step-preserve-evidence').isChecked());
  assert.ok(!(await again.getByTestId('step-assess-severity').isChecked()));
  const record = await kz.evaluate(async (id) => (await fetch(`/api/v1/infosec/records/${id}`)).json(), id);
  assert.equal(record.status, 'triaged');
  assert.deepEqual(Object.keys(record.checklist).sort(), ['preserve-evidence', 'record-report']);
  await shoot(kz, 'infosec-incident-handled');
});

test('the sharing-groups page lists a group defined through the API with its member states by name; an administrator defines another with the form', async () => {
  const admin = await signedInPage(browser, node.url, 'admin@kz.example');
  const defined = await api(admin, 'PUT', '/api/v1/infosec/groups/central-asia', { name: 'Central Asia', states: ['KZ', 'KG', 'TJ', 'UZ'] });
  assert.equal(defined.status, 200, defined.body);

  await admin.goto(`${node.url}/infosec/sharing-groups`);
  const row = admin.getByTestId('sharing-groups').getByRole('row', { name: /central-asia/ });
  await row.getByRole('link', { name: 'Kazakhstan' }).waitFor();
  for (const name of ['Kyrgyzstan', 'Tajikistan', 'Uzbekistan']) assert.equal(await row.getByRole('link', { name }).count(), 1, name);

  const form = admin.getByTestId('define-group');
  await form.getByLabel(/Identifier/).fill('east');
  await form.getByLabel('Name').fill('East');
  await form.getByRole('checkbox', { name: 'CN' }).check();
  await form.getByRole('checkbox', { name: 'KZ' }).check();
  await form.getByRole('button', { name: 'Define' }).click();
  await form.getByText('Sharing group east defined.').waitFor();
  const east = admin.getByTestId('sharing-groups').getByRole('row', { name: /east/ });
  await east.getByRole('link', { name: 'China' }).waitFor();
  await shoot(admin, 'infosec-sharing-groups');

  // KZ's CERT officer reads the groups but has no form to define one.
  const kz = await signedInPage(browser, node.url, 'cert@kz.example');
  await kz.goto(`${node.url}/infosec/sharing-groups`);
  await kz.getByTestId('sharing-groups').getByRole('row', { name: /central-asia/ }).waitFor();
  assert.equal(await kz.getByTestId('define-group').count(), 0);
});
