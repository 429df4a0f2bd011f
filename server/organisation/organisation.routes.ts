import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { StatusRule } from './organisation.rules.ts';

/** The organisation's rules as data: statuses with labels and colours, languages, rotation. */
export async function organisationRules(db: Kysely<DB>) {
  const org = await db.selectFrom('organisation').select('rules').executeTakeFirstOrThrow();
  return org.rules;
}

/** The organisation's statuses only (`rules.statuses`), for reads that need no other rule. */
export async function organisationStatuses(db: Kysely<DB>): Promise<StatusRule[]> {
  const org = await db.selectFrom('organisation').select(sql<StatusRule[]>`rules->'statuses'`.as('statuses')).executeTakeFirstOrThrow();
  return org.statuses;
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
