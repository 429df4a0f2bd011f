import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, iso2, isoDate, localised, provenance, restrictedErrors, today } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { notFound } from '../../http/problem.ts';
import { meetingsCalendar } from './meetings-calendar.ts';
import { EVENT_KINDS, listEvents, type EventFilter, type EventView } from './cultural-events.ts';
import { createMeeting, editMeeting, meetingRecord, type MeetingInput, type RecordInput } from './meeting-records.service.ts';
import { alertDormantBodies, organActivity, type OrganActivity } from './organ-activity.service.ts';
import { authorize } from '../../http/auth.ts';
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

const culturalEvent = {
  type: 'object',
  properties: {
    id: { type: 'string' }, kind: { type: 'string', enum: [...EVENT_KINDS] }, title: localised, start_date: isoDate, end_date: isoDate,
    date_precision: { type: 'string', enum: ['day', 'month', 'year'], description: 'How precisely the dates are known: month or year means the dates span the whole month or year.' },
    city: { type: ['string', 'null'] }, hosts: { type: 'array', items: { type: 'string' } }, states: { type: 'array', items: { type: 'string' }, description: 'Participating states.' },
    organ: { type: ['string', 'null'] }, meeting: { type: ['string', 'null'], description: 'The meeting that decided or hosted it.' }, ...provenance,
  },
} as const;

