import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, localised } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { searchDocuments, type SearchFilter, type SearchHit } from './search.service.ts';

const segments = { type: ['array', 'null'], items: { type: 'object', properties: { text: { type: 'string' }, hit: { type: 'boolean' } } } } as const;
const hit = {
  type: 'object',
  properties: {
    id: { type: 'string' }, key: { type: 'string' }, kind: { type: 'string' }, date: { type: ['string', 'null'] }, organ: { type: ['string', 'null'] }, title: localised, score: { type: 'number' },
    highlight: { type: 'object', description: 'Each title cut into segments, hit=true where the query matched', properties: { en: segments, ru: segments, zh: segments } },
    passages: {
      type: 'array',
      description: "The best matching paragraphs of the document's texts (latest versions), at most three",
      items: { type: 'object', properties: { language: { type: 'string' }, version: { type: 'integer' }, eid: { type: 'string', description: 'The paragraph, e.g. art_1__para_2' }, snippet: segments } },
    },
  },
} as const;

export function searchRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  listRoute<Page & SearchFilter, SearchHit>(app, {
    path: '/api/v1/search',
    schema: {
      summary: 'Search document titles and texts in English, Russian (stemmed) and Chinese (bigrams), best match first, with the matching paragraphs',
      tags: ['documents'],
      querystring: {
        type: 'object',
        required: ['q'],
        additionalProperties: false,
        properties: {
          q: { type: 'string', minLength: 1, maxLength: 200, description: 'Words in any of the three languages, e.g. хартия or 宪章' },
          kind: { type: 'string', pattern: '^[a-z-]{1,40}$' },
          organ: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' },
          year: { type: 'integer', minimum: 1990, maximum: 2100 },
          status: { type: 'string', enum: ['in_force', 'not_in_force', 'unknown'], description: 'Entry-into-force status today' },
          ...pageQuery,
        },
      },
      response: { 200: pagedSchema(hit), ...errorResponses },
    },
    list: (q) => searchDocuments(db, q),
    csv: (h) => ({ key: h.key, kind: h.kind, date: h.date, organ: h.organ, score: h.score, title_en: h.title.en, title_ru: h.title.ru, title_zh: h.title.zh, passages: h.passages.map((p) => `${p.language}#${p.eid}`).join(' | ') }),
  });
}
