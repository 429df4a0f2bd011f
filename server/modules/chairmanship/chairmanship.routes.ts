import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, isoDate, provenance, today } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { organisationRules } from '../../organisation/organisation.routes.ts';
import { listStates } from '../membership/membership.service.ts';
import { nextChairs } from './rotation.ts';

const COMPUTED_AHEAD = 3;

/** Recorded chairmanships, then the next ones computed from the rotation rule. */
export async function listChairmanships(db: Kysely<DB>) {
  const rules = await organisationRules(db);
  const recorded = await db
    .selectFrom('chairmanship')
    .leftJoin('meeting', 'meeting.id', 'chairmanship.summit_id')
    .select(['chairmanship.state_iso2', 'chairmanship.valid_from', 'chairmanship.valid_to', 'chairmanship.summit_id', 'chairmanship.source', 'chairmanship.confidence', 'chairmanship.note', 'meeting.city', 'meeting.start_date'])
    .orderBy('chairmanship.valid_from')
    .execute();
  const rotation = rules.rotation;
  const candidates = (await listStates(db, today(), rotation.among)).map((s) => ({ iso2: s.iso2, name: s.name[rotation.order.language] ?? s.name.en }));
  const computed = nextChairs(recorded.map((r) => ({ state: r.state_iso2, validFrom: r.valid_from, validTo: r.valid_to })), candidates, rotation.order.language, rotation.termYears, COMPUTED_AHEAD);
  return [
    ...recorded.map((r) => ({ state: r.state_iso2, valid_from: r.valid_from, valid_to: r.valid_to, basis: 'recorded' as const, summit: r.summit_id, summit_city: r.city, summit_date: r.start_date, source: r.source, confidence: r.confidence, note: r.note })),
    ...computed.map((c) => ({ state: c.state, valid_from: c.expectedFrom, valid_to: null, basis: 'computed' as const, summit: null, summit_city: null, summit_date: null, source: rotation.source, confidence: rotation.confidence, note: `computed from the rotation rule: ${rotation.term}; order by ${rotation.order.language} name among ${rotation.among}s` })),
  ];
}

export function chairmanshipRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  listRoute<Page, Awaited<ReturnType<typeof listChairmanships>>[number]>(app, {
    path: '/api/v1/chairmanships',
    schema: {
      summary: 'Chairmanship timeline: recorded terms, then the next terms computed from the rotation rule',
      tags: ['chairmanship'],
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery } },
      response: {
        200: pagedSchema({
          type: 'object',
          properties: {
            state: { type: 'string' }, valid_from: isoDate, valid_to: { type: ['string', 'null'] }, basis: { type: 'string', enum: ['recorded', 'computed'] },
            summit: { type: ['string', 'null'] }, summit_city: { type: ['string', 'null'] }, summit_date: { type: ['string', 'null'] }, ...provenance,
          },
        }),
        ...errorResponses,
      },
    },
    list: () => listChairmanships(db),
    csv: (c) => ({ state: c.state, valid_from: c.valid_from, valid_to: c.valid_to, basis: c.basis, summit: c.summit, summit_city: c.summit_city, confidence: c.confidence, source: c.source.join(' | ') }),
  });
}
