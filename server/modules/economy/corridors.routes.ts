/** Corridors, places and border-crossing times; every table also as CSV and XLSX. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, restrictedErrors } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { CSV, XLSX, writeXlsx } from '../../http/tabular.ts';
import { addMilestone, linkProject, listMilestones, reachMilestone, type MilestoneInput } from './project-links.service.ts';
import { getCorridor, importCrossingTimes, listCorridors, listCrossingTimes, listPlaces, reportCrossingTime, type CrossingTimeInput } from './corridors.service.ts';

const open = { type: 'object', additionalProperties: true } as const;
const slug = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,80}$' } as const;
const iso2 = { type: 'string', pattern: '^[A-Za-z]{2}$' } as const;
const date = { type: 'string', format: 'date' } as const;
const KINDS = ['transport', 'energy', 'digital', 'programme'];

type Row = Record<string, string | number | boolean | null>;

/** Registers `path.xlsx` with the same rows as the list's CSV. */
function xlsxRoute<Q>(app: FastifyInstance, path: string, summary: string, querystring: object, rows: (q: Q) => Promise<Row[]>, name: string) {
  app.get<{ Querystring: Q }>(`${path}.xlsx`, {
    schema: { summary: `${summary} (XLSX)`, tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: querystring }, response: { 200: { description: 'The table' }, ...errorResponses } },
    handler: async (request, reply) => {
      const data = await rows(request.query as Q);
      return reply.type(XLSX).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await writeXlsx(data[0] ? Object.keys(data[0]) : ['id'], data));
    },
  });
}

