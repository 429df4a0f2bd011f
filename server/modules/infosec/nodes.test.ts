/**
 * Three member states' nodes (KZ, RU, CN), each with its own database and key, sharing over the
 * NATS JetStream server at NATS_URL (default nats://127.0.0.1:4222), on a network of their own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { Actor } from '../../policies/actor.ts';
import { openTestDatabase, type TestDatabase } from '../../testing/test-database.ts';
import { keysOf, signEnvelope } from './envelope.ts';
import { acknowledge, getRecord, issueWarning, listRecords, reportSighting, revoke, type InfosecNode, type WarningInput } from './infosec.service.ts';
import { openIncident, setIncidentStatus, tickStep } from './incidents.service.ts';
import { STIX_OBJECTS } from './stix.fixture.ts';
import { startSharingLink, streamName, subjectFor, type SharingLink } from './sharing-link.ts';

const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const network = `test${process.pid}${Math.random().toString(36).slice(2, 7)}`;
const STATES = ['KZ', 'RU', 'CN'] as const;
type State = (typeof STATES)[number];

interface Node {
  node: InfosecNode;
  database: TestDatabase;
  link: SharingLink | null;
  officer: Actor;
}
const nodes = {} as Record<State, Node>;

const officer = (state: string): Actor => ({ kind: 'user', userId: `cert-${state}`, email: `cert@${state.toLowerCase()}.example`, displayName: `CERT ${state}`, roles: [{ role: 'cert_officer', state, organ: null }], via: 'session', scopes: null });
const start = async (state: State) => {
  nodes[state].link = await startSharingLink(nodes[state].database.db, nodes[state].node, NATS_URL, { pollMs: 50 });
};
const stop = async (state: State) => {
  await nodes[state].link?.stop();
  nodes[state].link = null;
};

before(async () => {
  for (const state of STATES) {
    const { privateKey } = generateKeyPairSync('ed25519');
    nodes[state] = { node: { state, keys: keysOf(privateKey), network }, database: await openTestDatabase(), link: null, officer: officer(state) };
  }
  // Every node approves every other node's key, as administrators do.
  for (const state of STATES) {
    const peers = STATES.filter((s) => s !== state).map((s) => ({ state: s, public_key: nodes[s].node.keys.publicKeyPem, approved_by: 'test', approved_at: new Date().toISOString() }));
    await nodes[state].database.db.insertInto('infosec_peer').values(peers).execute();
    await start(state);
  }
});

after(async () => {
  for (const state of STATES) {
    await stop(state);
    await nodes[state].database.dispose();
  }
  const nc = await connect({ servers: NATS_URL });
  await (await jetstreamManager(nc)).streams.delete(streamName(network)).catch(() => false);
  await nc.close();
});

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const stored = (state: State, id: string) => nodes[state].database.db.selectFrom('infosec_record').selectAll().where('id', '=', id).executeTakeFirst();
const warning = (overrides: Partial<WarningInput>): WarningInput => ({
  title: 'Phishing wave against customs portals',
  tlp: 'AMBER',
  pap: 'AMBER',
  audience: { kind: 'states', states: ['KZ', 'RU'] },
  severity: 'high',
  sectors: ['customs'],
  recommended_actions: 'Block the indicators; warn staff.',
  valid_until: '2027-01-31',
  indicators: [{ pattern: "[domain-name:value = 'customs-login.example']" }],
  ...overrides,
});

/** The ids of the envelopes on `state`'s subject in the stream, read straight from JetStream. */
async function idsOnSubject(state: State): Promise<string[]> {
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  const { state: stream } = await jsm.streams.info(streamName(network));
  const ids: string[] = [];
  for (let seq = stream.first_seq; seq <= stream.last_seq; seq++) {
    const m = await jsm.streams.getMessage(streamName(network), { seq }).catch(() => null);
    if (m?.subject !== subjectFor(network, state)) continue;
    // The refusal test publishes garbage on RU's subject: it names no record.
    try {
      ids.push((m.json() as { envelope: { id: string } }).envelope.id);
    } catch {
      ids.push('(not json)');
    }
  }
  await nc.close();
  return ids;
}

