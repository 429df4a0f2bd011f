/**
 * Starts local information-security nodes, one per state named, against one NATS server:
 * `npm run nodes -- KZ RU [CN …]`. Each node gets its own port (3201, 3202, …), data directory
 * (.data/nodes/<state>/) and Ed25519 key; every node approves the others' keys; a CERT officer
 * `cert@<state>.example` is created on first run, its password printed once. Ctrl-C stops them all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { loadConfig, projectRoot } from '../server/config.ts';
import { openReady } from '../server/open-database.ts';
import { createUser, findUserByEmail, grantRole } from '../server/modules/accounts/accounts.service.ts';
import { randomSecret } from '../server/modules/accounts/secrets.ts';
import { loadNodeKeys } from '../server/modules/infosec/envelope.ts';
import { savePeer } from '../server/modules/infosec/infosec.service.ts';

const states = process.argv.slice(2).map((s) => s.toUpperCase());
if (states.length < 2 || states.some((s) => !/^[A-Z]{2}$/.test(s))) {
  console.error('usage: npm run nodes -- KZ RU [CN …]   (two or more ISO 3166 alpha-2 codes)');
  process.exit(2);
}
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const nodes = states.map((state, i) => {
  const home = path.join(projectRoot, '.data', 'nodes', state.toLowerCase());
  return { state, home, port: 3201 + i, dataDir: path.join(home, 'pglite'), publicKey: loadNodeKeys(home).publicKeyPem };
});

for (const node of nodes) {
  const { database } = await openReady({ ...loadConfig(), databaseUrl: undefined, dataDir: node.dataDir });
  try {
    for (const peer of nodes.filter((n) => n !== node)) await savePeer(database.db, 'script:infosec-nodes', { state: peer.state, public_key: peer.publicKey });
    const email = `cert@${node.state.toLowerCase()}.example`;
    if (!(await findUserByEmail(database.db, email))) {
      const password = randomSecret(15);
      await createUser(database.db, 'script:infosec-nodes', { email, displayName: `CERT of ${node.state}`, password });
      await grantRole(database.db, 'script:infosec-nodes', email, { role: 'cert_officer', state: node.state });
      console.log(`${node.state}: ${email} password (shown once): ${password}`);
    }
  } finally {
    await database.close();
  }
}

const children: ChildProcess[] = nodes.map((node) => {
  const env = { ...process.env, PORT: String(node.port), SECRETARIAT_DATA_DIR: node.dataDir, SECRETARIAT_NODE_STATE: node.state, NATS_URL: natsUrl, DATABASE_URL: '' };
  const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'secretariat.js'), 'serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  readline.createInterface({ input: child.stdout! }).on('line', (line) => console.log(`[${node.state}] ${line}`));
  return child;
});
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
