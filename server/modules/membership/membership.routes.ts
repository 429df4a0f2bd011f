import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, iso2, isoDate, localised, provenance, today } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { notFound } from '../../http/problem.ts';
import { getState, listStates, statusCountsByYear } from './membership.service.ts';
import { organisationRules } from '../../organisation/organisation.routes.ts';

const period = {
  type: 'object',
  properties: { status: { type: 'string' }, valid_from: isoDate, valid_to: { type: ['string', 'null'] }, basis: { type: ['string', 'null'] }, meeting: { type: ['string', 'null'] }, ...provenance },
};
const state = {
  type: 'object',
  properties: { iso2: { type: 'string' }, iso3: { type: 'string' }, m49: { type: 'string' }, name: localised, official_name_en: { type: ['string', 'null'] }, status: { anyOf: [period, { type: 'null' }] }, ...provenance },
};

export function membershipRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  listRoute<Page & { at?: string; status?: string }, Awaited<ReturnType<typeof listStates>>[number]>(app, {
    path: '/api/v1/states',
    schema: {
      summary: 'States with their status on a date',
      tags: ['membership'],
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { at: { ...isoDate, description: 'The date (default: today).' }, status: { type: 'string', pattern: '^[a-z_]{1,40}$', description: 'Only states holding this status.' }, ...pageQuery },
      },
      response: { 200: pagedSchema(state), ...errorResponses },
    },
    list: (q) => listStates(db, q.at ?? today(), q.status),
    csv: (s) => ({ iso2: s.iso2, iso3: s.iso3, name_en: s.name.en, name_ru: s.name.ru, name_zh: s.name.zh, status: s.status?.status ?? '', since: s.status?.valid_from ?? '', until: s.status?.valid_to ?? '', confidence: s.status?.confidence ?? '', source: s.status?.source.join(' | ') ?? '' }),
  });

  app.get<{ Querystring: { at?: string } }>('/api/v1/membership/counts', {
    schema: {
      summary: 'How many states held each status on 30 June of every year since the founding, and on `at`',
      tags: ['membership'],
      querystring: { type: 'object', additionalProperties: false, properties: { at: { ...isoDate, description: 'The last date (default: today).' } } },
      response: {
        200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'object', required: ['date', 'counts'], properties: { date: isoDate, counts: { type: 'object', additionalProperties: { type: 'integer' }, description: 'status id → number of states' } } } } } },
        ...errorResponses,
      },
    },
    handler: async (request) => ({ items: await statusCountsByYear(db, (await organisationRules(db)).founded, request.query.at ?? today()) }),
  });

  app.get<{ Params: { iso2: string }; Querystring: { at?: string } }>('/api/v1/states/:iso2', {
    schema: {
      summary: 'A state with its full status history',
      tags: ['membership'],
      params: { type: 'object', properties: { iso2 }, required: ['iso2'] },
      querystring: { type: 'object', additionalProperties: false, properties: { at: isoDate } },
      response: {
        200: {
          type: 'object',
          properties: {
            ...state.properties,
            history: { type: 'array', items: period },
            chairmanships: { type: 'array', items: { type: 'object', properties: { valid_from: isoDate, valid_to: { type: ['string', 'null'] }, summit: { type: ['string', 'null'] } } } },
            hosted_meetings: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, organ: { type: 'string' }, start_date: isoDate, city: { type: 'string' } } } },
          },
        },
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const found = await getState(db, request.params.iso2.toUpperCase(), request.query.at ?? today());
      if (!found) throw notFound(`State "${request.params.iso2}"`);
      return found;
    },
  });
}
