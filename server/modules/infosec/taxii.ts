/**
 * A read-only TAXII 2.1 server over this node's records, so partners' tools can pull: one API root,
 * a collection for community-wide records, one per sharing group this node's state belongs to, and
 * one for records addressed to named states. A collection lists only the objects of records the
 * caller may read. Source: OASIS, "TAXII Version 2.1" (2021), sections 4 and 5.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../http/problem.ts';
import type { Actor } from '../../policies/actor.ts';
import { can } from '../../policies/policy.ts';
import type { Audience } from './sharing-policy.ts';
import { stableUuid, toStixBundle, type StixSource } from './stix.ts';
import type { InfosecNode } from './infosec.service.ts';

export const TAXII_MEDIA = 'application/taxii+json;version=2.1';
export const API_ROOT = '/taxii2/sco/';

interface Collection {
  id: string;
  title: string;
  description: string;
  /** Whether a record belongs to the collection. */
  holds: (audience: Audience) => boolean;
}

async function collections(db: Kysely<DB>, node: InfosecNode): Promise<Collection[]> {
  const groups = await db.selectFrom('infosec_sharing_group').select(['id', 'name', 'states']).orderBy('id').execute();
  return [
    { id: stableUuid(`taxii:${node.network}:community`), title: 'Community', description: 'TLP:CLEAR and TLP:GREEN records for every member state', holds: (a) => a.kind === 'community' },
    { id: stableUuid(`taxii:${node.network}:named`), title: 'Named states', description: 'Records addressed to named states, this one among them', holds: (a) => a.kind === 'states' },
    ...groups
      .filter((g) => g.states.includes(node.state))
      .map((g) => ({ id: stableUuid(`taxii:${node.network}:group:${g.id}`), title: `Sharing group: ${g.name}`, description: `Records for the sharing group ${g.id} (${g.states.join(', ')})`, holds: (a: Audience) => a.kind === 'group' && a.group === g.id })),
  ];
}

const describe = (c: Collection) => ({ id: c.id, title: c.title, description: c.description, can_read: true, can_write: false, media_types: ['application/stix+json;version=2.1'] });

export const discovery = () => ({ title: 'Secretariat information-security node', description: 'Read-only TAXII 2.1 access to the warnings this node may share with the caller', api_roots: [API_ROOT], default: API_ROOT });

export const apiRoot = () => ({ title: 'SCO information-security sharing', versions: [TAXII_MEDIA], max_content_length: 0 });

export async function listCollections(db: Kysely<DB>, node: InfosecNode) {
  return { collections: (await collections(db, node)).map(describe) };
}

export async function getCollection(db: Kysely<DB>, node: InfosecNode, id: string) {
  const found = (await collections(db, node)).find((c) => c.id === id);
  if (!found) throw notFound(`Collection "${id}"`);
  return describe(found);
}

/**
 * The STIX objects of a collection's records that `actor` may read, added after `addedAfter`
 * (ISO timestamp), oldest first, at most `limit` records' worth; `more` and `next` page on.
 * Returns the TAXII envelope and the first and last date added (for the X-TAXII headers).
 */
export async function collectionObjects(db: Kysely<DB>, actor: Actor, node: InfosecNode, id: string, query: { added_after?: string; limit: number }) {
  const collection = (await collections(db, node)).find((c) => c.id === id);
  if (!collection) throw notFound(`Collection "${id}"`);
  let q = db.selectFrom('infosec_record').selectAll().where('revoked', '=', false).orderBy('issued_at').orderBy('id');
  if (query.added_after) q = q.where('issued_at', '>', query.added_after);
  const rows = (await q.execute()).filter((r) => collection.holds(r.audience as Audience) && can(actor, 'infosec.records.read', { node: node.state, record: r }));
  const page = rows.slice(0, query.limit);
  const added = page.map((r) => new Date(r.issued_at).toISOString());
  const stix = page.flatMap((r) => toStixBundle({ ...(r.body as object), id: r.id, originator: r.originator, tlp: r.tlp, title: r.title, issued_at: new Date(r.issued_at).toISOString() } as StixSource).objects);
  // Records of one state share its identity object: each object once.
  const objects = [...new Map(stix.map((o) => [o.id, o])).values()];
  const more = rows.length > page.length;
  return { envelope: { more, ...(more ? { next: added.at(-1) } : {}), objects }, first: added[0], last: added.at(-1) };
}
