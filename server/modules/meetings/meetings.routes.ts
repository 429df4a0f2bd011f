import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, isoDate, localised, provenance } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { notFound } from '../../http/problem.ts';
import { meetingsCalendar } from './meetings-calendar.ts';
import { getMeeting, listMeetings, type MeetingFilter, type MeetingView } from './meetings.service.ts';

const organId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$', description: 'Organ id, e.g. CHS.' } as const;
const filterQuery = { organ: organId, year: { type: 'integer', minimum: 1990, maximum: 2100 } } as const;
const meeting = {
  type: 'object',
  properties: {
    id: { type: 'string' }, organ: { type: 'string' }, organ_name: localised, number: { type: ['integer', 'null'] }, start_date: isoDate, end_date: isoDate,
    city: { type: 'string' }, host: { type: ['string', 'null'] }, chair: { type: ['string', 'null'] }, format: { type: 'string' }, outcomes: { type: ['string', 'null'] }, ...provenance,
  },
};

export function meetingsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  listRoute<Page & MeetingFilter, MeetingView>(app, {
    path: '/api/v1/meetings',
    schema: {
      summary: 'Meetings of the organs, newest first',
      tags: ['meetings'],
      querystring: { type: 'object', additionalProperties: false, properties: { ...filterQuery, ...pageQuery } },
      response: { 200: pagedSchema(meeting), ...errorResponses },
    },
    list: (q) => listMeetings(db, q),
    csv: (m) => ({ id: m.id, organ: m.organ, number: m.number, start_date: m.start_date, end_date: m.end_date, city: m.city, host: m.host, chair: m.chair, format: m.format, outcomes: m.outcomes, confidence: m.confidence, source: m.source.join(' | ') }),
  });

  app.get<{ Querystring: { organ?: string } }>('/api/v1/meetings.ics', {
    schema: {
      summary: 'Meetings as an iCalendar feed (subscribe per organ)',
      tags: ['meetings'],
      produces: ['text/calendar'],
      querystring: { type: 'object', additionalProperties: false, properties: { organ: organId } },
      response: { 200: { type: 'string', description: 'text/calendar' }, ...errorResponses },
    },
    handler: async (request, reply) => {
      const meetings = await listMeetings(db, { organ: request.query.organ });
      const title = request.query.organ ? `${meetings[0]?.organ_name.en ?? request.query.organ} — meetings` : 'SCO meetings';
      const base = `${request.protocol}://${request.host}`;
      return reply.type('text/calendar; charset=utf-8').send(meetingsCalendar(meetings, title, base));
    },
  });

  app.get<{ Params: { id: string } }>('/api/v1/meetings/:id', {
    schema: {
      summary: 'A meeting with the states taking part (by status on its date) and the documents adopted',
      tags: ['meetings'],
      params: { type: 'object', properties: { id: organId }, required: ['id'] },
      response: {
        200: {
          type: 'object',
          properties: {
            ...meeting.properties,
            participants: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
            documents: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, key: { type: 'string' }, kind: { type: 'string' }, title: localised } } },
          },
        },
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const found = await getMeeting(db, request.params.id);
      if (!found) throw notFound(`Meeting "${request.params.id}"`);
      return found;
    },
  });
}
