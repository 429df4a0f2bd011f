import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { authorizeBeforeBody } from '../../http/auth.ts';
import { errorResponses, localised, restrictedErrors } from '../../http/common-schemas.ts';
import type { Language } from './text-structure.ts';
import { getText, listVersions, textAsAkomaNtoso, uploadText, type TextInput } from './texts.service.ts';

const TEXT_LIMIT = 1024 * 1024;
const keyParam = { key: { type: 'string', pattern: '^[a-z0-9-]{1,200}$', description: 'The document key, e.g. charter-2002-06-07-charter' } } as const;
const params = { type: 'object', required: ['key', 'language'], properties: { ...keyParam, language: { type: 'string', enum: ['en', 'ru', 'zh'] } } } as const;
const versionQuery = { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1, maximum: 100_000, description: 'A version number (default: the latest).' } } } as const;
const versionSchema = {
  type: 'object',
  properties: {
    language: { type: 'string' }, version: { type: 'integer' }, sha256: { type: 'string' }, source: { type: 'array', items: { type: 'string' } }, note: { type: ['string', 'null'] },
    origin: { type: 'string', enum: ['reference', 'upload'] }, uploaded_by: { type: ['string', 'null'] }, created_at: { type: 'string' },
  },
} as const;
const unit = {
  type: 'object',
  properties: {
    eid: { type: 'string', description: 'Akoma Ntoso-style address, e.g. art_1__para_2' }, kind: { type: 'string', enum: ['preamble', 'recital', 'chapter', 'article', 'paragraph', 'conclusions'] },
    num: { type: ['string', 'null'] }, heading: { type: ['string', 'null'] }, body: { type: 'string' }, parent: { type: ['string', 'null'] },
  },
} as const;
const text = {
  type: 'object',
  properties: {
    document: { type: 'string' }, document_uri: { type: 'string' }, kind: { type: 'string' }, date: { type: ['string', 'null'] }, title: localised,
    ...versionSchema.properties, latest_version: { type: 'integer' }, units: { type: 'array', items: unit },
  },
} as const;

type P = { key: string; language: Language };

export function textsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get<{ Params: { key: string } }>('/api/v1/documents/:key/texts', {
    schema: { summary: "Every version of a document's texts, per language, newest first", tags: ['texts'], params: { type: 'object', required: ['key'], properties: keyParam }, response: { 200: { type: 'object', properties: { items: { type: 'array', items: versionSchema } } }, ...errorResponses } },
    handler: async (request) => ({ items: await listVersions(db, request.params.key) }),
  });

  app.get<{ Params: P; Querystring: { version?: number } }>('/api/v1/documents/:key/texts/:language', {
    schema: { summary: "A document's text in one language, cut into preamble, chapters, articles and paragraphs with their eIds (latest version unless asked)", tags: ['texts'], params, querystring: versionQuery, response: { 200: text, ...errorResponses } },
    handler: async (request) => getText(db, request.params.key, request.params.language, request.query.version),
  });

  app.get<{ Params: P; Querystring: { version?: number } }>('/api/v1/documents/:key/texts/:language/text.akn.xml', {
    schema: { summary: "A document's text as Akoma Ntoso 3.0 XML", tags: ['texts'], params, querystring: versionQuery, produces: ['application/akn+xml'], response: { 200: { description: 'The Akoma Ntoso document' }, ...errorResponses } },
    handler: async (request, reply) => {
      const { xml, version } = await textAsAkomaNtoso(db, request.params.key, request.params.language, request.query.version);
      return reply.type('application/akn+xml; charset=utf-8').header('content-disposition', `inline; filename="${request.params.key}.${request.params.language}.v${version}.akn.xml"`).send(xml);
    },
  });

  app.post<{ Params: P; Body: TextInput }>('/api/v1/documents/:key/texts/:language', {
    bodyLimit: TEXT_LIMIT,
    preParsing: authorizeBeforeBody('texts.upload', 'Only Secretariat officers upload document texts'),
    schema: {
      summary: 'Upload a new version of the text in one language: plain text with "Article N" / "Статья N" / "第N条" headings, cut into its structure',
      tags: ['texts'],
      params,
      body: {
        type: 'object',
        required: ['text', 'source'],
        additionalProperties: false,
        properties: {
          text: { type: 'string', minLength: 1, maxLength: 400_000, description: 'The whole text; each article starts on its own line with its heading.' },
          source: { type: 'array', minItems: 1, maxItems: 10, items: { type: 'string', minLength: 1, maxLength: 500 }, description: 'Where the text comes from (addresses or references).' },
          note: { type: 'string', maxLength: 2000 },
        },
      },
      response: { 201: text, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await uploadText(db, request.actor, request.params.key, request.params.language, request.body)),
  });
}
