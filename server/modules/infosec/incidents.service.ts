/**
 * Incidents on a state's node: STIX 2.1 objects (checked against the OASIS schemas), a status
 * through the handling procedure with its steps as a checklist (data/infosec/incident-procedure.json),
 * and aftercare notes. An incident is an information-security record like a warning: one sharing
 * policy, one outbox. Each handling change (status, tick, aftercare) is a new version of the record,
 * audited and sent in its transaction to exactly the states the policy allows; peers apply it over
 * the older one. Only the originating state handles its incident. A child record (an incident about
 * a parent record) narrows the parent's policy; widening it is a recorded act of the originating state.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/problem.ts';
import { deny } from '../../http/auth.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { actorId, type Actor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import { PAP_LEVELS, policyProblem, recipients, TLP_LEVELS, TLP_MARKING_IDS, wideningProblem, type Audience, type Pap, type SharingPolicy, type Tlp } from './sharing-policy.ts';
import { mispToStix, type MispEvent } from './misp.ts';
import { enqueue, getRecord, loadVisible, payloadOf, sharingContext, subjectOf, type InfosecNode, type Row } from './infosec.service.ts';
import { procedure, tickProblem, transitionProblem } from './incident-procedure.ts';
import { bundleProblems, objectProblems } from './stix-validate.ts';

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface IncidentInput {
  title: string;
  tlp: Tlp;
  pap: Pap;
  audience: Audience;
  severity: 'low' | 'medium' | 'high' | 'critical';
  sectors: string[];
  description: string;
  /** STIX 2.1 objects: indicators with patterns, observed data, malware, vulnerabilities, attack patterns, threat actors, reports… */
  objects?: StixObject[];
  /** A record this incident is about: the incident's policy may only narrow the parent's. */
  parent?: string;
}

export interface IncidentBody {
  severity: string;
  sectors: string[];
  description: string;
  status: string;
  checklist: Record<string, { by: string; at: string }>;
  aftercare: { note: string; by: string; at: string }[];
  history: { status: string; by: string; at: string }[];
  objects: StixObject[];
  /** Patterns of the STIX indicators, for correlation with other states' records. */
  indicators: { pattern: string; name?: string }[];
  parent: string | null;
  source: 'form' | 'stix' | 'misp';
}

const policyOf = (row: Pick<Row, 'tlp' | 'pap' | 'audience'>): SharingPolicy => ({ tlp: row.tlp as Tlp, pap: row.pap as Pap, audience: row.audience as Audience });
const invalid = (field: string, message: string) => new AppError('invalid_request', `${field}: ${message}`, [{ field, message }]);

/** The patterns of STIX indicators in `objects` (STIX patterning only), as warnings carry them. */
export const indicatorsOf = (objects: readonly StixObject[]) =>
  objects.filter((o) => o.type === 'indicator' && (o.pattern_type ?? 'stix') === 'stix' && typeof o.pattern === 'string').map((o) => ({ pattern: o.pattern as string, ...(typeof o.name === 'string' ? { name: o.name } : {}) }));

/** Opens an incident from this node's state under its sharing policy. 400 naming the field when the policy, a STIX object or the parent does not hold. */
export async function openIncident(db: Kysely<DB>, actor: Actor, node: InfosecNode, input: IncidentInput, source: IncidentBody['source'] = 'form') {
  if (!can(actor, 'infosec.records.issue', subjectOf(node))) deny(actor, `Only ${node.state}'s CERT officers open incidents on this node`);
  const objects = input.objects ?? [];
  const problems = objectProblems(objects);
  if (problems.length) throw new AppError('invalid_request', problems[0]!.message, problems);
  const context = await sharingContext(db);
  const policy: SharingPolicy = { tlp: input.tlp, pap: input.pap, audience: input.audience };
  const problem = policyProblem(policy, context);
  if (problem) throw invalid('audience', problem);
  if (input.parent) {
    const parent = await loadVisible(db, actor, node, input.parent).catch(() => {
      throw invalid('parent', `no record "${input.parent}" this node may read`);
    });
    const widening = wideningProblem(policyOf(parent), policy, context);
    if (widening) throw invalid('audience', `a child record narrows its parent's policy, never widens it: ${widening}`);
  }
  const to = recipients(policy, context);
  const at = new Date().toISOString();
  const by = actorId(actor);
  const body: IncidentBody = { severity: input.severity, sectors: input.sectors, description: input.description, status: 'reported', checklist: {}, aftercare: [], history: [{ status: 'reported', by, at }], objects, indicators: indicatorsOf(objects), parent: input.parent ?? null, source };
  const row: Row = { id: randomUUID(), version: 1, kind: 'incident', originator: node.state, tlp: input.tlp, pap: input.pap, audience: input.audience, recipients: to, title: input.title, body: body as unknown as Record<string, unknown>, revoked: false, issued_by: by, issued_at: at, received_at: null };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('infosec_record').values({ ...row, audience: JSON.stringify(row.audience), body: JSON.stringify(body) }).execute();
    await recordEvent(trx, { actor: by, actingFor: node.state, action: 'infosec.incident.opened', subjectType: 'infosec_record', subjectId: row.id, after: { title: row.title, tlp: row.tlp, pap: row.pap, audience: row.audience, recipients: to, objects: objects.length, parent: body.parent, source } });
    await enqueue(trx, node, 'record', row.id, 1, to, payloadOf(row));
  });
  return { id: row.id, version: 1, recipients: to };
}

