import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, isoDate, localised, provenance, restrictedErrors, webLink } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { notFound } from '../../http/problem.ts';
import { LEDGER_ACTIONS, listMemoranda, recordLedgerEntry, type LedgerInput, type MemorandumView } from './relations.service.ts';

const memoId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' } as const;
const precision = { type: 'string', enum: ['day', 'month', 'year'] } as const;
const entry = {
  type: 'object',
  properties: { action: { type: 'string' }, date: isoDate, date_precision: precision, place: { type: ['string', 'null'] }, meeting: { type: ['string', 'null'] }, origin: { type: 'string' }, ...provenance },
} as const;
const memorandum = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    organisation: { type: 'object', properties: { id: { type: 'string' }, name: localised } },
    sco_party: { type: 'string', description: 'The SCO body party to it (organ id).' },
    kind: { type: 'string' }, title: localised, document: { type: ['string', 'null'] },
    signed: { anyOf: [{ type: 'null' }, { type: 'object', properties: { date: isoDate, date_precision: precision } }] },
    ledger: { type: 'array', items: entry }, ...provenance,
  },
} as const;

export function relationsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  listRoute<Page & { organisation?: string }, MemorandumView>(app, {
    path: '/api/v1/memoranda',
    schema: {
      summary: 'Memoranda and other instruments with international organisations (UN, ASEAN, CIS, CSTO, ECO, CICA…), each with the organisation as a party and its ledger',
      tags: ['relations'],
      querystring: { type: 'object', additionalProperties: false, properties: { organisation: { type: 'string', pattern: '^[A-Za-z-]{2,20}$' }, ...pageQuery } },
      response: { 200: pagedSchema(memorandum), ...errorResponses },
    },
    list: (q) => listMemoranda(db, q),
    csv: (m) => ({ id: m.id, organisation: m.organisation.id, organisation_name_en: m.organisation.name.en, sco_party: m.sco_party, kind: m.kind, title_en: m.title.en, signed: m.signed?.date ?? null, signed_precision: m.signed?.date_precision ?? null, ledger: m.ledger.map((e) => `${e.action} ${e.date}`).join(' | '), confidence: m.confidence, source: m.source.join(' | ') }),
  });

  app.get<{ Params: { id: string } }>('/api/v1/memoranda/:id', {
    schema: { summary: 'A memorandum with its ledger', tags: ['relations'], params: { type: 'object', properties: { id: memoId }, required: ['id'] }, response: { 200: memorandum, ...errorResponses } },
    handler: async (request) => {
      const found = (await listMemoranda(db)).find((m) => m.id === request.params.id);
      if (!found) throw notFound(`Memorandum "${request.params.id}"`);
      return found;
    },
  });

  app.post<{ Params: { id: string }; Body: LedgerInput }>('/api/v1/memoranda/:id/ledger', {
    schema: {
      summary: "Add an entry (decided, signed, in force…) to a memorandum's ledger, with its source",
      tags: ['relations'],
      params: { type: 'object', properties: { id: memoId }, required: ['id'] },
      body: {
        type: 'object', required: ['action', 'date', 'source'], additionalProperties: false,
        properties: { action: { type: 'string', enum: [...LEDGER_ACTIONS] }, date: isoDate, date_precision: precision, place: { type: ['string', 'null'], maxLength: 200 }, meeting: { type: ['string', 'null'], pattern: '^[A-Za-z0-9_-]{1,60}$' }, source: { type: 'array', minItems: 1, maxItems: 20, items: webLink }, note: { type: ['string', 'null'], maxLength: 2000 } },
      },
      response: { 201: entry, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await recordLedgerEntry(db, request.actor, request.params.id, request.body)),
  });
}
