import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../http/problem.ts';
import { isoDate, restrictedErrors } from '../../http/common-schemas.ts';
import { CURRENCIES } from './rates.ts';
import { getParticipant, listParticipants, upsertParticipants, type ParticipantInput, type SwapLineInput } from './participants.service.ts';
import { listRates, recordRates, type RateInput } from './rates.service.ts';
import { importObligations } from './import-obligations.ts';
import { runSettlementCycle, type CycleRequest } from './run-cycle.ts';
import { exportInstructions, getCycle, listCycles, listObligations, statistics } from './settlement.service.ts';

const errors = restrictedErrors;
const open = { type: 'object', additionalProperties: true } as const;
const currency = { enum: CURRENCIES } as const;
const participantId = { type: 'string', pattern: '^[A-Z0-9]{2,12}$' } as const;
const cycleId = { type: 'string', pattern: '^SC-[0-9]{8}-[0-9]{1,4}$' } as const;
const provenance = { source: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }, confidence: { enum: ['confirmed', 'seed', 'wikipedia', 'unconfirmed'] } } as const;
const decimal = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' } as const;
const CSV = 'text/csv';
const XML = ['application/xml', 'text/xml'];
const FILE_LIMIT = 50 * 1024 * 1024;
const mediaOf = (type: string | undefined) => (type ?? '').split(';')[0]!.trim();
const tags = ['settlement'];