test('an AMBER warning for KZ and RU reaches RU and never CN; RU acknowledges and KZ sees who has not', async () => {
  const { id } = await issueWarning(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, warning({}));
  await eventually('RU to receive', () => stored('RU', id));
  // A later community-wide warning reaching CN shows CN's consumer is live and past the AMBER one.
  const green = await issueWarning(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, warning({ title: 'Patch advisory', tlp: 'GREEN', pap: 'GREEN', audience: { kind: 'community' } }));
  await eventually('CN to receive the GREEN warning', () => stored('CN', green.id));
  assert.equal(await stored('CN', id), undefined, "the AMBER warning is not in CN's database");
  const onCnSubject = await idsOnSubject('CN');
  assert.ok(onCnSubject.includes(green.id));
  assert.ok(!onCnSubject.includes(id), 'nor on the subject CN consumes');
  await assert.rejects(getRecord(nodes.CN.database.db, nodes.CN.officer, nodes.CN.node, id), /not found/);

  const before = await getRecord(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, id);
  assert.deepEqual(before.not_acknowledged, ['RU']);
  await acknowledge(nodes.RU.database.db, nodes.RU.officer, nodes.RU.node, id);
  const acknowledged = await eventually('the acknowledgement to reach KZ', async () => {
    const r = await getRecord(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, id);
    return r.acknowledgements.length ? r : undefined;
  });
  assert.deepEqual(acknowledged.acknowledgements.map((a) => a.state), ['RU']);
  assert.deepEqual(acknowledged.not_acknowledged, []);
  // CN's officer cannot acknowledge what it never received; RU cannot acknowledge its own twice into two rows.
  await assert.rejects(acknowledge(nodes.CN.database.db, nodes.CN.officer, nodes.CN.node, id), /not found/);
  await acknowledge(nodes.RU.database.db, nodes.RU.officer, nodes.RU.node, id);
  const acks = await nodes.RU.database.db.selectFrom('infosec_acknowledgement').selectAll().where('record_id', '=', id).execute();
  assert.equal(acks.length, 1);
  // RU's sighting reaches KZ alone: CN never hears of it.
  await reportSighting(nodes.RU.database.db, nodes.RU.officer, nodes.RU.node, id, { kind: 'false_positive', note: 'the domain is our test portal' });
  const sighted = await eventually('the sighting to reach KZ', async () => {
    const r = await getRecord(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, id);
    return r.sightings.length ? r : undefined;
  });
  assert.deepEqual(sighted.sightings.map((x) => [x.state, x.kind, x.note]), [['RU', 'false_positive', 'the domain is our test portal']]);
  assert.equal((await nodes.CN.database.db.selectFrom('infosec_sighting').selectAll().execute()).length, 0);
});

test('RED goes to its named recipient only; a revocation propagates as a tombstone', async () => {
  const { id } = await issueWarning(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, warning({ title: 'Compromised ministry mail server', tlp: 'RED', pap: 'RED', audience: { kind: 'states', states: ['CN'] } }));
  const atCn = await eventually('CN to receive', () => stored('CN', id));
  assert.equal(atCn.title, 'Compromised ministry mail server');
  await revoke(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, id);
  const tombstone = await eventually('the revocation at CN', async () => {
    const r = await stored('CN', id);
    return r?.revoked ? r : undefined;
  });
  assert.equal(tombstone.version, 2);
  assert.equal(tombstone.title, '');
  assert.deepEqual(tombstone.body, {});
  assert.equal(await stored('RU', id), undefined, 'RU never had the RED warning');
  // RU's officer sees only what was sent to RU.
  const visible = await listRecords(nodes.RU.database.db, nodes.RU.officer, nodes.RU.node);
  assert.ok(!visible.some((r) => r.id === id));
});

test('a node that was down catches up from the stream', async () => {
  await stop('RU');
  const { id } = await issueWarning(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, warning({ title: 'Sent while RU was down' }));
  await nodes.KZ.link!.flush();
  assert.equal(await stored('RU', id), undefined);
  await start('RU');
  const caught = await eventually('RU to catch up', () => stored('RU', id));
  assert.equal(caught.title, 'Sent while RU was down');
});

