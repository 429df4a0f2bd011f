/** Two information-security nodes (KZ, RU) over NATS: KZ issues a warning in the portal, RU acknowledges it, KZ sees it. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { serve, type Running } from '../server/main.ts';
import { loadConfig } from '../server/config.ts';
import { loadNodeKeys } from '../server/modules/infosec/envelope.ts';
import { savePeer } from '../server/modules/infosec/infosec.service.ts';
import { streamName } from '../server/modules/infosec/sharing-link.ts';
import { launchBrowser, shoot, signedInPage, user } from './browser.ts';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const network = `e2e${process.pid}`;
const nodes: Record<'KZ' | 'RU', Running> = {} as never;
let browser: Browser;

before(async () => {
  const homes = { KZ: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-kz-')), RU: fs.mkdtempSync(path.join(os.tmpdir(), 'secretariat-e2e-ru-')) };
  for (const state of ['KZ', 'RU'] as const) {
    nodes[state] = await serve({ ...loadConfig({}), port: 0, dataDir: path.join(homes[state], 'pglite'), logLevel: 'warn', nodeState: state, nodeNetwork: network, natsUrl: NATS_URL });
    await user(nodes[state].database.db, `cert@${state.toLowerCase()}.example`, [{ role: 'cert_officer', state }]);
  }
  await savePeer(nodes.KZ.database.db, 'test', { state: 'RU', public_key: loadNodeKeys(homes.RU).publicKeyPem });
  await savePeer(nodes.RU.database.db, 'test', { state: 'KZ', public_key: loadNodeKeys(homes.KZ).publicKeyPem });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const node of Object.values(nodes)) await node?.stop();
  const nc = await connect({ servers: NATS_URL });
  await (await jetstreamManager(nc)).streams.delete(streamName(network)).catch(() => false);
  await nc.close();
});

test('KZ issues an AMBER warning to RU in the portal; RU acknowledges; KZ sees who acknowledged', async () => {
  const kz = await signedInPage(browser, nodes.KZ.url, 'cert@kz.example');
  await kz.goto(`${nodes.KZ.url}/infosec`);
  const form = kz.getByTestId('issue-warning');
  await form.getByLabel('Title').fill('Phishing against customs portals');
  await form.getByRole('checkbox', { name: 'RU' }).check();
  await form.getByLabel('Valid until').fill('2027-01-31');
  await form.getByLabel('Indicators (one STIX pattern a line)').fill("[domain-name:value = 'customs-login.example']");
  await form.getByRole('button', { name: 'Issue' }).click();
  await form.getByText('Issued to KZ, RU.').waitFor();
  await kz.getByTestId('warnings').getByText('Not yet acknowledged: RU').waitFor();

  const ru = await signedInPage(browser, nodes.RU.url, 'cert@ru.example');
  await ru.goto(`${nodes.RU.url}/infosec`);
  // The warning travels KZ → NATS → RU; reload until it has arrived.
  for (let i = 0; i < 50 && !(await ru.getByText('Phishing against customs portals').count()); i++) {
    await ru.waitForTimeout(200);
    await ru.reload();
  }
  await ru.getByRole('button', { name: 'Acknowledge' }).click();
  await ru.getByRole('button', { name: 'Acknowledge' }).waitFor({ state: 'detached' });
  for (const lang of ['ru', 'zh', 'en']) {
    await ru.getByTestId('language').selectOption(lang);
    await shoot(ru, `infosec-board-${lang}`);
  }

  for (let i = 0; i < 50 && (await kz.getByText('Not yet acknowledged: RU').count()); i++) {
    await kz.waitForTimeout(200);
    await kz.reload();
  }
  const row = kz.getByTestId('warnings').getByRole('row', { name: /Phishing against customs portals/ });
  assert.match(await row.innerText(), /RU/);
  assert.equal(await kz.getByText('Not yet acknowledged: RU').count(), 0);
  await shoot(kz, 'infosec-board-sender');
});