export function corridorRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  if (!app.hasContentTypeParser(CSV)) app.addContentTypeParser(CSV, { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  type Places = Awaited<ReturnType<typeof listPlaces>>[number];
  const placeRow = (p: Places): Row => ({ id: p.id, name_en: p.name.en, name_ru: p.name.ru, name_zh: p.name.zh, kind: p.kind, states: p.states.join(' '), lat: p.coordinates?.lat ?? null, lon: p.coordinates?.lon ?? null, coordinates_source: p.coordinates?.source ?? null, source: p.source.join(' | '), confidence: p.confidence });
  listRoute<Page, Places>(app, {
    path: '/api/v1/economy/places',
    schema: { summary: 'Named places of corridors (cities, ports, border crossings, fields, stations), with the source of their coordinates', tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: pageQuery }, response: { 200: pagedSchema(open), ...errorResponses } },
    list: () => listPlaces(db),
    csv: placeRow,
  });
  xlsxRoute(app, '/api/v1/economy/places', 'Named places of corridors', {}, async () => (await listPlaces(db)).map(placeRow), 'places');

  type CorridorQuery = Page & { kind?: string; state?: string };
  type Corridor = Awaited<ReturnType<typeof listCorridors>>[number];
  const corridorQuery = { kind: { enum: KINDS }, state: iso2 } as const;
  const corridorRow = (c: Corridor): Row => ({ id: c.id, name_en: c.name.en, name_ru: c.name.ru, name_zh: c.name.zh, kind: c.kind, states: c.states.join(' '), segments: c.segments.length, route: c.segments.length ? [c.segments[0]!.from, ...c.segments.map((s) => s.to)].join(' > ') : '', end_to_end_hours: c.computed.end_to_end_hours, slowest_crossing: c.computed.slowest?.place ?? null, slowest_hours: c.computed.slowest?.hours ?? null, source: c.source.join(' | '), confidence: c.confidence });
  listRoute<CorridorQuery, Corridor>(app, {
    path: '/api/v1/economy/corridors',
    schema: { summary: 'Corridors and pipelines with their ordered segments, places and computed times today (end-to-end, slowest crossing)', tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery, ...corridorQuery } }, response: { 200: pagedSchema(open), ...errorResponses } },
    list: (q) => listCorridors(db, q),
    csv: corridorRow,
  });
  xlsxRoute<{ kind?: string; state?: string }>(app, '/api/v1/economy/corridors', 'Corridors and pipelines', corridorQuery, async (q) => (await listCorridors(db, q)).map(corridorRow), 'corridors');

  type Segment = Corridor['segments'][number] & { corridor: string };
  const segmentRow = (s: Segment): Row => ({ corridor: s.corridor, seq: s.seq, from: s.from, to: s.to, mode: s.mode, status: s.status, capacity: s.capacity?.value ?? null, capacity_unit: s.capacity?.unit ?? null, length_km: s.length_km, transit_hours: s.transit_hours, source: s.source.join(' | '), confidence: s.confidence, note: s.note });
  const segments = async (q: { kind?: string; state?: string }) => (await listCorridors(db, q)).flatMap((c) => c.segments.map((s) => ({ ...s, corridor: c.id })));
  listRoute<CorridorQuery, Segment>(app, {
    path: '/api/v1/economy/corridor-segments',
    schema: { summary: 'Every corridor segment: mode, status, capacity with its unit, length and transit time (null where not reported)', tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery, ...corridorQuery } }, response: { 200: pagedSchema(open), ...errorResponses } },
    list: (q) => segments(q),
    csv: segmentRow,
  });
  xlsxRoute<{ kind?: string; state?: string }>(app, '/api/v1/economy/corridor-segments', 'Corridor segments', corridorQuery, async (q) => (await segments(q)).map(segmentRow), 'corridor-segments');

  app.get<{ Params: { id: string }; Querystring: { at?: string } }>('/api/v1/economy/corridors/:id', {
    schema: {
      summary: 'A corridor: segments, places, each crossing\'s reported times over time, the end-to-end time and the slowest crossing on a date (default today)',
      tags: ['economy'],
      params: { type: 'object', required: ['id'], properties: { id: slug } },
      querystring: { type: 'object', additionalProperties: false, properties: { at: date } },
      response: { 200: open, ...errorResponses },
    },
    handler: (request) => getCorridor(db, request.actor, request.params.id, request.query.at),
  });

  type Times = Awaited<ReturnType<typeof listCrossingTimes>>[number];
  const timesQuery = { place: slug, state: iso2 } as const;
  listRoute<Page & { place?: string; state?: string }, Times>(app, {
    path: '/api/v1/economy/crossing-times',
    schema: { summary: 'Border-crossing times as the states reported them (hours to clear one state\'s side, for the period ending on observed_on)', tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery, ...timesQuery } }, response: { 200: pagedSchema(open), ...errorResponses } },
    list: (q) => listCrossingTimes(db, q),
    csv: (t) => ({ ...t }),
  });
  xlsxRoute<{ place?: string; state?: string }>(app, '/api/v1/economy/crossing-times', 'Border-crossing times', timesQuery, async (q) => (await listCrossingTimes(db, q)).map((t) => ({ ...t })), 'crossing-times');

  app.post<{ Body: CrossingTimeInput }>('/api/v1/economy/crossing-times', {
    schema: {
      summary: 'Report the time goods took to clear your state\'s side of a border crossing (the state\'s competent authority or national coordinator); a report for the same day replaces the earlier one',
      tags: ['economy'],
      body: {
        type: 'object', required: ['place', 'state', 'observed_on', 'hours'], additionalProperties: false,
        properties: { place: slug, state: iso2, observed_on: { ...date, description: 'The last day of the period the figure describes' }, hours: { type: 'number', minimum: 0, maximum: 8760 }, source: { type: 'string', maxLength: 500 } },
      },
      response: { 201: open, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await reportCrossingTime(db, request.actor, request.body)),
  });

  app.post<{ Querystring: { file_name?: string }; Body: string }>('/api/v1/economy/crossing-times/import', {
    schema: {
      summary: 'Import crossing times from CSV (place, state, observed_on, hours[, source]); every row must be for a state you report for, and a bad row refuses the whole file',
      tags: ['economy'],
      querystring: { type: 'object', additionalProperties: false, properties: { file_name: { type: 'string', maxLength: 300 } } },
      response: { 201: open, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await importCrossingTimes(db, request.actor, String(request.body ?? ''), request.query.file_name ?? null)),
  });

  const projectParam = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,80}$' } } } as const;
  const title = { type: 'string', minLength: 1, maxLength: 500 } as const;
  app.post<{ Params: { id: string }; Body: MilestoneInput }>('/api/v1/economy/projects/:id/milestones', {
    schema: {
      summary: 'Record a project milestone: planned date, and the actual date once reached (the Secretariat); the delay is computed',
      tags: ['economy'], params: projectParam,
      body: { type: 'object', required: ['title_en', 'planned_on'], additionalProperties: false, properties: { title_en: title, title_ru: { type: 'string', maxLength: 500 }, title_zh: { type: 'string', maxLength: 500 }, planned_on: date, actual_on: date } },
      response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await addMilestone(db, request.actor, request.params.id, request.body)),
  });
  app.post<{ Params: { id: string; milestone: string }; Body: { actual_on: string } }>('/api/v1/economy/projects/:id/milestones/:milestone', {
    schema: {
      summary: 'Record the day a milestone was reached (the Secretariat)',
      tags: ['economy'], params: { type: 'object', required: ['id', 'milestone'], properties: { ...projectParam.properties, milestone: { type: 'string', pattern: '^m_[0-9a-f]{12}$' } } },
      body: { type: 'object', required: ['actual_on'], additionalProperties: false, properties: { actual_on: date } },
      response: { 200: open, ...restrictedErrors },
    },
    handler: (request) => reachMilestone(db, request.actor, request.params.id, request.params.milestone, request.body),
  });
  app.post<{ Params: { id: string }; Body: { measure?: string; corridor?: string } }>('/api/v1/economy/projects/:id/links', {
    schema: {
      summary: 'Link a project to the action-plan measure (economic pillar) it carries out, or to a corridor (the Secretariat)',
      tags: ['economy'], params: projectParam,
      body: { type: 'object', additionalProperties: false, properties: { measure: { type: 'string', minLength: 1, maxLength: 100 }, corridor: slug } },
      response: { 201: open, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await linkProject(db, request.actor, request.params.id, request.body ?? {})),
  });
  type MilestoneRow = Awaited<ReturnType<typeof listMilestones>>[number];
  listRoute<Page, MilestoneRow>(app, {
    path: '/api/v1/economy/milestones',
    schema: { summary: 'Every project milestone with its planned and actual dates and computed delay', tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: pageQuery }, response: { 200: pagedSchema(open), ...errorResponses } },
    list: () => listMilestones(db),
    csv: (m) => ({ ...m }),
  });
  xlsxRoute(app, '/api/v1/economy/milestones', 'Project milestones', {}, async () => (await listMilestones(db)).map((m) => ({ ...m })), 'milestones');

  const sources = async () => (await db.selectFrom('economy_financing_source').selectAll().orderBy('kind').orderBy('name_en').execute())
    .map((f) => ({ id: f.id, name_en: f.name_en, name_ru: f.name_ru, name_zh: f.name_zh, kind: f.kind, state: f.state_iso2, source: f.source.join(' | '), confidence: f.confidence, note: f.note }));
  type SourceRow = Awaited<ReturnType<typeof sources>>[number];
  listRoute<Page, SourceRow>(app, {
    path: '/api/v1/economy/financing-sources',
    schema: { summary: 'Financing sources named with a source: the Interbank Consortium\'s member banks', tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: pageQuery }, response: { 200: pagedSchema(open), ...errorResponses } },
    list: () => sources(),
    csv: (f) => ({ ...f }),
  });
  xlsxRoute(app, '/api/v1/economy/financing-sources', 'Financing sources', {}, async () => (await sources()).map((f) => ({ ...f })), 'financing-sources');
}
