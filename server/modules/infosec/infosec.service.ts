/**
 * Information-security records on one state's node: early warnings and incidents under a sharing
 * policy, their acknowledgements, revocation as a tombstone, and what arrives from peers. Every
 * change writes its audit event and, in the same transaction, the signed envelopes for exactly the
 * states its policy allows (the outbox the sharing link publishes): nothing is sent to a state
 * that may not see it, so no receiver is trusted to filter.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../http/problem.ts';
import { deny } from '../../http/auth.ts';
import { today } from '../../http/common-schemas.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import type { InfosecSubject } from '../../policies/infosec.policy.ts';
import { decidingStates } from '../decisions/decisions.service.ts';
import { policyProblem, recipients, type Audience, type Pap, type SharingContext, type Tlp } from './sharing-policy.ts';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config.ts';
import { benignCheck, correlate, type WarningLists } from './correlation.ts';
import { publicKeyOf, signEnvelope, verifyEnvelope, type Envelope, type NodeKeys, type Signed } from './envelope.ts';

/** The node this instance is: the state it is run for, its signing keys, its sharing network. */
export interface InfosecNode {
  state: string;
  keys: NodeKeys;
  /** Names the JetStream stream and subjects, so several networks can share one NATS server. */
  network: string;
}

export interface WarningInput {
  title: string;
  tlp: Tlp;
  pap: Pap;
  audience: Audience;
  severity: 'low' | 'medium' | 'high' | 'critical';
  sectors: string[];
  recommended_actions: string;
  valid_until: string;
  /** STIX 2.1 indicator patterns, e.g. `[ipv4-addr:value = '203.0.113.7']`. */
  indicators: { pattern: string; name?: string }[];
}

export type Row = DB['infosec_record'];
type Db = Kysely<DB> | Transaction<DB>;

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());
export const subjectOf = (node: InfosecNode, row?: Pick<Row, 'originator' | 'tlp' | 'recipients'>): InfosecSubject => ({ node: node.state, record: row && { originator: row.originator, tlp: row.tlp, recipients: row.recipients } });

/** The member states on today's date and the sharing groups, which audiences resolve against. */
export async function sharingContext(db: Db): Promise<SharingContext> {
  const groups = await db.selectFrom('infosec_sharing_group').select(['id', 'states']).execute();
  return { community: await decidingStates(db, today()), groups: new Map(groups.map((g) => [g.id, g.states])) };
}

/** What peers receive of a record version: everything but local bookkeeping. */
export function payloadOf(row: Row): Record<string, unknown> {
  return { kind: row.kind, originator: row.originator, tlp: row.tlp, pap: row.pap, audience: row.audience, recipients: row.recipients, title: row.title, body: row.body, revoked: row.revoked, issued_by: row.issued_by, issued_at: iso(row.issued_at) };
}

export async function enqueue(trx: Transaction<DB>, node: InfosecNode, kind: Envelope['kind'], id: string, version: number, to: string[], payload: Record<string, unknown>): Promise<void> {
  const sentAt = new Date().toISOString();
  const rows = to
    .filter((state) => state !== node.state)
    .map((recipient) => ({ msg_id: `${id}:${kind}:${version}:${node.state}:${recipient}`, recipient, signed: JSON.stringify(signEnvelope({ kind, origin: node.state, recipient, id, version, sent_at: sentAt, payload }, node.keys.privateKey)) }));
  if (rows.length) await trx.insertInto('infosec_outbox').values(rows).onConflict((oc) => oc.column('msg_id').doNothing()).execute();
}

/** Issues an early warning from this node's state to its policy's recipients. 400 when the policy is inconsistent. */
export async function issueWarning(db: Kysely<DB>, actor: Actor, node: InfosecNode, input: WarningInput): Promise<{ id: string; version: number; recipients: string[] }> {
  if (!can(actor, 'infosec.records.issue', subjectOf(node))) deny(actor, `Only ${node.state}'s CERT officers issue warnings from this node`);
  const context = await sharingContext(db);
  const policy = { tlp: input.tlp, pap: input.pap, audience: input.audience };
  const problem = policyProblem(policy, context);
  if (problem) throw new AppError('invalid_request', `audience: ${problem}`, [{ field: 'audience', message: problem }]);
  const to = recipients(policy, context);
  const { title, tlp, pap, audience, ...body } = input;
  const row: Row = { id: randomUUID(), version: 1, kind: 'warning', originator: node.state, tlp, pap, audience, recipients: to, title, body, revoked: false, issued_by: actorId(actor), issued_at: new Date().toISOString(), received_at: null };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('infosec_record').values({ ...row, audience: JSON.stringify(audience), body: JSON.stringify(body) }).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: node.state, action: 'infosec.warning.issued', subjectType: 'infosec_record', subjectId: row.id, after: { title, tlp, pap, audience, recipients: to } });
    await enqueue(trx, node, 'record', row.id, 1, to, payloadOf(row));
  });
  return { id: row.id, version: 1, recipients: to };
}

