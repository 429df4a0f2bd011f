import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, iso2, isoDate } from '../../http/common-schemas.ts';
import { exerciseCalendar, planExercise, recordFindings, type ExerciseInput } from './exercises.ts';

const tags = ['information security'];
const open = { type: 'object', additionalProperties: true } as const;

/** The exercise calendar (public) and the Secretariat's planning and after-action findings. */
export function exerciseRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/v1/infosec/exercises', {
    schema: { summary: 'Information-security exercises: recorded ones with their findings, then the next hosts by the rotation rule', tags, response: { 200: open, ...errorResponses } },
    handler: () => exerciseCalendar(db),
  });
  app.post<{ Body: ExerciseInput }>('/api/v1/infosec/exercises', {
    schema: {
      summary: "Plan an exercise: its host is the rotation's for the year (409 naming host otherwise)",
      tags,
      body: { type: 'object', required: ['id', 'year', 'host', 'title', 'scenario', 'participants'], additionalProperties: false, properties: { id: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' }, year: { type: 'integer', minimum: 2000, maximum: 2100 }, host: iso2, title: { type: 'string', minLength: 1, maxLength: 500 }, scenario: { type: 'string', minLength: 1, maxLength: 20_000 }, participants: { type: 'array', minItems: 1, maxItems: 50, items: iso2 }, starts_on: isoDate, ends_on: isoDate } },
      response: { 201: open, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await planExercise(db, request.actor, request.body)),
  });
  app.post<{ Params: { id: string }; Body: { findings: { finding: string; states?: string[]; deadline?: string }[] } }>('/api/v1/infosec/exercises/:id/findings', {
    schema: {
      summary: 'Record after-action findings of an exercise; each becomes a measure in implementation monitoring',
      tags,
      params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z0-9-]{1,64}$' } } },
      body: { type: 'object', required: ['findings'], additionalProperties: false, properties: { findings: { type: 'array', minItems: 1, maxItems: 100, items: { type: 'object', required: ['finding'], additionalProperties: false, properties: { finding: { type: 'string', minLength: 1, maxLength: 2000 }, states: { type: 'array', maxItems: 50, items: iso2 }, deadline: isoDate } } } } },
      response: { 201: open, ...errorResponses },
    },
    handler: async (request, reply) => reply.status(201).send(await recordFindings(db, request.actor, request.params.id, request.body.findings)),
  });
}