const coreFields = {
  start_date: isoDate, end_date: isoDate, city: { type: 'string', minLength: 1, maxLength: 200 }, host: { ...iso2, type: ['string', 'null'] }, chair: { ...iso2, type: ['string', 'null'] },
  format: { type: 'string', enum: ['in person', 'videoconference'] }, note: { type: ['string', 'null'], maxLength: 2000 },
} as const;
const recordFields = {
  agenda: { type: 'array', maxItems: 200, items: { type: 'object', required: ['title'], additionalProperties: false, properties: { title: { type: 'string', minLength: 1, maxLength: 1000 }, draft: { type: 'string', pattern: '^d_[0-9a-f]{12}$' } } } },
  delegations: { type: 'array', maxItems: 60, items: { type: 'object', required: ['state', 'members'], additionalProperties: false, properties: { state: iso2, members: { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 200 } } } } },
  outcome_documents: { type: 'array', maxItems: 200, items: { type: 'string', pattern: '^[a-z0-9-]{1,200}$' } },
  minutes: { type: ['string', 'null'], maxLength: 200_000 },
} as const;
const record = {
  type: 'object',
  properties: {
    agenda: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, draft: { type: ['string', 'null'] } } } },
    delegations: { type: 'array', items: { type: 'object', properties: { state: { type: 'string' }, members: { type: 'array', items: { type: 'string' } } } } },
    outcome_documents: { type: 'array', items: { type: 'string' } }, minutes: { type: ['string', 'null'] },
  },
} as const;
const nullableDate = { type: ['string', 'null'] } as const;
const activity = {
  type: 'object',
  properties: {
    organ: { type: 'string' }, parent: { type: ['string', 'null'] }, kind: { type: 'string' }, name: localised,
    rhythm: { anyOf: [{ type: 'null' }, { type: 'object', properties: { rhythm: { type: 'string' }, interval_months: { type: ['integer', 'null'] }, grace_days: { type: 'integer' }, ...provenance } }] },
    meetings: { type: 'integer' }, meetings_by_year: { type: 'object', additionalProperties: { type: 'integer' } }, next: nullableDate, documents: { type: 'integer' },
    status: { type: 'string', enum: ['active', 'dormant', 'not_mandated'] }, last: nullableDate, due: nullableDate,
  },
} as const;

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
      summary: 'Meetings and cultural and humanitarian events as an iCalendar feed (subscribe per organ, or to all)',
      tags: ['meetings'],
      produces: ['text/calendar'],
      querystring: { type: 'object', additionalProperties: false, properties: { organ: organId } },
      response: { 200: { type: 'string', description: 'text/calendar' }, ...errorResponses },
    },
    handler: async (request, reply) => {
      const [meetings, events] = await Promise.all([listMeetings(db, { organ: request.query.organ }), listEvents(db, { organ: request.query.organ })]);
      const title = request.query.organ ? `${meetings[0]?.organ_name.en ?? request.query.organ} — meetings` : 'SCO meetings and events';
      const base = `${request.protocol}://${request.host}`;
      return reply.type('text/calendar; charset=utf-8').send(meetingsCalendar(meetings, title, base, events));
    },
  });

  listRoute<Page & EventFilter, EventView>(app, {
    path: '/api/v1/events',
    schema: {
      summary: 'Cultural and humanitarian events on the calendar (thematic years, tourism and cultural capitals, festivals, forums, youth and media events), newest first',
      tags: ['meetings'],
      querystring: { type: 'object', additionalProperties: false, properties: { ...filterQuery, kind: { type: 'string', enum: [...EVENT_KINDS] }, ...pageQuery } },
      response: { 200: pagedSchema(culturalEvent), ...errorResponses },
    },
    list: (q) => listEvents(db, q),
    csv: (e) => ({ id: e.id, kind: e.kind, title_en: e.title.en, title_ru: e.title.ru, title_zh: e.title.zh, start_date: e.start_date, end_date: e.end_date, date_precision: e.date_precision, city: e.city, hosts: e.hosts.join(' | '), states: e.states.join(' | '), organ: e.organ, meeting: e.meeting, confidence: e.confidence, source: e.source.join(' | ') }),
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
            record,
          },
        },
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const found = await getMeeting(db, request.params.id);
      if (!found) throw notFound(`Meeting "${request.params.id}"`);
      return { ...found, record: await meetingRecord(db, request.actor, found.id) };
    },
  });

  app.post<{ Body: MeetingInput & RecordInput }>('/api/v1/meetings', {
    schema: {
      summary: 'Schedule a meeting of any organ, with its agenda, delegations, outcome documents and minutes',
      tags: ['meetings'],
      body: { type: 'object', required: ['organ', 'start_date', 'city'], additionalProperties: false, properties: { organ: organId, ...coreFields, ...recordFields } },
      response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createMeeting(db, request.actor, request.body)),
  });

  app.patch<{ Params: { id: string }; Body: Partial<MeetingInput> & RecordInput }>('/api/v1/meetings/:id', {
    schema: {
      summary: 'Edit a meeting: its record, and its date and place when the Secretariat scheduled it here',
      tags: ['meetings'],
      params: { type: 'object', properties: { id: organId }, required: ['id'] },
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: { ...coreFields, ...recordFields } },
      response: { 200: { type: 'object', properties: { id: { type: 'string' } } }, ...restrictedErrors },
    },
    handler: (request) => editMeeting(db, request.actor, request.params.id, request.body),
  });

  listRoute<Page & { at?: string }, OrganActivity>(app, {
    path: '/api/v1/organ-activity',
    schema: {
      summary: 'Every organ: its mandated rhythm, meetings by year, documents produced, last meeting, next due date and whether it is dormant',
      tags: ['meetings'],
      querystring: { type: 'object', additionalProperties: false, properties: { at: { ...isoDate, description: 'Standing on this date (default: today).' }, ...pageQuery } },
      response: { 200: pagedSchema(activity), ...errorResponses },
    },
    list: (q) => organActivity(db, q.at ?? today()),
    csv: (o) => ({ organ: o.organ, name_en: o.name.en, rhythm: o.rhythm?.rhythm ?? null, meetings: o.meetings, documents: o.documents, last: o.last, next: o.next, due: o.due, status: o.status }),
  });

  app.post('/api/v1/organ-activity/alerts', {
    schema: {
      summary: 'Check every organ against its rhythm now and alert the Secretariat and the chair of each newly dormant body (the server also checks on its own)',
      tags: ['meetings'],
      response: { 200: { type: 'object', properties: { sent: { type: 'array', items: { type: 'object', properties: { organ: { type: 'string' }, due: isoDate } } } } }, ...restrictedErrors },
    },
    handler: async (request) => {
      authorize(request, 'organs.check_activity');
      return { sent: await alertDormantBodies(db, today(), `user:${request.actor.kind === 'user' ? request.actor.userId : ''}`) };
    },
  });
}