export async function loadVisible(db: Db, actor: Actor, node: InfosecNode, id: string): Promise<Row> {
  const row = /^[0-9a-f-]{36}$/.test(id) ? await db.selectFrom('infosec_record').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
  if (!row || !can(actor, 'infosec.records.read', subjectOf(node, row))) throw notFound(`Record "${id}"`);
  return row;
}

export async function present(db: Db, node: InfosecNode, row: Row) {
  const acks = await db.selectFrom('infosec_acknowledgement').select(['state', 'acknowledged_by', 'acknowledged_at']).where('record_id', '=', row.id).orderBy('state').execute();
  const own = row.originator === node.state;
  // The originator sees every state's sightings; a recipient its own.
  let sightings = db.selectFrom('infosec_sighting').select(['state', 'kind', 'note', 'reported_at']).where('record_id', '=', row.id).orderBy('reported_at').orderBy('id');
  if (!own) sightings = sightings.where('state', '=', node.state);
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    originator: row.originator,
    tlp: row.tlp,
    pap: row.pap,
    audience: row.audience,
    recipients: row.recipients,
    revoked: row.revoked,
    title: row.title,
    ...(row.body as object),
    issued_at: iso(row.issued_at),
    received_at: iso(row.received_at),
    // The sender sees who has acknowledged and who has not; a recipient sees its own acknowledgement.
    acknowledgements: (own ? acks : acks.filter((a) => a.state === node.state)).map((a) => ({ state: a.state, at: iso(a.acknowledged_at) })),
    ...(own ? { not_acknowledged: row.recipients.filter((s) => s !== node.state && !acks.some((a) => a.state === s)) } : {}),
    sightings: (await sightings.execute()).map((x) => ({ ...x, reported_at: iso(x.reported_at) })),
  };
}

/** The records `actor` may see on this node (TLP:CLEAR for anyone; own and received for its CERT), newest first. */
export async function listRecords(db: Kysely<DB>, actor: Actor, node: InfosecNode) {
  const rows = await db.selectFrom('infosec_record').selectAll().orderBy('issued_at', 'desc').orderBy('id').limit(500).execute();
  const visible = rows.filter((r) => can(actor, 'infosec.records.read', subjectOf(node, r)));
  return Promise.all(visible.map((r) => present(db, node, r)));
}

export async function getRecord(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string) {
  return present(db, node, await loadVisible(db, actor, node, id));
}

/** A recipient's acknowledgement of a warning, sent back to its originator. Idempotent. */
export async function acknowledge(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string) {
  const row = await loadVisible(db, actor, node, id);
  if (!can(actor, 'infosec.records.acknowledge', subjectOf(node, row))) deny(actor, 'Only a recipient state acknowledges a warning');
  if (row.revoked) throw new AppError('conflict', 'The warning was revoked by its originator');
  await db.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const inserted = await trx.insertInto('infosec_acknowledgement').values({ record_id: id, state: node.state, acknowledged_by: actorId(actor), acknowledged_at: at }).onConflict((oc) => oc.columns(['record_id', 'state']).doNothing()).returning('state').executeTakeFirst();
    if (!inserted) return;
    await recordEvent(trx, { actor: actorId(actor), actingFor: node.state, action: 'infosec.warning.acknowledged', subjectType: 'infosec_record', subjectId: id, after: { state: node.state } });
    await enqueue(trx, node, 'ack', id, row.version, [row.originator], { state: node.state, acknowledged_at: at });
  });
  return getRecord(db, actor, node, id);
}

/** A recipient state's sighting (seen, false positive) or note on a record, sent to its originator. */
export async function reportSighting(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string, input: { kind: 'seen' | 'false_positive' | 'note'; note?: string }) {
  const row = await loadVisible(db, actor, node, id);
  if (!can(actor, 'infosec.records.acknowledge', subjectOf(node, row))) deny(actor, 'Only a recipient state reports sightings to the originator');
  if (row.revoked) throw new AppError('conflict', 'The record was revoked by its originator');
  const sighting = { id: randomUUID(), record_id: id, state: node.state, kind: input.kind, note: input.note ?? '', reported_by: actorId(actor), reported_at: new Date().toISOString() };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('infosec_sighting').values(sighting).execute();
    await recordEvent(trx, { actor: actorId(actor), actingFor: node.state, action: 'infosec.sighting.reported', subjectType: 'infosec_record', subjectId: id, after: { kind: input.kind, note: sighting.note } });
    await enqueue(trx, node, 'sighting', sighting.id, row.version, [row.originator], { record_id: id, state: node.state, kind: input.kind, note: sighting.note, reported_at: sighting.reported_at });
  });
  return getRecord(db, actor, node, id);
}

