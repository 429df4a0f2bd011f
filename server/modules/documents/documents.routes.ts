import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, isoDate, localised, provenance, today } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { notFound } from '../../http/problem.ts';
import { getDocument, listDocuments, type DocumentFilter, type DocumentView } from './documents.service.ts';

const nullableDate = { type: ['string', 'null'] } as const;
const document = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Akoma Ntoso style URI' }, key: { type: 'string', description: 'URL key' }, kind: { type: 'string' }, title: localised,
    date: nullableDate, date_precision: { type: ['string', 'null'] }, place: { type: ['string', 'null'] }, organ: { type: ['string', 'null'] }, meeting: { type: ['string', 'null'] },
    counterparty: { type: ['string', 'null'] }, in_force: nullableDate, entry_into_force_rule: { type: 'string' }, named_in_seeds: { type: 'boolean' }, ...provenance,
  },
};
const status = { type: 'object', properties: { status: { type: 'string', enum: ['in_force', 'not_in_force', 'unknown'] }, date: nullableDate, basis: { type: 'string' }, computation: { type: 'array', items: { type: 'string' }, description: 'How the date was reached, step by step.' } } };

export { document as documentSchema, status as entryIntoForceSchema };

export function documentsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  listRoute<Page & DocumentFilter, DocumentView>(app, {
    path: '/api/v1/documents',
    schema: {
      summary: 'The document registry, newest first',
      tags: ['documents'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: { type: 'string', pattern: '^[a-z-]{1,40}$' },
          year: { type: 'integer', minimum: 1990, maximum: 2100 },
          organ: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' },
          q: { type: 'string', minLength: 1, maxLength: 200, description: 'Text in a title (any language), place or counterparty.' },
          ...pageQuery,
        },
      },
      response: { 200: pagedSchema(document), ...errorResponses },
    },
    list: (q) => listDocuments(db, q),
    csv: (d) => ({ id: d.id, kind: d.kind, date: d.date, title_en: d.title.en, title_ru: d.title.ru, title_zh: d.title.zh, place: d.place, organ: d.organ, meeting: d.meeting, counterparty: d.counterparty, in_force: d.in_force, confidence: d.confidence, source: d.source.join(' | ') }),
  });

  app.get<{ Params: { key: string }; Querystring: { at?: string } }>('/api/v1/documents/:key', {
    schema: {
      summary: 'A document with its ledger and entry-into-force status, overall and per party',
      tags: ['documents'],
      params: { type: 'object', properties: { key: { type: 'string', pattern: '^[a-z0-9-]{1,200}$', description: 'The key, e.g. convention-2001-06-15-terrorism' } }, required: ['key'] },
      querystring: { type: 'object', additionalProperties: false, properties: { at: { ...isoDate, description: 'Compute statuses on this date (default: today).' } } },
      response: {
        200: {
          type: 'object',
          properties: {
            ...document.properties,
            meeting_detail: { anyOf: [{ type: 'null' }, { type: 'object', properties: { id: { type: 'string' }, city: { type: 'string' }, start_date: isoDate } }] },
            status,
            parties: { type: 'array', items: { type: 'object', properties: { state: { type: 'string' }, signed: nullableDate, consented: nullableDate, withdrawn: nullableDate, status: { type: 'string' }, inForceFrom: nullableDate, provisionallyApplied: nullableDate, basis: { type: 'string' } } } },
            pending_signatures: { type: 'array', items: { type: 'string' }, description: 'Parties (of a document adopted here) that have not signed yet.' },
            ledger: { type: 'array', items: { type: 'object', properties: { state: { type: 'string' }, action: { type: 'string' }, date: isoDate, text: { type: ['string', 'null'] }, ...provenance } } },
          },
        },
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const found = await getDocument(db, request.params.key, request.query.at ?? today());
      if (!found) throw notFound(`Document "${request.params.key}"`);
      return found;
    },
  });
}
