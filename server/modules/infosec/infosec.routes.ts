import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/problem.ts';
import { deny } from '../../http/auth.ts';
import { can } from '../../policies/policy.ts';
import { iso2, isoDate, restrictedErrors } from '../../http/common-schemas.ts';
import { PAP_LEVELS, TLP_LEVELS } from './sharing-policy.ts';
import { acknowledge, approvePeer, correlations, reportSighting, defineGroup, deleteGroup, getGroup, listGroups, getRecord, issueWarning, listRecords, nodeStatus, revoke, type InfosecNode, type WarningInput } from './infosec.service.ts';
import { toStixBundle } from './stix.ts';
import type { SharingLink } from './sharing-link.ts';
import { incidentRoutes } from './incidents.routes.ts';
import { apiRoot, collectionObjects, discovery, getCollection, listCollections, TAXII_MEDIA } from './taxii.ts';
import { audienceSchema, recordParams } from './infosec.schemas.ts';

const errors = restrictedErrors;
const open = { type: 'object', additionalProperties: true } as const;
const groupParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' } } } as const;
const STIX_MEDIA = 'application/stix+json;version=2.1';
/** Sends `body` as `media` exactly (with charset given, Fastify leaves the header as written). */
const sendAs = (media: string) => (reply: FastifyReply, body: unknown) => reply.header('content-type', `${media};charset=utf-8`).send(JSON.stringify(body));
const sendTaxii = sendAs(TAXII_MEDIA);
const sendStix = sendAs(STIX_MEDIA);

/**
 * The information-security routes of this node. Without a configured node (SECRETARIAT_NODE_STATE)
 * they answer 404: an instance shares nothing unless it is run as a state's node.
 */
