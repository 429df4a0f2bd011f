/**
 * Sharing between information-security nodes over NATS JetStream: KZ publishes warnings carrying
 * `--indicators` indicators in all (`--per-warning` each, TLP:GREEN, so both RU and CN receive
 * every one); the time from issue at KZ to visibility in each recipient's database, and the
 * throughput, against raw JetStream publish and consume of the same signed payloads in the same run.
 * Usage: npm run bench:sharing [-- --indicators 100000 --per-warning 100]
 * Needs PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres) and
 * NATS with JetStream (NATS_URL, default nats://127.0.0.1:4222).
 */
import { parseArgs } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { openDatabase, type Database } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadReference } from '../server/reference/load-reference.ts';
import { seed } from '../server/reference/seed.ts';
import { projectRoot } from '../server/config.ts';
import type { Actor } from '../server/policies/actor.ts';
import { keysOf, signEnvelope } from '../server/modules/infosec/envelope.ts';
import { issueWarning, savePeer, type InfosecNode } from '../server/modules/infosec/infosec.service.ts';
import { startSharingLink, streamName, type SharingLink } from '../server/modules/infosec/sharing-link.ts';
import { benignCheck, correlate, observablesOf, type WarningLists } from '../server/modules/infosec/correlation.ts';
import fs from 'node:fs';

