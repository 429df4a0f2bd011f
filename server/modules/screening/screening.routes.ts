import type { FastifyInstance } from 'fastify';
import { restrictedErrors } from '../../http/common-schemas.ts';
import { DEFAULT_THRESHOLD } from './matcher.ts';
import { QUERY_SCHEMATA, type QueryEntity, type ScreeningService } from './screening.service.ts';

const errors = restrictedErrors;
const open = { type: 'object', additionalProperties: true } as const;
const strings = { type: 'array', maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 500 } } as const;
const MAX_BATCH = 500;

export function screeningRoutes(app: FastifyInstance, screening: ScreeningService): void {
  app.post<{ Body: { queries: Record<string, QueryEntity> }; Querystring: { dataset?: string; limit: number; threshold: number } }>('/api/v1/screening/match', {
    schema: {
      summary: "Screen a batch of entities against the lists you may see (the shape of OpenSanctions yente's /match)",
      tags: ['screening'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          dataset: { type: 'string', pattern: '^(default|single-list|national-[A-Z]{2})$', description: 'default: every list you may see' },
          limit: { type: 'integer', minimum: 1, maximum: 100, default: 5 },
          threshold: { type: 'number', minimum: 0, maximum: 1, default: DEFAULT_THRESHOLD },
        },
      },
      body: {
        type: 'object',
        required: ['queries'],
        additionalProperties: false,
        properties: {
          queries: {
            type: 'object',
            minProperties: 1,
            maxProperties: MAX_BATCH,
            additionalProperties: {
              type: 'object',
              required: ['schema', 'properties'],
              properties: {
                schema: { enum: QUERY_SCHEMATA },
                properties: {
                  type: 'object',
                  additionalProperties: false,
                  properties: Object.fromEntries(['name', 'alias', 'firstName', 'middleName', 'fatherName', 'lastName', 'birthDate', 'nationality', 'country', 'passportNumber', 'idNumber', 'registrationNumber'].map((p) => [p, strings])),
                },
              },
            },
          },
        },
      },
      response: { 200: { type: 'object', properties: { responses: { type: 'object', additionalProperties: open }, matcher: open, limit: { type: 'integer' } } }, ...errors },
    },
    handler: (request) => screening.match(request.actor, request.body.queries, request.query),
  });

  app.get<{ Querystring: { q: string; limit: number } }>('/api/v1/screening/search', {
    schema: {
      summary: 'Search the lists you may see for a name, in any script',
      tags: ['screening'],
      querystring: { type: 'object', required: ['q'], additionalProperties: false, properties: { q: { type: 'string', minLength: 1, maxLength: 300 }, limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 } } },
      response: { 200: open, ...errors },
    },
    handler: (request) => screening.search(request.actor, request.query.q, request.query.limit),
  });

  app.get<{ Querystring: { actor?: string; limit: number } }>('/api/v1/screening/log', {
    schema: {
      summary: 'Who screened what, within the retention period (RATS and administrators)',
      tags: ['screening'],
      querystring: { type: 'object', additionalProperties: false, properties: { actor: { type: 'string', maxLength: 100 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
      response: { 200: open, ...errors },
    },
    handler: (request) => screening.readLog(request.actor, request.query),
  });
}
