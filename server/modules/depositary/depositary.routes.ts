import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, iso2, isoDate, restrictedErrors, today } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { entryIntoForceSchema } from '../documents/documents.routes.ts';
import { LEDGER_ACTIONS } from '../documents/entry-into-force.ts';
import { listActs, listNotifications, recordAct, statusTable, type ActInput, type StatusRow } from './depositary.service.ts';

const key = { type: 'object', required: ['key'], properties: { key: { type: 'string', pattern: '^[a-z0-9-]{1,200}$', description: 'The document key, e.g. charter-2002-06-07-charter' } } } as const;
const nullableDate = { type: ['string', 'null'] } as const;
const act = {
  type: 'object',
  properties: {
    id: { type: 'string' }, state: { type: 'string' }, action: { type: 'string' }, date: isoDate, instrument: { type: 'string' }, text: { type: ['string', 'null'] },
    source: { type: 'array', items: { type: 'string' } }, supersedes: { type: ['string', 'null'] }, superseded_by: { type: ['string', 'null'] }, recorded_at: { type: 'string' },
  },
} as const;
const notification = { type: 'object', properties: { id: { type: 'string' }, year: { type: 'integer' }, number: { type: 'integer' }, document: { type: 'string' }, act: { type: 'string' }, summary: { type: 'string' }, published_at: { type: 'string' } } } as const;
const statusRow = {
  type: 'object',
  properties: {
    participant: { type: 'string' }, participant_name: { type: 'string' }, signature: nullableDate, consent: nullableDate, consent_kind: { type: ['string', 'null'] }, provisional_application: nullableDate,
    entry_into_force: nullableDate, status: { type: 'string' }, withdrawal: nullableDate, reservations: { type: 'array', items: { type: 'string' } },
  },
} as const;

export function depositaryRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.post<{ Params: { key: string }; Body: ActInput }>('/api/v1/documents/:key/acts', {
    schema: {
      summary: 'Record a treaty action of a party (a correction supersedes an earlier act); publishes a numbered depositary notification',
      tags: ['depositary'],
      params: key,
      body: {
        type: 'object',
        required: ['state', 'action', 'date', 'instrument', 'source'],
        additionalProperties: false,
        properties: {
          state: iso2, action: { type: 'string', enum: [...LEDGER_ACTIONS] }, date: isoDate, instrument: { type: 'string', minLength: 1, maxLength: 500, description: 'The instrument, e.g. "Federal Law No. 98-FZ of 14 July 2003"' },
          source: { type: 'array', minItems: 1, maxItems: 10, items: { type: 'string', minLength: 1, maxLength: 500 } }, text: { type: 'string', maxLength: 20_000, description: 'Text of a reservation or declaration' },
          supersedes: { type: 'string', pattern: '^act_[0-9a-f]{12}$', description: 'The act this one corrects' },
        },
      },
      response: { 201: { type: 'object', properties: { act, notification, party: { type: ['object', 'null'], additionalProperties: true }, overall: entryIntoForceSchema } }, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await recordAct(db, request.actor, request.params.key, request.body)),
  });

  app.get<{ Params: { key: string } }>('/api/v1/documents/:key/acts', {
    schema: { summary: 'Every act the depositary recorded on a document, superseded ones marked', tags: ['depositary'], params: key, response: { 200: { type: 'object', properties: { items: { type: 'array', items: act } } }, ...errorResponses } },
    handler: async (request) => ({ items: await listActs(db, request.params.key) }),
  });

  listRoute<Page & { key: string; at?: string }, StatusRow>(app, {
    path: '/api/v1/documents/:key/status',
    schema: {
      summary: 'Status table of a document, as in the UN Treaty Collection: participant, signature, consent, entry into force, reservations',
      tags: ['depositary'],
      params: key,
      querystring: { type: 'object', additionalProperties: false, properties: { at: { ...isoDate, description: 'Statuses on this date (default: today).' }, ...pageQuery } },
      response: { 200: pagedSchema(statusRow), ...errorResponses },
    },
    list: (q, request) => statusTable(db, (request.params as { key: string }).key, q.at ?? today()),
    csv: (r) => ({ participant: r.participant, participant_name: r.participant_name, signature: r.signature, consent: r.consent, consent_kind: r.consent_kind, provisional_application: r.provisional_application, entry_into_force: r.entry_into_force, status: r.status, withdrawal: r.withdrawal, reservations: r.reservations.join(' | ') }),
  });

  listRoute<Page & { year?: number; document?: string }, Awaited<ReturnType<typeof listNotifications>>[number]>(app, {
    path: '/api/v1/depositary/notifications',
    schema: {
      summary: 'Published depositary notifications, numbered per year, newest first',
      tags: ['depositary'],
      querystring: { type: 'object', additionalProperties: false, properties: { year: { type: 'integer', minimum: 1990, maximum: 2100 }, document: { type: 'string', pattern: '^[a-z0-9-]{1,200}$' }, ...pageQuery } },
      response: { 200: pagedSchema(notification), ...errorResponses },
    },
    list: (q) => listNotifications(db, q),
    csv: (n) => ({ id: n.id, year: n.year, number: n.number, document: n.document, summary: n.summary, published_at: n.published_at }),
  });
}