const { values } = parseArgs({ options: { indicators: { type: 'string', default: '100000' }, 'per-warning': { type: 'string', default: '100' }, correlate: { type: 'string', default: '1000000' } } });
const PER_WARNING = Number(values['per-warning']);
const WARNINGS = Math.ceil(Number(values.indicators) / PER_WARNING);
const serverUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const network = `bench${process.pid}`;
const STATES = ['KZ', 'RU', 'CN'] as const;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
const databases = new Map<string, Database>();
const nodes = new Map<string, InfosecNode>();
const links: SharingLink[] = [];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${percentile(s, 50).toFixed(0)} ms, p99 ${percentile(s, 99).toFixed(0)} ms`;
};
const indicators = (w: number) => Array.from({ length: PER_WARNING }, (_, i) => ({ pattern: `[ipv4-addr:value = '10.${w % 250}.${Math.floor(i / 250)}.${i % 250}']` }));

try {
  for (const state of STATES) {
    const name = `secretariat_bench_${state.toLowerCase()}_${process.pid}`;
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString() });
    await migrate(database);
    await seed(database.db, loadReference(path.join(projectRoot, 'data', 'sco')), 'bench');
    databases.set(state, database);
    nodes.set(state, { state, network, keys: keysOf(generateKeyPairSync('ed25519').privateKey) });
  }
  for (const state of STATES) for (const peer of STATES) if (peer !== state) await savePeer(databases.get(state)!.db, 'bench', { state: peer, public_key: nodes.get(peer)!.keys.publicKeyPem });
  for (const state of STATES) links.push(await startSharingLink(databases.get(state)!.db, nodes.get(state)!, NATS_URL, { pollMs: 20 }));

  const kz: Actor = { kind: 'user', userId: 'bench', email: 'bench@kz.example', displayName: 'bench', roles: [{ role: 'cert_officer', state: 'KZ', organ: null }], via: 'session', scopes: null };
  console.log(`${WARNINGS} warnings × ${PER_WARNING} indicators = ${WARNINGS * PER_WARNING} indicators, KZ → RU and CN (TLP:GREEN), PostgreSQL, NATS JetStream`);
  const t0 = performance.now();
  const issuedAt = new Map<string, number>();
  for (let w = 0; w < WARNINGS; w++) {
    const { id } = await issueWarning(databases.get('KZ')!.db, kz, nodes.get('KZ')!, { title: `bench ${w}`, tlp: 'GREEN', pap: 'GREEN', audience: { kind: 'community' }, severity: 'medium', sectors: ['bench'], recommended_actions: '', valid_until: '2027-01-01', indicators: indicators(w) });
    issuedAt.set(id, Date.now());
  }
  const issuedMs = performance.now() - t0;
  for (const state of ['RU', 'CN']) {
    for (;;) {
      const { n } = (await databases.get(state)!.db.selectFrom('infosec_record').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow());
      if (Number(n) >= WARNINGS) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const allMs = performance.now() - t0;
  const latencies: number[] = [];
  for (const state of ['RU', 'CN']) {
    const rows = await databases.get(state)!.db.selectFrom('infosec_record').select(['id', 'received_at']).execute();
    for (const r of rows) latencies.push(new Date(r.received_at!).getTime() - issuedAt.get(r.id)!);
  }
  const indicatorsPerSecond = (WARNINGS * PER_WARNING * 2) / (allMs / 1000);
  console.log(`product: issued in ${(issuedMs / 1000).toFixed(1)} s; visible at both recipients after ${(allMs / 1000).toFixed(1)} s; ${indicatorsPerSecond.toFixed(0)} indicators/s delivered; issue → visible ${stats(latencies)}`);

  // Baseline: the same signed payloads published and consumed on raw JetStream, nothing applied.
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  const raw = `${streamName(network)}_RAW`;
  await jsm.streams.add({ name: raw, subjects: [`raw.${network}.>`] });
  await jsm.consumers.add(raw, { durable_name: 'raw', ack_policy: AckPolicy.Explicit });
  const js = jetstream(nc);
  const sample = signEnvelope({ kind: 'record', origin: 'KZ', recipient: 'RU', id: 'x', version: 1, sent_at: '', payload: { indicators: indicators(0) } }, nodes.get('KZ')!.keys.privateKey);
  const body = JSON.stringify(sample);
  const r0 = performance.now();
  const sentAt: number[] = [];
  const consumer = await js.consumers.get(raw, 'raw');
  const rawLatencies: number[] = [];
  const received = (async () => {
    const messages = await consumer.consume();
    for await (const m of messages) {
      rawLatencies.push(Date.now() - sentAt[Number(m.headers?.get('n') ?? 0)]!);
      m.ack();
      if (rawLatencies.length >= WARNINGS * 2) break;
    }
  })();
  const { headers } = await import('@nats-io/transport-node');
  for (let w = 0; w < WARNINGS; w++) {
    for (const to of ['RU', 'CN']) {
      const h = headers();
      h.set('n', String(sentAt.length));
      sentAt.push(Date.now());
      await js.publish(`raw.${network}.${to}`, body, { headers: h });
    }
  }
  await received;
  const rawMs = performance.now() - r0;
  const rawPerSecond = (WARNINGS * PER_WARNING * 2) / (rawMs / 1000);
  console.log(`raw JetStream: ${rawPerSecond.toFixed(0)} indicators/s; publish → consume ${stats(rawLatencies)}`);
  console.log(`ratio (product / raw JetStream throughput): ${(indicatorsPerSecond / rawPerSecond).toFixed(3)}`);
  await jsm.streams.delete(raw);
  await jsm.streams.delete(streamName(network));
  await nc.close();
  correlationBench(Number(values.correlate));
} finally {
  for (const link of links) await link.stop();
  for (const [state, database] of databases) {
    await database.close();
    await admin.query(`drop database if exists secretariat_bench_${state.toLowerCase()}_${process.pid} with (force)`);
  }
  await admin.end();
}

/**
 * Correlation over `n` indicators from ten states, one value in ten shared by two states (50,000 at a million): the
 * engine (pattern parsing, warning lists, bounds) against a plain grouping of the same values.
 */
function correlationBench(n: number) {
  const states = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
  const records = Array.from({ length: n / 100 }, (_, r) => ({
    id: `r${r}`,
    originator: states[r % 10]!,
    patterns: Array.from({ length: 100 }, (_, i) => {
      const k = r * 100 + i;
      // Every tenth value is shared by a pair of records of two different states.
      const v = k % 10 === 0 ? (r - (r % 2)) * 100 + i : k;
      return `[ipv4-addr:value = '${45 + (Math.abs(v) >> 24)}.${(Math.abs(v) >> 16) & 255}.${(Math.abs(v) >> 8) & 255}.${Math.abs(v) & 255}']`;
    }),
  }));
  const lists = JSON.parse(fs.readFileSync(path.join(projectRoot, 'data', 'infosec', 'warning-lists.json'), 'utf8')) as WarningLists;
  const c0 = performance.now();
  const found = correlate(records, benignCheck(lists));
  const engineMs = performance.now() - c0;
  const b0 = performance.now();
  const plain = new Map<string, Set<string>>();
  for (const r of records) for (const p of r.patterns) for (const o of observablesOf(p)) (plain.get(o.value) ?? plain.set(o.value, new Set()).get(o.value)!).add(r.originator);
  const shared = [...plain.values()].filter((s) => s.size >= 2).length;
  const plainMs = performance.now() - b0;
  console.log(`correlation over ${n} indicators: engine ${engineMs.toFixed(0)} ms (${found.length} values shared by two or more states), plain grouping ${plainMs.toFixed(0)} ms (${shared}); ratio ${(engineMs / plainMs).toFixed(2)}; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