/**
 * A new version of an own incident: `change` returns the new body (and, for a widening, the new
 * policy); it is written over the version read (409 if another change came first), audited as
 * `action`, and sent to every recipient of the new version.
 */
async function amend(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string, action: string, change: (row: Row, body: IncidentBody) => { body?: IncidentBody; policy?: { tlp: string; pap: string; audience: Audience; recipients: string[] }; audit: Record<string, unknown> }) {
  const row = await loadVisible(db, actor, node, id);
  if (!can(actor, 'infosec.records.handle', subjectOf(node, row))) deny(actor, `Only the originating state (${row.originator}) handles this record`);
  if (row.revoked) throw new AppError('conflict', 'The record was revoked by its originator');
  const before = row.body as unknown as IncidentBody;
  const { body = before, policy, audit } = change(row, before);
  const next: Row = { ...row, ...(policy ?? {}), version: row.version + 1, body: body as unknown as Record<string, unknown> };
  await db.transaction().execute(async (trx: Transaction<DB>) => {
    const updated = await trx
      .updateTable('infosec_record')
      .set({ version: next.version, body: JSON.stringify(body), tlp: next.tlp, pap: next.pap, audience: JSON.stringify(next.audience), recipients: next.recipients })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AppError('conflict', 'The record changed meanwhile; reload it');
    await recordEvent(trx, { actor: actorId(actor), actingFor: node.state, action, subjectType: 'infosec_record', subjectId: id, before: { version: row.version }, after: { version: next.version, ...audit } });
    await enqueue(trx, node, 'record', id, next.version, next.recipients, payloadOf(next));
  });
  return getRecord(db, actor, node, id);
}

const ownIncident = (row: Row) => {
  if (row.kind !== 'incident') throw new AppError('conflict', 'Only incidents go through the handling procedure');
};

/** Moves an own incident one status forward, once the current status's steps are ticked. */
export function setIncidentStatus(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string, status: string) {
  return amend(db, actor, node, id, 'infosec.incident.status', (row, body) => {
    ownIncident(row);
    const problem = transitionProblem(procedure(), body.status, status, Object.keys(body.checklist));
    if (problem) throw new AppError('conflict', `status: ${problem}`, [{ field: 'status', message: problem }]);
    const entry = { status, by: actorId(actor), at: new Date().toISOString() };
    return { body: { ...body, status, history: [...body.history, entry] }, audit: { from: body.status, to: status } };
  });
}

/** Ticks (or unticks) a step of the standard operating procedure on an own incident. */
export function tickStep(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string, step: string, done: boolean) {
  return amend(db, actor, node, id, 'infosec.incident.checklist', (row, body) => {
    ownIncident(row);
    const problem = tickProblem(procedure(), body.status, step);
    if (problem) throw new AppError(problem.startsWith('unknown') ? 'invalid_request' : 'conflict', `step: ${problem}`, [{ field: 'step', message: problem }]);
    const checklist = { ...body.checklist };
    if (done) checklist[step] = { by: actorId(actor), at: new Date().toISOString() };
    else delete checklist[step];
    return { body: { ...body, checklist }, audit: { step, done } };
  });
}

/** Adds an aftercare note (what was done after the incident, lessons learned) to an own incident once contained. */
export function addAftercare(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string, note: string) {
  return amend(db, actor, node, id, 'infosec.incident.aftercare', (row, body) => {
    ownIncident(row);
    if (body.status === 'reported' || body.status === 'triaged') throw new AppError('conflict', `Aftercare follows containment; the incident is ${body.status}`);
    return { body: { ...body, aftercare: [...body.aftercare, { note, by: actorId(actor), at: new Date().toISOString() }] }, audit: { note } };
  });
}

/**
 * Widens an own record's audience as a recorded act of the originating state: audited with its
 * reason, and the new version is sent to every state of the wider audience. A child record can be
 * widened beyond its parent's policy only by the parent's originating state; recipients are never
 * withdrawn this way (a revocation does that).
 */
export async function widenAudience(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string, input: { tlp: Tlp; pap: Pap; audience: Audience; reason: string }) {
  const context = await sharingContext(db);
  const policy: SharingPolicy = { tlp: input.tlp, pap: input.pap, audience: input.audience };
  const problem = policyProblem(policy, context);
  if (problem) throw invalid('audience', problem);
  const to = recipients(policy, context);
  const row = await loadVisible(db, actor, node, id);
  if (!can(actor, 'infosec.records.handle', subjectOf(node, row))) deny(actor, `Only the originating state (${row.originator}) widens this record's audience`);
  const parentId = (row.body as { parent?: string | null }).parent;
  if (parentId) {
    const parent = await db.selectFrom('infosec_record').selectAll().where('id', '=', parentId).executeTakeFirst();
    if (parent && parent.originator !== node.state && wideningProblem(policyOf(parent), policy, context)) deny(actor, `Beyond its parent's policy only the parent's originating state (${parent.originator}) may widen this record`);
  }
  const dropped = row.recipients.filter((s) => !to.includes(s));
  if (dropped.length) throw invalid('audience', `recipients are not withdrawn by widening (${dropped.join(', ')}); revoke the record instead`);
  return amend(db, actor, node, id, 'infosec.record.widened', () => ({ policy: { tlp: input.tlp, pap: input.pap, audience: input.audience, recipients: to }, audit: { reason: input.reason, from: { tlp: row.tlp, pap: row.pap, audience: row.audience, recipients: row.recipients }, to: { tlp: input.tlp, pap: input.pap, audience: input.audience, recipients: to } } }));
}

