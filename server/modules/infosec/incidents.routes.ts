/** Incident handling, imports (STIX 2.1 bundles, MISP events) and audience widening on a state's node. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { restrictedErrors } from '../../http/common-schemas.ts';
import { PAP_LEVELS, TLP_LEVELS, type Audience, type Pap, type Tlp } from './sharing-policy.ts';
import { procedure } from './incident-procedure.ts';
import { addAftercare, importMispEvent, importStixBundle, openIncident, setIncidentStatus, tickStep, widenAudience, type ImportPolicy, type IncidentInput } from './incidents.service.ts';
import type { InfosecNode } from './infosec.service.ts';
import type { MispEvent } from './misp.ts';
import { audienceSchema, recordParams } from './infosec.schemas.ts';

const errors = restrictedErrors;
const open = { type: 'object', additionalProperties: true } as const;
const tags = ['information security'];
const severity = { enum: ['low', 'medium', 'high', 'critical'] } as const;
const sectors = { type: 'array', maxItems: 30, items: { type: 'string', minLength: 1, maxLength: 100 } } as const;
/** STIX objects are checked against the OASIS schemas by the service (naming the object and field), not here. */
const stixObjects = { type: 'array', maxItems: 5000, items: { type: 'object' } } as const;
const created = { 201: { type: 'object', properties: { id: { type: 'string' }, version: { type: 'integer' }, recipients: { type: 'array', items: { type: 'string' } }, indicators: { type: 'integer' }, skipped: { type: 'array', items: open } } }, ...errors } as const;
const importPolicy = { audience: audienceSchema, pap: { enum: [...PAP_LEVELS] }, tlp: { enum: [...TLP_LEVELS] }, sectors, description: { type: 'string', maxLength: 20_000 } } as const;

export function incidentRoutes(app: FastifyInstance, db: Kysely<DB>, here: () => InfosecNode): void {
  app.get('/api/v1/infosec/procedure', {
    schema: { summary: 'The incident-handling procedure: statuses in order and the steps of each, in en/ru/zh (data)', tags, response: { 200: open, ...errors } },
    handler: async () => procedure(),
  });

  app.post<{ Body: IncidentInput }>('/api/v1/infosec/incidents', {
    schema: {
      summary: "Open an incident from this node's state with its STIX 2.1 objects, shared by its policy (a child of `parent` only narrows the parent's)",
      tags,
      body: {
        type: 'object',
        required: ['title', 'tlp', 'pap', 'audience', 'severity', 'sectors', 'description'],
        additionalProperties: false,
        properties: { title: { type: 'string', minLength: 1, maxLength: 500 }, tlp: { enum: [...TLP_LEVELS] }, pap: { enum: [...PAP_LEVELS] }, audience: audienceSchema, severity, sectors, description: { type: 'string', maxLength: 20_000 }, objects: stixObjects, parent: { type: 'string', format: 'uuid' } },
      },
      response: created,
    },
    handler: async (request, reply) => reply.status(201).send(await openIncident(db, request.actor, here(), request.body)),
  });

  app.post<{ Params: { id: string }; Body: { status: string } }>('/api/v1/infosec/incidents/:id/status', {
    schema: { summary: 'Move an own incident to the next status of the handling procedure (its current steps done); propagates to its recipients', tags, params: recordParams, body: { type: 'object', required: ['status'], additionalProperties: false, properties: { status: { type: 'string', minLength: 1, maxLength: 40 } } }, response: { 200: open, ...errors } },
    handler: (request) => setIncidentStatus(db, request.actor, here(), request.params.id, request.body.status),
  });

  app.put<{ Params: { id: string; step: string }; Body: { done: boolean } }>('/api/v1/infosec/incidents/:id/checklist/:step', {
    schema: { summary: 'Tick or untick a step of the standard operating procedure on an own incident; propagates to its recipients', tags, params: { type: 'object', required: ['id', 'step'], properties: { id: { type: 'string', format: 'uuid' }, step: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' } } }, body: { type: 'object', required: ['done'], additionalProperties: false, properties: { done: { type: 'boolean' } } }, response: { 200: open, ...errors } },
    handler: (request) => tickStep(db, request.actor, here(), request.params.id, request.params.step, request.body.done),
  });

  app.post<{ Params: { id: string }; Body: { note: string } }>('/api/v1/infosec/incidents/:id/aftercare', {
    schema: { summary: 'Add an aftercare note (after containment) to an own incident; propagates to its recipients', tags, params: recordParams, body: { type: 'object', required: ['note'], additionalProperties: false, properties: { note: { type: 'string', minLength: 1, maxLength: 20_000 } } }, response: { 200: open, ...errors } },
    handler: (request) => addAftercare(db, request.actor, here(), request.params.id, request.body.note),
  });

  app.post<{ Params: { id: string }; Body: { tlp: Tlp; pap: Pap; audience: Audience; reason: string } }>('/api/v1/infosec/records/:id/audience', {
    schema: { summary: "Widen an own record's audience: a recorded act of the originating state (a child beyond its parent's policy only by the parent's originator), sent to the wider audience", tags, params: recordParams, body: { type: 'object', required: ['tlp', 'pap', 'audience', 'reason'], additionalProperties: false, properties: { tlp: { enum: [...TLP_LEVELS] }, pap: { enum: [...PAP_LEVELS] }, audience: audienceSchema, reason: { type: 'string', minLength: 1, maxLength: 2000 } } }, response: { 200: open, ...errors } },
    handler: (request) => widenAudience(db, request.actor, here(), request.params.id, request.body),
  });

  app.post<{ Body: ImportPolicy & { bundle: unknown; title?: string; severity?: IncidentInput['severity'] } }>('/api/v1/infosec/imports/stix', {
    schema: {
      summary: 'Import a STIX 2.1 bundle as an incident, all or nothing: every object checked against the OASIS JSON schemas (400 naming the object and field); its TLP markings kept or narrowed',
      tags,
      body: { type: 'object', required: ['bundle', 'audience', 'pap'], additionalProperties: false, properties: { bundle: { type: 'object' }, title: { type: 'string', minLength: 1, maxLength: 500 }, severity, ...importPolicy } },
      response: created,
    },
    handler: async (request, reply) => {
      const { bundle, ...policy } = request.body;
      return reply.status(201).send(await importStixBundle(db, request.actor, here(), bundle, policy));
    },
  });

  app.post<{ Body: ImportPolicy & { event: MispEvent } }>('/api/v1/infosec/imports/misp', {
    schema: {
      summary: 'Import a MISP event (JSON) as an incident: attributes as STIX indicators with patterns, tlp:* tags as TLP 2.0, PAP:* tags as PAP (never widened); attributes without a pattern are reported as skipped',
      tags,
      body: {
        type: 'object',
        required: ['event', 'audience', 'pap'],
        additionalProperties: false,
        properties: {
          event: { type: 'object', required: ['Event'], properties: { Event: { type: 'object', required: ['info'], properties: { info: { type: 'string', minLength: 1, maxLength: 500 }, Tag: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } }, Attribute: { type: 'array', maxItems: 10_000, items: { type: 'object', required: ['type', 'value'], properties: { type: { type: 'string' }, value: { type: 'string' } } } } } } } },
          ...importPolicy,
        },
      },
      response: created,
    },
    handler: async (request, reply) => {
      const { event, ...policy } = request.body;
      return reply.status(201).send(await importMispEvent(db, request.actor, here(), event, policy));
    },
  });
}
