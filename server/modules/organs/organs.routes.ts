import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses, localised, localisedOf, provenance } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { notFound } from '../../http/problem.ts';

const present = (o: DB['organ']) => ({
  id: o.id,
  parent: o.parent_id,
  kind: o.kind,
  name: localisedOf(o as never, 'name'),
  charter_article: o.charter_article,
  permanent: o.permanent,
  seat: o.seat,
  functions: o.functions,
  founding_document: o.founding_document,
  source: o.source,
  confidence: o.confidence,
  note: o.note,
});

const organ = {
  type: 'object',
  properties: {
    id: { type: 'string' }, parent: { type: ['string', 'null'] }, kind: { type: 'string' }, name: localised,
    charter_article: { type: ['integer', 'null'] }, permanent: { type: 'boolean' }, seat: { type: ['string', 'null'] },
    functions: { type: 'array', items: { type: 'string' } }, founding_document: { type: ['string', 'null'] }, ...provenance,
  },
};

export function organsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  listRoute<Page, ReturnType<typeof present>>(app, {
    path: '/api/v1/organs',
    schema: {
      summary: 'Organs, working groups and mechanisms (a tree through `parent`)',
      tags: ['organs'],
      querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery } },
      response: { 200: pagedSchema(organ), ...errorResponses },
    },
    list: async () => (await db.selectFrom('organ').selectAll().execute()).map(present),
    csv: (o) => ({ id: o.id, parent: o.parent, kind: o.kind, name_en: o.name.en, name_ru: o.name.ru, name_zh: o.name.zh, seat: o.seat, charter_article: o.charter_article, confidence: o.confidence, source: o.source.join(' | ') }),
  });

  app.get<{ Params: { id: string } }>('/api/v1/organs/:id', {
    schema: {
      summary: 'An organ with its office holders and meetings',
      tags: ['organs'],
      params: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' } }, required: ['id'] },
      response: {
        200: {
          type: 'object',
          properties: {
            ...organ.properties,
            officials: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, state: { type: ['string', 'null'] }, title: { type: 'string' }, term_start: { type: 'string' }, term_end: { type: ['string', 'null'] }, ...provenance } } },
            meetings: { type: 'integer' },
          },
        },
        ...errorResponses,
      },
    },
    handler: async (request) => {
      const o = await db.selectFrom('organ').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!o) throw notFound(`Organ "${request.params.id}"`);
      const officials = await db.selectFrom('official').selectAll().where('organ_id', '=', o.id).orderBy('term_start').execute();
      const { count } = await db.selectFrom('meeting').select((eb) => eb.fn.countAll<string>().as('count')).where('organ_id', '=', o.id).executeTakeFirstOrThrow();
      return {
        ...present(o),
        officials: officials.map((f) => ({ name: f.name, state: f.state_iso2, title: f.title, term_start: f.term_start, term_end: f.term_end, source: f.source, confidence: f.confidence, note: f.note })),
        meetings: Number(count),
      };
    },
  });
}