/** Revokes a record: a new version that keeps no content, sent to everyone who had it. */
export async function revoke(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string) {
  const row = await loadVisible(db, actor, node, id);
  if (!can(actor, 'infosec.records.revoke', subjectOf(node, row))) deny(actor, 'Only the originating state revokes a record');
  if (row.revoked) return present(db, node, row);
  const tombstone: Row = { ...row, version: row.version + 1, revoked: true, title: '', body: {} };
  await db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('infosec_record').set({ version: tombstone.version, revoked: true, title: '', body: '{}' }).where('id', '=', id).where('version', '=', row.version).executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AppError('conflict', 'The record changed meanwhile; reload it');
    await recordEvent(trx, { actor: actorId(actor), actingFor: node.state, action: 'infosec.record.revoked', subjectType: 'infosec_record', subjectId: id, before: { version: row.version }, after: { version: tombstone.version } });
    await enqueue(trx, node, 'record', id, tombstone.version, row.recipients, payloadOf(tombstone));
  });
  return getRecord(db, actor, node, id);
}

/**
 * Applies one message from the wire: verified against the approved key of the state it claims to
 * come from, addressed to this node, and allowed by the record's own recipients; a record version
 * replaces an older one only (duplicates and reordering are harmless). Returns why it was refused,
 * after logging the refusal, or undefined when applied.
 */
export async function applyMessage(db: Kysely<DB>, node: InfosecNode, subject: string, data: unknown): Promise<string | undefined> {
  const origin = typeof (data as Signed)?.envelope?.origin === 'string' ? (data as Signed).envelope.origin : null;
  const refuse = async (reason: string) => {
    await db.insertInto('infosec_rejected').values({ subject, origin, reason }).execute();
    return reason;
  };
  if (!origin) return refuse('not a signed envelope');
  const peer = await db.selectFrom('infosec_peer').select('public_key').where('state', '=', origin).executeTakeFirst();
  if (!peer) return refuse(`no approved key for ${origin}`);
  const verified = verifyEnvelope(data as Signed, publicKeyOf(peer.public_key));
  if ('problem' in verified) return refuse(verified.problem);
  const e = verified.envelope;
  if (e.recipient !== node.state) return refuse(`addressed to ${e.recipient}, not ${node.state}`);
  const p = e.payload;
  if (e.kind === 'record') {
    if (p.originator !== e.origin) return refuse('a record is published by its originator only');
    if (!Array.isArray(p.recipients) || !p.recipients.includes(node.state)) return refuse(`the record's policy does not include ${node.state}`);
    await db.transaction().execute(async (trx) => {
      const values = { id: e.id, version: e.version, kind: p.kind as Row['kind'], originator: e.origin, tlp: String(p.tlp), pap: String(p.pap), audience: JSON.stringify(p.audience), recipients: p.recipients as string[], title: String(p.title), body: JSON.stringify(p.body), revoked: p.revoked === true, issued_by: String(p.issued_by), issued_at: String(p.issued_at), received_at: new Date().toISOString() };
      const applied = await trx
        .insertInto('infosec_record')
        .values(values)
        .onConflict((oc) => oc.column('id').doUpdateSet({ version: e.version, tlp: values.tlp, pap: values.pap, audience: values.audience, recipients: values.recipients, title: values.title, body: values.body, revoked: values.revoked, received_at: values.received_at }).where('infosec_record.version', '<', e.version))
        .returning('id')
        .executeTakeFirst();
      if (applied) await recordEvent(trx, { actor: `node:${e.origin}`, actingFor: e.origin, action: values.revoked ? 'infosec.record.revoked' : 'infosec.record.received', subjectType: 'infosec_record', subjectId: e.id, after: { version: e.version, tlp: values.tlp } });
    });
    return undefined;
  }
  // An acknowledgement or sighting: about a record of this node's that the sender received.
  const recordId = e.kind === 'sighting' ? String(p.record_id) : e.id;
  const record = await db.selectFrom('infosec_record').select(['originator', 'recipients']).where('id', '=', recordId).executeTakeFirst();
  if (!record || record.originator !== node.state || !record.recipients.includes(e.origin)) return refuse(`${e.kind} about a record ${e.origin} did not receive from ${node.state}`);
  if (e.kind === 'sighting') {
    const kind = p.kind as DB['infosec_sighting']['kind'];
    if (!['seen', 'false_positive', 'note'].includes(kind)) return refuse(`unknown sighting kind ${String(kind)}`);
    await db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('infosec_sighting').values({ id: e.id, record_id: recordId, state: e.origin, kind, note: String(p.note ?? ''), reported_by: `node:${e.origin}`, reported_at: String(p.reported_at) }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
      if (inserted) await recordEvent(trx, { actor: `node:${e.origin}`, actingFor: e.origin, action: 'infosec.sighting.reported', subjectType: 'infosec_record', subjectId: recordId, after: { kind, state: e.origin } });
    });
    return undefined;
  }
  await db.transaction().execute(async (trx) => {
    const inserted = await trx.insertInto('infosec_acknowledgement').values({ record_id: e.id, state: e.origin, acknowledged_by: `node:${e.origin}`, acknowledged_at: String(p.acknowledged_at) }).onConflict((oc) => oc.columns(['record_id', 'state']).doNothing()).returning('state').executeTakeFirst();
    if (inserted) await recordEvent(trx, { actor: `node:${e.origin}`, actingFor: e.origin, action: 'infosec.warning.acknowledged', subjectType: 'infosec_record', subjectId: e.id, after: { state: e.origin } });
  });
  return undefined;
}