/** TLP 1.0 marking definitions (STIX 2.1 section 7.2.1.4), read as their TLP 2.0 equivalents. */
const TLP1_MARKING_IDS: Record<string, Tlp> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'CLEAR',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'GREEN',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'AMBER',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'RED',
};

/** The strictest TLP that the objects' `object_marking_refs` carry (TLP 2.0 or 1.0 marking definitions), if any. */
export function markedTlp(objects: readonly StixObject[]): Tlp | undefined {
  const byId = new Map<string, Tlp>([...Object.entries(TLP_MARKING_IDS).map(([tlp, id]) => [id, tlp as Tlp] as const), ...Object.entries(TLP1_MARKING_IDS)]);
  const found = objects.flatMap((o) => (Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as string[]) : [])).map((id) => byId.get(id)).filter((t): t is Tlp => t !== undefined);
  return found.sort((a, b) => TLP_LEVELS.indexOf(b) - TLP_LEVELS.indexOf(a))[0];
}

export interface ImportPolicy {
  audience: Audience;
  pap: Pap;
  /** When given, at least as strict as the markings in the source: an import never widens them. */
  tlp?: Tlp;
  sectors?: string[];
  description?: string;
}

function importTlp(marked: Tlp | undefined, asked: Tlp | undefined, field: string): Tlp {
  const tlp = asked ?? marked;
  if (!tlp) throw invalid('tlp', `the ${field} carries no TLP marking; give tlp`);
  if (marked && TLP_LEVELS.indexOf(tlp) < TLP_LEVELS.indexOf(marked)) throw invalid('tlp', `TLP:${tlp} is wider than the ${field}'s TLP:${marked}`);
  return tlp;
}

/**
 * Imports a STIX 2.1 bundle as an incident of this node's state, all or nothing: the bundle and
 * every object are checked against the OASIS schemas first (400 naming the object and field), and
 * the bundle's TLP markings are kept or narrowed, never widened.
 */
export async function importStixBundle(db: Kysely<DB>, actor: Actor, node: InfosecNode, bundle: unknown, policy: ImportPolicy & { title?: string; severity?: IncidentInput['severity'] }) {
  if (!can(actor, 'infosec.records.issue', subjectOf(node))) deny(actor, `Only ${node.state}'s CERT officers import into this node`);
  const problems = bundleProblems(bundle);
  if (problems.length) throw new AppError('invalid_request', problems[0]!.message, problems);
  const all = (bundle as { objects: StixObject[] }).objects;
  const objects = all.filter((o) => o.type !== 'marking-definition');
  const named = objects.find((o) => (o.type === 'incident' || o.type === 'report') && typeof o.name === 'string');
  const title = policy.title ?? (named?.name as string | undefined);
  if (!title) throw invalid('title', 'the bundle has no incident or report with a name; give title');
  const tlp = importTlp(markedTlp(all), policy.tlp, 'bundle');
  const description = policy.description ?? (typeof named?.description === 'string' ? named.description : '');
  return openIncident(db, actor, node, { title, tlp, pap: policy.pap, audience: policy.audience, severity: policy.severity ?? 'medium', sectors: policy.sectors ?? [], description, objects }, 'stix');
}

/** Imports a MISP event as an incident: its attributes as STIX indicators, its tlp:* and PAP:* tags as the marking (never widened). */
export async function importMispEvent(db: Kysely<DB>, actor: Actor, node: InfosecNode, event: MispEvent, policy: ImportPolicy) {
  if (!can(actor, 'infosec.records.issue', subjectOf(node))) deny(actor, `Only ${node.state}'s CERT officers import into this node`);
  const m = mispToStix(event);
  const tlp = importTlp(m.tlp, policy.tlp, 'event');
  if (m.pap && PAP_LEVELS.indexOf(policy.pap) < PAP_LEVELS.indexOf(m.pap)) throw invalid('pap', `PAP:${policy.pap} is wider than the event's PAP:${m.pap}`);
  if (m.objects.length === 0) throw invalid('event.Event.Attribute', 'no attribute of a type with a STIX pattern');
  const opened = await openIncident(db, actor, node, { title: m.title, tlp, pap: policy.pap, audience: policy.audience, severity: m.severity, sectors: policy.sectors ?? [], description: policy.description ?? '', objects: m.objects }, 'misp');
  return { ...opened, indicators: m.objects.length, skipped: m.skipped };
}
