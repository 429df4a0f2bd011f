import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The organisation's rules as data: statuses with labels and colours, languages, rotation. */
export async function organisationRules(db: Kysely<DB>) {
  const org = await db.selectFrom('organisation').select('rules').executeTakeFirstOrThrow();
  return org.rules;
}

export function organisationRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get('/api/v1/organisation', {
    schema: {
      summary: 'The organisation and its rules (statuses, languages, rotation, decision rules)',
      tags: ['organisation'],
      response: { 200: { type: 'object', additionalProperties: true } },
    },
    handler: () => organisationRules(db),
  });
}