/** Approves a peer node's public key (administrators). 400 when it is not an Ed25519 SPKI PEM. */
export async function approvePeer(db: Kysely<DB>, actor: Actor, input: { state: string; public_key: string }) {
  if (!can(actor, 'infosec.node.administer')) deny(actor, 'Only administrators approve peers');
  return savePeer(db, actorId(actor), input);
}

/** Stores a peer's key as approved by `approvedBy` (an audit actor name), audited. */
export async function savePeer(db: Kysely<DB>, approvedBy: string, input: { state: string; public_key: string }) {
  let type: string | undefined;
  try {
    type = publicKeyOf(input.public_key).asymmetricKeyType;
  } catch {
    type = undefined;
  }
  if (type !== 'ed25519') throw new AppError('invalid_request', 'public_key: must be an Ed25519 public key in SPKI PEM form', [{ field: 'public_key', message: 'not an Ed25519 SPKI PEM' }]);
  const state = input.state.toUpperCase();
  const approved = { public_key: input.public_key, approved_by: approvedBy, approved_at: new Date().toISOString() };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('infosec_peer').values({ state, ...approved }).onConflict((oc) => oc.column('state').doUpdateSet(approved)).execute();
    await recordEvent(trx, { actor: approvedBy, action: 'infosec.peer.approved', subjectType: 'infosec_peer', subjectId: state, after: { public_key: input.public_key } });
  });
  return { state };
}

/** Defines or redefines a sharing group (administrators); its states must be in the network. */
export async function defineGroup(db: Kysely<DB>, actor: Actor, input: { id: string; name: string; states: string[] }) {
  if (!can(actor, 'infosec.node.administer')) deny(actor, 'Only administrators define sharing groups');
  const { community } = await sharingContext(db);
  const states = [...new Set(input.states.map((s) => s.toUpperCase()))].sort();
  const outside = states.filter((s) => !community.includes(s));
  if (outside.length) throw new AppError('invalid_request', `states: not in the sharing network: ${outside.join(', ')}`, [{ field: 'states', message: `not members: ${outside.join(', ')}` }]);
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('infosec_sharing_group').select(['name', 'states']).where('id', '=', input.id).forUpdate().executeTakeFirst();
    await trx.insertInto('infosec_sharing_group').values({ id: input.id, name: input.name, states, created_by: actorId(actor), created_at: new Date().toISOString() }).onConflict((oc) => oc.column('id').doUpdateSet({ name: input.name, states })).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'infosec.group.defined', subjectType: 'infosec_sharing_group', subjectId: input.id, before: before ?? null, after: { name: input.name, states } });
  });
  return { id: input.id, states };
}

/** The records of this node whose audience names the sharing group (newest first). */
const recordsUsing = (db: Db, id: string) =>
  db.selectFrom('infosec_record').select(['id', 'title']).where(sql<string>`audience->>'kind'`, '=', 'group').where(sql<string>`audience->>'group'`, '=', id).orderBy('issued_at', 'desc');

const groupOut = (g: { id: string; name: string; states: string[]; created_by: string; created_at: Date | string }, used: number) => ({ id: g.id, name: g.name, states: g.states, created_by: g.created_by, created_at: iso(g.created_at), records: used });

