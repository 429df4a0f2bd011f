import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/problem.ts';
import { authorizeBeforeBody } from '../../http/auth.ts';
import { textParser } from '../../http/text-encoding.ts';
import { restrictedErrors } from '../../http/common-schemas.ts';
import { PROPERTIES, SCHEMATA } from './entity-model.ts';
import { createEntry, exportList, getEntry, importList, listEntries, type NewEntry } from './national-lists.service.ts';
import { exportSingleList, expressPosition, getProposal, getSingleListEntity, groupEntry, listProposals, listSingleList, propose, withdrawProposal, type PositionInput, type ProposalInput } from './consolidation.service.ts';

const errors = restrictedErrors;
const open = { type: 'object', additionalProperties: true } as const;
const items = { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors } as const;
const state = { type: 'string', pattern: '^[A-Za-z]{2}$' } as const;
const stateParams = { type: 'object', required: ['state'], properties: { state } } as const;
const proposalParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^lp_[0-9a-f]{12}$' } } } as const;
const entryId = { type: 'string', pattern: '^ne_[0-9a-f]{12}$' } as const;
const listFilter = { type: 'object', additionalProperties: false, properties: { status: { enum: ['listed', 'delisted'] }, q: { type: 'string', maxLength: 200 } } } as const;
const XML = ['application/xml', 'text/xml'];
const NDJSON = ['application/x-ndjson', 'application/jsonl'];
const FILE_LIMIT = 50 * 1024 * 1024;
const MEDIA = { ftm: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

export function listingRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.addContentTypeParser([...XML, ...NDJSON], { parseAs: 'buffer', bodyLimit: FILE_LIMIT }, textParser);

  app.get<{ Params: { state: string }; Querystring: { status?: 'listed' | 'delisted'; q?: string } }>('/api/v1/national-lists/:state/entries', {
    schema: { summary: "A member state's national list (that state's authorities and the RATS only)", tags: ['single list'], params: stateParams, querystring: listFilter, response: items },
    handler: async (request) => ({ items: await listEntries(db, request.actor, request.params.state, request.query) }),
  });

  app.post<{ Params: { state: string }; Body: NewEntry }>('/api/v1/national-lists/:state/entries', {
    schema: {
      summary: 'Add an entity to a national list, with its national listing record',
      tags: ['single list'],
      params: stateParams,
      body: {
        type: 'object',
        required: ['schema', 'properties', 'legal_basis', 'listed_on'],
        additionalProperties: false,
        properties: {
          schema: { enum: [...SCHEMATA] },
          properties: { type: 'object', description: `FollowTheMoney properties: ${PROPERTIES.join(', ')}`, additionalProperties: { type: 'array', items: { type: 'string' } } },
          legal_basis: { type: 'string', minLength: 1, maxLength: 1000 },
          listed_on: { type: 'string', format: 'date' },
          reason: { type: 'string', maxLength: 10_000 },
        },
      },
      response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createEntry(db, request.actor, request.params.state, request.body)),
  });

  app.post<{ Params: { state: string }; Querystring: { legal_basis?: string } }>('/api/v1/national-lists/:state/import', {
    schema: {
      summary: 'Import a national list: UN Consolidated List XML or FollowTheMoney JSON lines (every record valid, or nothing is written)',
      tags: ['single list'],
      params: stateParams,
      querystring: { type: 'object', additionalProperties: false, properties: { legal_basis: { type: 'string', minLength: 1, maxLength: 1000, description: 'For records whose file gives none.' } } },
      consumes: [...XML, ...NDJSON],
      body: { description: `The file, as ${XML[0]} (UN format) or ${NDJSON[0]} (FtM entities and their Sanction entities).` },
      response: { 200: { type: 'object', properties: { inserted: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, warnings: { type: 'array', description: 'Optional values that could not be read, kept as notes on their entity', items: { type: 'object', properties: { record: { type: 'string' }, message: { type: 'string' } } } } } }, ...errors },
    },
    preParsing: authorizeBeforeBody('nationalLists.write', "Only the state's competent authority keeps its national list", (params) => ({ state: params.state?.toUpperCase() })),
    handler: async (request) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim();
      const format = XML.includes(type) ? 'un-xml' : NDJSON.includes(type) ? 'ftm' : null;
      if (!format || typeof request.body !== 'string') throw new AppError('invalid_request', `Send the file as ${XML[0]} or ${NDJSON[0]}`);
      return importList(db, request.actor, request.params.state, format, request.body, request.query);
    },
  });

  app.get<{ Params: { state: string; format: 'ftm' | 'csv' } }>('/api/v1/national-lists/:state/export.:format', {
    schema: { summary: 'Export a national list as FtM JSON lines (ftm) or CSV', tags: ['single list'], params: { type: 'object', required: ['state', 'format'], properties: { state, format: { enum: ['ftm', 'csv'] } } }, response: { 200: { description: 'The list' }, ...errors } },
    handler: async (request, reply) => reply.type(MEDIA[request.params.format]).send(await exportList(db, request.actor, request.params.state, request.params.format)),
  });

  app.get<{ Params: { id: string } }>('/api/v1/list-entries/:id', {
    schema: { summary: 'A national list entry, with the proposals it is part of', tags: ['single list'], params: { type: 'object', required: ['id'], properties: { id: entryId } }, response: { 200: open, ...errors } },
    handler: (request) => getEntry(db, request.actor, request.params.id),
  });

  app.get<{ Querystring: { status?: string } }>('/api/v1/single-list/proposals', {
    schema: { summary: "The consolidation queue: proposals with each member state's position", tags: ['single list'], querystring: { type: 'object', additionalProperties: false, properties: { status: { enum: ['open', 'adopted', 'blocked', 'withdrawn'] } } }, response: items },
    handler: async (request) => ({ items: await listProposals(db, request.actor, request.query) }),
  });

  app.post<{ Body: ProposalInput }>('/api/v1/single-list/proposals', {
    schema: {
      summary: 'Propose a national entry for the single list, an amendment, or a delisting',
      tags: ['single list'],
      body: { type: 'object', required: ['state', 'kind', 'reason'], additionalProperties: false, properties: { state, kind: { enum: ['listing', 'amendment', 'delisting'] }, entry: entryId, entity: { type: 'string', pattern: '^sl_[0-9a-f]{12}$' }, reason: { type: 'string', minLength: 1, maxLength: 10_000 } } },
      response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await propose(db, request.actor, request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/v1/single-list/proposals/:id', {
    schema: { summary: 'A proposal: grouped national entries, positions, outcome, and what the caller may do', tags: ['single list'], params: proposalParams, response: { 200: open, ...errors } },
    handler: (request) => getProposal(db, request.actor, request.params.id),
  });

  app.post<{ Params: { id: string }; Body: { entry: string; judgement: 'same' | 'different' | 'unsure' } }>('/api/v1/single-list/proposals/:id/entries', {
    schema: { summary: 'Group a national entry under a proposal, judging it the same subject (or not)', tags: ['single list'], params: proposalParams, body: { type: 'object', required: ['entry', 'judgement'], additionalProperties: false, properties: { entry: entryId, judgement: { enum: ['same', 'different', 'unsure'] } } }, response: { 200: open, ...errors } },
    handler: (request) => groupEntry(db, request.actor, request.params.id, request.body),
  });

  app.post<{ Params: { id: string }; Body: PositionInput }>('/api/v1/single-list/proposals/:id/positions', {
    schema: {
      summary: "A member state concurs, objects, or places a hold (reviewed on a date); consensus lists at once",
      tags: ['single list'],
      params: proposalParams,
      body: { type: 'object', required: ['state', 'position'], additionalProperties: false, properties: { state, position: { enum: ['concur', 'object', 'hold'] }, review_date: { type: 'string', format: 'date' }, text: { type: 'string', maxLength: 10_000 } } },
      response: { 201: open, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await expressPosition(db, request.actor, request.params.id, request.body)),
  });

  app.post<{ Params: { id: string } }>('/api/v1/single-list/proposals/:id/withdrawal', {
    schema: { summary: 'Withdraw a proposal (the proposing state)', tags: ['single list'], params: proposalParams, response: { 200: open, ...errors } },
    handler: (request) => withdrawProposal(db, request.actor, request.params.id),
  });

  app.get<{ Querystring: { status?: 'listed' | 'delisted'; q?: string } }>('/api/v1/single-list/entities', {
    schema: { summary: 'The single list (signed-in users)', tags: ['single list'], querystring: listFilter, response: items },
    handler: async (request) => ({ items: await listSingleList(db, request.actor, request.query) }),
  });

  app.get<{ Params: { format: 'ftm' | 'csv' } }>('/api/v1/single-list/export.:format', {
    schema: { summary: 'Export the single list as FtM JSON lines (ftm) or CSV', tags: ['single list'], params: { type: 'object', required: ['format'], properties: { format: { enum: ['ftm', 'csv'] } } }, response: { 200: { description: 'The list' }, ...errors } },
    handler: async (request, reply) => reply.type(MEDIA[request.params.format]).send(await exportSingleList(db, request.actor, request.params.format)),
  });

  app.get<{ Params: { id: string } }>('/api/v1/single-list/entities/:id', {
    schema: { summary: "An entity of the single list: values with their source states, proposals and history", tags: ['single list'], params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^sl_[0-9a-f]{12}$' } } }, response: { 200: open, ...errors } },
    handler: (request) => getSingleListEntity(db, request.actor, request.params.id),
  });
}
