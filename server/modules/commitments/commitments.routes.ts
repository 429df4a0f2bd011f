import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, iso2, isoDate, localised, restrictedErrors } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { commitmentRegister, getAnnex, markCommitments, setAnnex, type Annex, type RegisterFilter, type RegisterRow } from './commitments.service.ts';

const commitment = {
  type: 'object',
  required: ['paragraph', 'what'],
  additionalProperties: false,
  properties: {
    paragraph: { type: 'string', pattern: '^[a-z]+_[0-9a-z]+(__[a-z]+_[0-9a-z]+)*$', description: 'Akoma Ntoso eId of the paragraph, e.g. para_3 or art_2__para_1' },
    what: { type: 'string', minLength: 1, maxLength: 2000 },
    states: { type: 'array', maxItems: 30, items: iso2 },
    organs: { type: 'array', maxItems: 30, items: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' } },
    deadline: { ...isoDate, type: ['string', 'null'] },
    indicator: { type: ['string', 'null'], maxLength: 500 },
  },
} as const;
const annex = { type: 'object', required: ['pillar', 'commitments'], additionalProperties: false, properties: { pillar: { type: 'string', enum: ['security', 'economy', 'culture'] }, commitments: { type: 'array', maxItems: 500, items: commitment } } } as const;
const annexOut = { type: 'object', properties: { pillar: { type: ['string', 'null'] }, commitments: { type: 'array', items: { type: 'object', additionalProperties: true } } } } as const;
const draftId = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^d_[0-9a-f]{12}$' } } } as const;
const row = {
  type: 'object',
  properties: {
    document: { type: 'string' }, document_title: localised, document_organ: { type: ['string', 'null'] }, plan: { type: 'string' }, measure: { type: 'string' }, paragraph: { type: 'string' }, what: { type: 'string' },
    states: { type: 'array', items: { type: 'string' } }, organs: { type: 'array', items: { type: 'string' } }, deadline: { type: ['string', 'null'] }, indicator: { type: ['string', 'null'] },
    status: { type: 'string' }, flags: { type: 'array', items: { type: 'string', enum: ['no_owner', 'no_deadline', 'overdue', 'met'] } },
  },
} as const;

export function commitmentsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get<{ Params: { id: string } }>('/api/v1/drafts/:id/annex', {
    schema: { summary: 'A draft\'s implementation annex: its commitments, paragraph by paragraph', tags: ['decisions'], params: draftId, response: { 200: annexOut, ...restrictedErrors } },
    handler: (request) => getAnnex(db, request.actor, request.params.id),
  });

  app.put<{ Params: { id: string }; Body: Annex }>('/api/v1/drafts/:id/annex', {
    schema: { summary: 'Replace a draft\'s implementation annex; on adoption its commitments become measures', tags: ['decisions'], params: draftId, body: annex, response: { 200: annexOut, ...restrictedErrors } },
    handler: (request) => setAnnex(db, request.actor, request.params.id, request.body),
  });

  app.post<{ Params: { key: string }; Body: Annex }>('/api/v1/documents/:key/commitments', {
    schema: {
      summary: 'Mark commitments in a document already adopted (they become measures of its commitments plan)',
      tags: ['decisions'],
      params: { type: 'object', required: ['key'], properties: { key: { type: 'string', pattern: '^[a-z0-9-]{1,200}$' } } },
      body: annex,
      response: { 201: { type: 'object', properties: { plan: { type: 'string' }, measures: { type: 'array', items: { type: 'string' } } } }, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await markCommitments(db, request.actor, request.params.key, request.body)),
  });

  listRoute<Page & RegisterFilter, RegisterRow>(app, {
    path: '/api/v1/commitments',
    schema: {
      summary: 'The commitment register: every commitment of the documents, with its status and flags (no owner, no deadline, overdue, met)',
      tags: ['decisions'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          document: { type: 'string', pattern: '^[a-z0-9-]{1,200}$' }, organ: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' }, state: iso2,
          flag: { type: 'string', enum: ['no_owner', 'no_deadline', 'overdue', 'met'] }, ...pageQuery,
        },
      },
      response: { 200: pagedSchema(row), ...errorResponses },
    },
    list: (q, request) => commitmentRegister(db, request.actor, q),
    csv: (r) => ({ document: r.document, paragraph: r.paragraph, what: r.what, states: r.states.join(' '), organs: r.organs.join(' '), deadline: r.deadline, indicator: r.indicator, status: r.status, flags: r.flags.join(' ') }),
  });
}