/** The sharing groups and their member states, with how many records name each (administrators and this node's CERT officers). */
export async function listGroups(db: Kysely<DB>, actor: Actor, node: InfosecNode) {
  if (!can(actor, 'infosec.node.read', subjectOf(node))) deny(actor, 'Only administrators and the CERT officers of this node');
  const [groups, used] = await Promise.all([
    db.selectFrom('infosec_sharing_group').select(['id', 'name', 'states', 'created_by', 'created_at']).orderBy('id').execute(),
    db.selectFrom('infosec_record').select([sql<string>`audience->>'group'`.as('id'), sql<string>`count(*)`.as('n')]).where(sql<string>`audience->>'kind'`, '=', 'group').groupBy(sql`audience->>'group'`).execute(),
  ]);
  const counts = new Map(used.map((u) => [u.id, Number(u.n)]));
  return { node: node.state, items: groups.map((g) => groupOut(g, counts.get(g.id) ?? 0)) };
}

/** One sharing group. 404 when there is none of that id. */
export async function getGroup(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string) {
  if (!can(actor, 'infosec.node.read', subjectOf(node))) deny(actor, 'Only administrators and the CERT officers of this node');
  const group = await db.selectFrom('infosec_sharing_group').select(['id', 'name', 'states', 'created_by', 'created_at']).where('id', '=', id).executeTakeFirst();
  if (!group) throw notFound(`Sharing group "${id}"`);
  return groupOut(group, (await recordsUsing(db, id).execute()).length);
}

/** Deletes a sharing group (administrators). 409 while a record's audience still names it. */
export async function deleteGroup(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  if (!can(actor, 'infosec.node.administer')) deny(actor, 'Only administrators delete sharing groups');
  await db.transaction().execute(async (trx) => {
    const group = await trx.selectFrom('infosec_sharing_group').select(['name', 'states']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!group) throw notFound(`Sharing group "${id}"`);
    const using = await recordsUsing(trx, id).execute();
    const [first] = using;
    if (first) {
      const message = `Sharing group "${id}" is the audience of ${using.length} record(s), e.g. "${first.title}" (${first.id}); it cannot be deleted`;
      throw new AppError('conflict', message, [{ field: 'id', message }]);
    }
    await trx.deleteFrom('infosec_sharing_group').where('id', '=', id).execute();
    await recordEvent(trx, { actor: actorId(actor), action: 'infosec.group.deleted', subjectType: 'infosec_sharing_group', subjectId: id, before: group, after: null });
  });
}

/** The node's peers, unsent envelopes and the latest refused messages. */
export async function nodeStatus(db: Kysely<DB>, actor: Actor, node: InfosecNode, link?: { pending(): Promise<number | null> }) {
  if (!can(actor, 'infosec.node.read', subjectOf(node))) deny(actor, 'Only administrators and the CERT officers of this node');
  const [peers, outbox, rejected] = await Promise.all([
    db.selectFrom('infosec_peer').select(['state', 'approved_at']).orderBy('state').execute(),
    db.selectFrom('infosec_outbox').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('infosec_rejected').select(['at', 'subject', 'origin', 'reason']).orderBy('id', 'desc').limit(50).execute(),
  ]);
  return {
    state: node.state,
    network: node.network,
    public_key: node.keys.publicKeyPem,
    sharing: link ? 'connected' : 'off',
    peers: peers.map((p) => ({ state: p.state, approved_at: iso(p.approved_at) })),
    outbox: Number(outbox.n),
    inbound_pending: link ? await link.pending() : null,
    rejected: rejected.map((r) => ({ ...r, at: iso(r.at) })),
  };
}

let benign: ReturnType<typeof benignCheck> | undefined;

/**
 * Indicator values that records of two or more states name, among the records `actor` may read on
 * this node (revoked ones left out), with the warning lists' benign values never flagged.
 */
export async function correlations(db: Kysely<DB>, actor: Actor, node: InfosecNode) {
  if (!can(actor, 'infosec.records.issue', subjectOf(node))) deny(actor, "Only this node's CERT officers see correlations");
  benign ??= benignCheck(JSON.parse(fs.readFileSync(path.join(projectRoot, 'data', 'infosec', 'warning-lists.json'), 'utf8')) as WarningLists);
  const rows = await db.selectFrom('infosec_record').selectAll().where('revoked', '=', false).execute();
  const readable = rows.filter((r) => can(actor, 'infosec.records.read', subjectOf(node, r)));
  return { items: correlate(readable.map((r) => ({ id: r.id, originator: r.originator, patterns: ((r.body as { indicators?: { pattern: string }[] }).indicators ?? []).map((i) => i.pattern) })), benign) };
}