export function infosecRoutes(app: FastifyInstance, db: Kysely<DB>, node: InfosecNode | undefined, link: () => SharingLink | undefined): void {
  const here = (): InfosecNode => {
    if (!node) throw new AppError('not_found', 'This instance is not an information-security node (set SECRETARIAT_NODE_STATE)');
    return node;
  };

  incidentRoutes(app, db, here);

  app.get('/api/v1/infosec/records', {
    schema: { summary: "Warnings and incidents this node's state may see (TLP:CLEAR for anyone); `node` is null, and there are none, where this instance is not a node", tags: ['information security'], response: { 200: { type: 'object', properties: { node: { type: ['string', 'null'] }, items: { type: 'array', items: open } } }, ...errors } },
    handler: async (request) => (node ? { node: node.state, items: await listRecords(db, request.actor, node) } : { node: null, items: [] }),
  });

  app.post<{ Body: WarningInput }>('/api/v1/infosec/warnings', {
    schema: {
      summary: "Issue an early warning from this node's state, shared by its policy",
      tags: ['information security'],
      body: {
        type: 'object',
        required: ['title', 'tlp', 'pap', 'audience', 'severity', 'sectors', 'recommended_actions', 'valid_until', 'indicators'],
        additionalProperties: false,
        properties: {
          title: { type: 'string', minLength: 1, maxLength: 500 },
          tlp: { enum: [...TLP_LEVELS] },
          pap: { enum: [...PAP_LEVELS] },
          audience: audienceSchema,
          severity: { enum: ['low', 'medium', 'high', 'critical'] },
          sectors: { type: 'array', maxItems: 30, items: { type: 'string', minLength: 1, maxLength: 100 } },
          recommended_actions: { type: 'string', maxLength: 10_000 },
          valid_until: isoDate,
          indicators: { type: 'array', maxItems: 1000, items: { type: 'object', required: ['pattern'], additionalProperties: false, properties: { pattern: { type: 'string', minLength: 3, maxLength: 2000, pattern: '^\\[.*\\]$' }, name: { type: 'string', maxLength: 500 } } } },
        },
      },
      response: { 201: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' }, recipients: { type: 'array', items: { type: 'string' } } } }, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await issueWarning(db, request.actor, here(), request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/v1/infosec/records/:id', {
    schema: { summary: 'A record, with acknowledgements (the sender sees who has not acknowledged)', tags: ['information security'], params: recordParams, response: { 200: open, ...errors } },
    handler: (request) => getRecord(db, request.actor, here(), request.params.id),
  });

  app.get<{ Params: { id: string } }>('/api/v1/infosec/records/:id/stix', {
    schema: { summary: 'A record as a STIX 2.1 bundle with its TLP 2.0 marking', tags: ['information security'], params: recordParams, produces: [STIX_MEDIA], response: { 200: { description: 'STIX 2.1 bundle', ...open }, ...errors } },
    handler: async (request, reply) => {
      const record = (await getRecord(db, request.actor, here(), request.params.id)) as Parameters<typeof toStixBundle>[0];
      return sendStix(reply, toStixBundle(record));
    },
  });

  app.post<{ Params: { id: string } }>('/api/v1/infosec/records/:id/acknowledgements', {
    schema: { summary: "Acknowledge a warning for this node's state (sent back to its originator)", tags: ['information security'], params: recordParams, response: { 200: open, ...errors } },
    handler: (request) => acknowledge(db, request.actor, here(), request.params.id),
  });

  app.post<{ Params: { id: string }; Body: { kind: 'seen' | 'false_positive' | 'note'; note?: string } }>('/api/v1/infosec/records/:id/sightings', {
    schema: { summary: "Report a sighting (seen, false positive) or a note on a record, for this node's state; sent to its originator", tags: ['information security'], params: recordParams, body: { type: 'object', required: ['kind'], additionalProperties: false, properties: { kind: { enum: ['seen', 'false_positive', 'note'] }, note: { type: 'string', maxLength: 10_000 } } }, response: { 200: open, ...errors } },
    handler: (request) => reportSighting(db, request.actor, here(), request.params.id, request.body),
  });

  app.post<{ Params: { id: string } }>('/api/v1/infosec/records/:id/revocation', {
    schema: { summary: 'Revoke an own record: a tombstone replaces it at every recipient', tags: ['information security'], params: recordParams, response: { 200: open, ...errors } },
    handler: (request) => revoke(db, request.actor, here(), request.params.id),
  });

  app.get('/api/v1/infosec/correlations', {
    schema: { summary: 'Indicator values named by records of two or more states (benign values on the warning lists left out)', tags: ['information security'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors } },
    handler: (request) => correlations(db, request.actor, here()),
  });

  app.get('/api/v1/infosec/node', {
    schema: { summary: "This node: its state, public key, peers, outbox, inbound lag and refused messages", tags: ['information security'], response: { 200: open, ...errors } },
    handler: (request) => nodeStatus(db, request.actor, here(), link()),
  });

  app.put<{ Params: { state: string }; Body: { public_key: string } }>('/api/v1/infosec/peers/:state', {
    schema: { summary: "Approve a peer node's Ed25519 public key (administrators)", tags: ['information security'], params: { type: 'object', required: ['state'], properties: { state: iso2 } }, body: { type: 'object', required: ['public_key'], additionalProperties: false, properties: { public_key: { type: 'string', minLength: 40, maxLength: 2000 } } }, response: { 200: open, ...errors } },
    handler: (request) => approvePeer(db, request.actor, { state: request.params.state, public_key: request.body.public_key }),
  });

  const taxii = { tags: ['TAXII 2.1'], produces: [TAXII_MEDIA] };
  const taxiiRead = (request: { actor: import('../../policies/actor.ts').Actor }) => {
    // TAXII clients are partners' tools: signed in (a bearer token) as a CERT officer of this node.
    if (!can(request.actor, 'infosec.taxii.read', { node: here().state })) deny(request.actor, "TAXII is for this node's CERT officers");
  };
  app.get('/taxii2/', {
    schema: { ...taxii, summary: 'TAXII 2.1 discovery', response: { 200: open, ...errors } },
    handler: async (request, reply) => {
      taxiiRead(request);
      return sendTaxii(reply, discovery());
    },
  });
  app.get('/taxii2/sco/', {
    schema: { ...taxii, summary: 'TAXII 2.1 API root', response: { 200: open, ...errors } },
    handler: async (request, reply) => {
      taxiiRead(request);
      return sendTaxii(reply, apiRoot());
    },
  });
  app.get('/taxii2/sco/collections/', {
    schema: { ...taxii, summary: 'TAXII 2.1 collections: the community, named states, and each sharing group of this state', response: { 200: open, ...errors } },
    handler: async (request, reply) => {
      taxiiRead(request);
      return sendTaxii(reply, await listCollections(db, here()));
    },
  });
  const collectionParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } } as const;
  app.get<{ Params: { id: string } }>('/taxii2/sco/collections/:id/', {
    schema: { ...taxii, summary: 'A TAXII 2.1 collection', params: collectionParams, response: { 200: open, ...errors } },
    handler: async (request, reply) => {
      taxiiRead(request);
      return sendTaxii(reply, await getCollection(db, here(), request.params.id));
    },
  });
  app.get<{ Params: { id: string }; Querystring: { added_after?: string; next?: string; limit?: number } }>('/taxii2/sco/collections/:id/objects/', {
    schema: {
      ...taxii,
      summary: 'The STIX 2.1 objects of a collection that the caller may read, oldest first; page with added_after (or next)',
      params: collectionParams,
      querystring: { type: 'object', additionalProperties: false, properties: { added_after: { type: 'string', format: 'date-time' }, next: { type: 'string', format: 'date-time' }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
      response: { 200: open, ...errors },
    },
    handler: async (request, reply) => {
      taxiiRead(request);
      const { envelope, first, last } = await collectionObjects(db, request.actor, here(), request.params.id, { added_after: request.query.next ?? request.query.added_after, limit: request.query.limit ?? 100 });
      if (first) reply.header('X-TAXII-Date-Added-First', first).header('X-TAXII-Date-Added-Last', last);
      return sendTaxii(reply, envelope);
    },
  });

  app.put<{ Params: { id: string }; Body: { name: string; states: string[] } }>('/api/v1/infosec/groups/:id', {
    schema: { summary: 'Define a sharing group of member states, or change its name and members (administrators)', tags: ['information security'], params: groupParams, body: { type: 'object', required: ['name', 'states'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, states: { type: 'array', minItems: 1, maxItems: 50, items: iso2 } } }, response: { 200: open, ...errors } },
    handler: (request) => defineGroup(db, request.actor, { id: request.params.id, ...request.body }),
  });

  const group = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, states: { type: 'array', items: { type: 'string' } }, created_by: { type: 'string' }, created_at: { type: 'string' }, records: { type: 'integer', description: 'records of this node whose audience names the group' } } } as const;
  app.get('/api/v1/infosec/groups', {
    schema: { summary: 'The sharing groups and their member states (administrators and this node\'s CERT officers)', tags: ['information security'], response: { 200: { type: 'object', properties: { node: { type: 'string' }, items: { type: 'array', items: group } } }, ...errors } },
    handler: (request) => listGroups(db, request.actor, here()),
  });
  app.get<{ Params: { id: string } }>('/api/v1/infosec/groups/:id', {
    schema: { summary: 'A sharing group and its member states', tags: ['information security'], params: groupParams, response: { 200: group, ...errors } },
    handler: (request) => getGroup(db, request.actor, here(), request.params.id),
  });
  app.delete<{ Params: { id: string } }>('/api/v1/infosec/groups/:id', {
    schema: { summary: 'Delete a sharing group (administrators); 409 while a record\'s audience names it', tags: ['information security'], params: groupParams, response: { 204: { type: 'null', description: 'Deleted' }, ...errors } },
    handler: async (request, reply) => {
      here();
      await deleteGroup(db, request.actor, request.params.id);
      return reply.status(204).send();
    },
  });
}