export function settlementRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  for (const type of [CSV, ...XML]) if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: FILE_LIMIT }, (_req, body, done) => done(null, body));

  app.get('/api/v1/settlement/participants', {
    schema: { summary: 'Settlement banks of the member states; limits, accounts and swap lines only to the operator and their own officers', tags, response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors } },
    handler: (request) => listParticipants(db, request.actor),
  });

  app.post<{ Body: { participants: ParticipantInput[]; swap_lines?: SwapLineInput[]; note?: string } }>('/api/v1/settlement/participants', {
    schema: {
      summary: 'Create or update participants and swap lines (the operator); limits in major units of their currency',
      tags,
      body: {
        type: 'object', required: ['participants'], additionalProperties: false,
        properties: {
          note: { type: 'string', maxLength: 2000, description: "The file's provenance, kept in the audit log" },
          participants: {
            type: 'array', maxItems: 500,
            items: {
              type: 'object', required: ['id', 'bic', 'state', 'kind', 'name', 'accounts', 'source', 'confidence'], additionalProperties: false,
              properties: {
                id: participantId, bic: { type: 'string', pattern: '^[A-Z0-9]{8}([A-Z0-9]{3})?$' }, state: { type: 'string', pattern: '^[A-Z]{2}$' }, kind: { enum: ['central_bank', 'designated_bank'] },
                name: { type: 'object', required: ['en'], additionalProperties: false, properties: { en: { type: 'string', minLength: 1 }, ru: { type: ['string', 'null'] }, zh: { type: ['string', 'null'] } } },
                net_debit_cap: { anyOf: [decimal, { type: 'null' }] }, cap_currency: { anyOf: [currency, { type: 'null' }] },
                accounts: { type: 'array', items: { type: 'object', required: ['currency', 'account'], additionalProperties: false, properties: { currency: { type: 'string', pattern: '^[A-Z]{3}$' }, account: { type: 'string', minLength: 1, maxLength: 64 } } } },
                ...provenance,
              },
            },
          },
          swap_lines: { type: 'array', maxItems: 500, items: { type: 'object', required: ['a', 'b', 'capacity', 'currency', 'source', 'confidence'], additionalProperties: false, properties: { a: participantId, b: participantId, capacity: decimal, currency, ...provenance } } },
        },
      },
      response: { 200: { type: 'object', properties: { participants: { type: 'integer' }, swap_lines: { type: 'integer' } } }, ...errors },
    },
    handler: (request) => upsertParticipants(db, request.actor, request.body),
  });

  app.get<{ Params: { id: string } }>('/api/v1/settlement/participants/:id', {
    schema: { summary: 'A participant: limits and swap lines only to the operator and its own officers', tags, params: { type: 'object', required: ['id'], properties: { id: participantId } }, response: { 200: open, ...errors } },
    handler: (request) => getParticipant(db, request.actor, request.params.id),
  });

  app.get<{ Querystring: { date: string; unit?: string; vehicle?: string } }>('/api/v1/settlement/rates', {
    schema: { summary: 'Reference rates in force on a date, with their sources, and every currency\'s cross rate into `unit` (through `vehicle`)', tags, querystring: { type: 'object', required: ['date'], additionalProperties: false, properties: { date: isoDate, unit: currency, vehicle: currency } }, response: { 200: open, ...errors } },
    handler: (request) => listRates(db, request.query),
  });

  app.post<{ Body: string | { rates: RateInput[] } }>('/api/v1/settlement/rates', {
    schema: {
      summary: 'Record reference rates (the operator): CSV (rate_date,base,quote,rate,source) or JSON; 1 base = rate quote',
      tags,
      body: { description: `${CSV}, or JSON { rates: [{ rate_date, base, quote, rate, source }] }` },
      response: { 200: { type: 'object', properties: { recorded: { type: 'integer' } } }, ...errors },
    },
    handler: (request) => {
      const body = request.body;
      if (typeof body === 'string' && mediaOf(request.headers['content-type']) === CSV) return recordRates(db, request.actor, { csv: body });
      if (body && typeof body === 'object' && Array.isArray((body as { rates?: unknown }).rates)) return recordRates(db, request.actor, body as { rates: RateInput[] });
      throw new AppError('invalid_request', `Send rates as ${CSV} or as JSON { rates: [...] }`, [{ field: 'body', message: 'expected CSV or { rates }' }]);
    },
  });

  app.post<{ Body: string }>('/api/v1/settlement/obligations', {
    schema: {
      summary: 'Import obligations (all or nothing): CSV (id,payer,payee,currency,amount,value_date,reference) or ISO 20022 pacs.008 / pacs.009 XML',
      tags,
      body: { description: `${CSV} or ${XML[0]}` },
      response: { 201: { type: 'object', properties: { import: { type: 'string' }, format: { type: 'string' }, obligations: { type: 'integer' }, value_dates: { type: 'array', items: { type: 'string' } } } }, ...errors },
    },
    handler: async (request, reply) => {
      const type = mediaOf(request.headers['content-type']);
      const kind = type === CSV ? 'csv' : XML.includes(type) ? 'xml' : null;
      if (!kind || typeof request.body !== 'string') throw new AppError('invalid_request', `Send the file as ${CSV} or ${XML[0]}`, [{ field: 'content-type', message: `${CSV} or ${XML[0]}` }]);
      return reply.status(201).send(await importObligations(db, request.actor, kind, request.body));
    },
  });

  app.get<{ Querystring: { value_date?: string; status?: 'pending' | 'queued' | 'settled'; participant?: string; limit?: number } }>('/api/v1/settlement/obligations', {
    schema: { summary: 'Obligations: all to the operator, a bank\'s officers their own', tags, querystring: { type: 'object', additionalProperties: false, properties: { value_date: isoDate, status: { enum: ['pending', 'queued', 'settled'] }, participant: participantId, limit: { type: 'integer', minimum: 1, maximum: 5000 } } }, response: { 200: open, ...errors } },
    handler: (request) => listObligations(db, request.actor, request.query),
  });

  app.post<{ Body: CycleRequest }>('/api/v1/settlement/cycles', {
    schema: {
      summary: 'Run a settlement cycle (the operator) over the obligations due on or before `date`',
      tags,
      body: { type: 'object', required: ['date', 'unit'], additionalProperties: false, properties: { date: isoDate, unit: currency, vehicle: currency } },
      response: { 201: { type: 'object', properties: { id: { type: 'string' }, settled: { type: 'integer' }, queued: { type: 'integer' }, digest: { type: 'string' } } }, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await runSettlementCycle(db, request.actor, request.body)),
  });

  app.get('/api/v1/settlement/cycles', {
    schema: { summary: 'Settlement cycles with their aggregates (open to all)', tags, response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors } },
    handler: () => listCycles(db),
  });

  app.get<{ Params: { id: string } }>('/api/v1/settlement/cycles/:id', {
    schema: { summary: 'A cycle: aggregates for all; positions, limits, instructions and queued obligations with reasons for whom they concern', tags, params: { type: 'object', required: ['id'], properties: { id: cycleId } }, response: { 200: open, ...errors } },
    handler: (request) => getCycle(db, request.actor, request.params.id),
  });

  app.get<{ Params: { id: string; format: 'csv' | 'xml' } }>('/api/v1/settlement/cycles/:id/instructions.:format', {
    schema: { summary: 'A cycle\'s settlement instructions as CSV or ISO 20022 pacs.009 XML (the operator all, a bank its own)', tags, params: { type: 'object', required: ['id', 'format'], properties: { id: cycleId, format: { enum: ['csv', 'xml'] } } }, response: { 200: { description: 'The instructions' }, ...errors } },
    handler: async (request, reply) => reply.type(request.params.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/xml; charset=utf-8').send(await exportInstructions(db, request.actor, request.params.id, request.params.format)),
  });

  app.get('/api/v1/settlement/statistics', {
    schema: { summary: 'Liquidity saved against gross settlement, the share of national currencies per cycle, and open (pending or queued) amounts', tags, response: { 200: open, ...errors } },
    handler: () => statistics(db),
  });
}
