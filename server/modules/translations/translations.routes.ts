/**
 * The Russian and Chinese texts of reference records that their own files give in English only
 * (data/sco/translations.csv). Public, like the records they translate; the portal merges them
 * into the records it shows and marks our own translations as such.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { errorResponses } from '../../http/common-schemas.ts';
import { TRANSLATED_KINDS, TRANSLATION_CONFIDENCE } from '../../reference/reference-files.ts';

const translation = {
  type: 'object',
  required: ['kind', 'id', 'field', 'lang', 'text', 'source', 'confidence'],
  properties: {
    kind: { type: 'string', enum: TRANSLATED_KINDS },
    id: { type: 'string', description: "The record's id; an official is organ/name/term start, a status period state/valid_from/status, a city its English name." },
    field: { type: 'string' },
    lang: { type: 'string', enum: ['ru', 'zh'] },
    text: { type: 'string', description: 'A list field (an organ\'s functions) joins its items with " | ", in the English order.' },
    source: { type: 'array', items: { type: 'string' } },
    confidence: { type: 'string', enum: TRANSLATION_CONFIDENCE, description: '`own_translation`: ours, not an official text.' },
  },
} as const;

export function translationsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get<{ Querystring: { kind?: string; lang?: 'ru' | 'zh' } }>('/api/v1/translations', {
    schema: {
      summary: 'Russian and Chinese texts of reference records, each with its confidence (all of them: a few hundred rows)',
      tags: ['reference'],
      querystring: { type: 'object', additionalProperties: false, properties: { kind: { type: 'string', enum: TRANSLATED_KINDS }, lang: { type: 'string', enum: ['ru', 'zh'] } } },
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: translation } } }, ...errorResponses },
    },
    handler: async (request) => {
      let q = db.selectFrom('translation').selectAll().orderBy('kind').orderBy('record_id').orderBy('field').orderBy('lang');
      if (request.query.kind) q = q.where('kind', '=', request.query.kind);
      if (request.query.lang) q = q.where('lang', '=', request.query.lang);
      const rows = await q.execute();
      return { items: rows.map((r) => ({ kind: r.kind, id: r.record_id, field: r.field, lang: r.lang, text: r.text, source: r.source, confidence: r.confidence })) };
    },
  });
}
