import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, iso2, isoDate, localised, provenance, restrictedErrors, today } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { notFound } from '../../http/problem.ts';
import { getState, listActs, listStates, statusCountsByYear } from './membership.service.ts';
import { recordMembershipAct, type MembershipActInput } from './record-membership-act.ts';
import { ACT_KINDS } from './membership-acts.ts';
import { organisationRules } from '../../organisation/organisation.routes.ts';

const period = {
  type: 'object',
  properties: { status: { type: 'string' }, valid_from: isoDate, valid_to: { type: ['string', 'null'] }, basis: { type: ['string', 'null'] }, meeting: { type: ['string', 'null'] }, ...provenance },
};
const act = {
  type: 'object',
  properties: {
    id: { type: 'string' }, state: { type: 'string' }, act: { type: 'string', enum: [...ACT_KINDS] }, status: { type: ['string', 'null'] }, date: isoDate, date_precision: { type: 'string', enum: ['day', 'month', 'year'] },
    organ: { type: ['string', 'null'] }, meeting: { type: ['string', 'null'] }, decision: { type: ['string', 'null'], description: 'The decision or instrument in the registry (document id), when it has it.' },
    basis: { type: ['string', 'null'] }, origin: { type: 'string', enum: ['reference', 'secretariat'] }, ...provenance,
  },
} as const;
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
            acts: { type: 'array', items: act },
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

  listRoute<Page & { act?: string; state?: string }, Awaited<ReturnType<typeof listActs>>[number]>(app, {
    path: '/api/v1/membership/acts',
    schema: {
      summary: 'Membership acts of every state (applications, procedures, memoranda, admissions, status changes), oldest first; status periods derive from them',
      tags: ['membership'],
      querystring: { type: 'object', additionalProperties: false, properties: { act: { type: 'string', enum: [...ACT_KINDS] }, state: iso2, ...pageQuery } },
      response: { 200: pagedSchema(act), ...errorResponses },
    },
    list: (q) => listActs(db, q),
    csv: (a) => ({ id: a.id, state: a.state, act: a.act, status: a.status, date: a.date, date_precision: a.date_precision, organ: a.organ, meeting: a.meeting, decision: a.decision, basis: a.basis, origin: a.origin, confidence: a.confidence, source: a.source.join(' | ') }),
  });

  app.post<{ Params: { iso2: string }; Body: MembershipActInput }>('/api/v1/states/:iso2/acts', {
    schema: {
      summary: "Record a membership act for a state; its status changes from the act's date. Checked against the organisation's membership rules (409 naming the rule)",
      tags: ['membership'],
      params: { type: 'object', properties: { iso2 }, required: ['iso2'] },
      body: {
        type: 'object',
        required: ['act', 'date'],
        additionalProperties: false,
        properties: {
          act: { type: 'string', enum: [...ACT_KINDS] }, status: { type: ['string', 'null'], pattern: '^[a-z_]{1,40}$' }, date: isoDate, date_precision: { type: 'string', enum: ['day', 'month', 'year'] },
          organ: { type: ['string', 'null'], pattern: '^[A-Za-z0-9_-]{1,60}$' }, meeting: { type: ['string', 'null'], pattern: '^[A-Za-z0-9_-]{1,60}$' },
          decision: { type: ['string', 'null'], minLength: 1, maxLength: 300 }, basis: { type: ['string', 'null'], maxLength: 2000 },
          source: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 2000 } }, note: { type: ['string', 'null'], maxLength: 2000 },
        },
      },
      response: {
        201: { type: 'object', properties: { act, grants: { type: ['string', 'null'] }, periods: { type: 'array', items: { type: 'object', properties: { status: { type: 'string' }, valid_from: isoDate, valid_to: { type: ['string', 'null'] } } } } } },
        ...restrictedErrors,
      },
    },
    handler: async (request, reply) => reply.status(201).send(await recordMembershipAct(db, request.actor, request.params.iso2, request.body)),
  });
}