test('a tampered, unsigned or misaddressed message is refused and logged', async () => {
  const { id } = await issueWarning(nodes.KZ.database.db, nodes.KZ.officer, nodes.KZ.node, warning({ title: 'Original title', audience: { kind: 'states', states: ['RU'] } }));
  await eventually('RU to receive', () => stored('RU', id));
  const nc = await connect({ servers: NATS_URL });
  const subject = subjectFor(network, 'RU');
  const genuine = signEnvelope({ kind: 'record', origin: 'KZ', recipient: 'RU', id, version: 5, sent_at: new Date().toISOString(), payload: { kind: 'warning', originator: 'KZ', tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['RU'] }, recipients: ['RU'], title: 'Original title', body: {}, revoked: false, issued_by: 'x', issued_at: new Date().toISOString() } }, nodes.KZ.node.keys.privateKey);
  const tampered = { ...genuine, envelope: { ...genuine.envelope, payload: { ...genuine.envelope.payload, title: 'Forged title' } } };
  const forgedByCn = signEnvelope({ ...genuine.envelope, payload: { ...genuine.envelope.payload, title: 'CN pretends to be KZ' } }, nodes.CN.node.keys.privateKey);
  const js = (await import('@nats-io/jetstream')).jetstream(nc);
  await js.publish(subject, JSON.stringify(tampered));
  await js.publish(subject, JSON.stringify(forgedByCn));
  await js.publish(subject, JSON.stringify({ envelope: genuine.envelope }));
  await js.publish(subject, 'not json');
  await nc.close();
  const rejected = await eventually('four refusals at RU', async () => {
    const rows = await nodes.RU.database.db.selectFrom('infosec_rejected').selectAll().execute();
    return rows.length >= 4 ? rows : undefined;
  });
  assert.deepEqual(rejected.map((r) => r.reason).sort(), ['bad signature', 'bad signature', 'not a signed envelope', 'not a signed envelope']);
  assert.equal((await stored('RU', id))!.title, 'Original title');
  assert.equal((await stored('RU', id))!.version, 1);
});

test('an AMBER incident for KZ and RU: its status changes and checklist ticks reach RU, and nothing of it reaches CN', async () => {
  const kz = nodes.KZ;
  const { id } = await openIncident(kz.database.db, kz.officer, kz.node, { title: 'Intrusion at the customs portal', tlp: 'AMBER', pap: 'AMBER', audience: { kind: 'states', states: ['KZ', 'RU'] }, severity: 'high', sectors: ['customs'], description: 'RAT on two servers', objects: STIX_OBJECTS as never });
  await eventually('RU to receive the incident', () => stored('RU', id));
  for (const step of ['record-report', 'preserve-evidence']) await tickStep(kz.database.db, kz.officer, kz.node, id, step, true);
  await setIncidentStatus(kz.database.db, kz.officer, kz.node, id, 'triaged');
  await tickStep(kz.database.db, kz.officer, kz.node, id, 'assess-severity', true);
  const atRu = await eventually('RU to see the incident triaged with its ticks', async () => {
    const r = await stored('RU', id);
    return r && r.version === 5 ? r : undefined;
  });
  const body = atRu.body as { status: string; checklist: Record<string, unknown>; objects: unknown[] };
  assert.equal(body.status, 'triaged');
  assert.deepEqual(Object.keys(body.checklist).sort(), ['assess-severity', 'preserve-evidence', 'record-report']);
  assert.equal(body.objects.length, STIX_OBJECTS.length);
  // RU reads it as a recipient; only KZ handles it.
  const seen = await getRecord(nodes.RU.database.db, nodes.RU.officer, nodes.RU.node, id);
  assert.equal((seen as { status?: string }).status, 'triaged');
  await assert.rejects(setIncidentStatus(nodes.RU.database.db, nodes.RU.officer, nodes.RU.node, id, 'contained'), /originating state/);
  // A later GREEN warning reaching CN shows CN's consumer is past every version of the incident.
  const green = await issueWarning(kz.database.db, kz.officer, kz.node, warning({ title: 'After the incident', tlp: 'GREEN', pap: 'GREEN', audience: { kind: 'community' } }));
  await eventually('CN to receive the GREEN warning', () => stored('CN', green.id));
  assert.equal(await stored('CN', id), undefined, "the incident is not in CN's database");
  assert.ok(!(await idsOnSubject('CN')).includes(id), 'nor on the subject CN consumes');
  assert.equal((await idsOnSubject('RU')).filter((x) => x === id).length, 5, 'RU got every version');
});
