import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { restrictedErrors, webLink } from '../../http/common-schemas.ts';
import { AppError } from '../../http/problem.ts';
import { textParser } from '../../http/text-encoding.ts';
import { CSV, readTable, toCsv, writeXlsx, XLSX } from '../../http/tabular.ts';
import { getPlan, listPlans, rates, returnReport, submitReport, trend, type RateDimension, type ReportBody } from './implementation.service.ts';
import { checkPlanBeforeBody, createPlan, exportMeasures, importMeasures, importReports, MEASURE_COLUMNS, type NewPlan } from './plan-import.ts';
import { REPORT_CLAIMS } from './progress-rules.ts';
import { reviewFor } from './review.ts';
import { closeReviewBrowser, contentKey, printToPdf } from './review-pdf.ts';

const errors = restrictedErrors;
/** Review PDFs one client may ask for per minute (the printer is shared; see review-pdf.ts). */
export const REVIEW_PDFS_PER_MINUTE = 5;
const open = { type: 'object', additionalProperties: true } as const;
const planId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,80}$' } as const;
const planFields = { title_en: { type: 'string', minLength: 1, maxLength: 500 }, pillar: { enum: ['security', 'economy', 'culture'] }, period_start: { type: 'string', format: 'date' }, period_end: { type: 'string', format: 'date' }, public: { type: 'boolean' }, document: { type: 'string', pattern: '^/akn/', maxLength: 300 } } as const;
const tableBody = { description: `The rows as ${CSV} or ${XLSX}, the first row naming the columns.` };

async function rowsOf(request: FastifyRequest) {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith(CSV) && !type.startsWith(XLSX)) throw new AppError('invalid_request', `Send the table as ${CSV} or ${XLSX}`);
  try {
    return await readTable(request.body as string | Buffer, type);
  } catch (e) {
    throw new AppError('invalid_request', `The file could not be read: ${(e as Error).message}`);
  }
}

export function implementationRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.addHook('onClose', closeReviewBrowser);
  app.addContentTypeParser(CSV, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, textParser);
  app.addContentTypeParser(XLSX, { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.get('/api/v1/plans', {
    schema: { summary: 'Action plans with their computed progress and measure statuses', tags: ['implementation'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors } },
    handler: async (request) => ({ items: await listPlans(db, request.actor) }),
  });

  app.post<{ Body: NewPlan }>('/api/v1/plans', {
    schema: {
      summary: 'Create an empty action plan (to create a plan with its measures, all or nothing, import them with the plan\'s fields)',
      tags: ['implementation'],
      body: { type: 'object', required: ['id', 'title_en', 'pillar'], additionalProperties: false, properties: { id: planId, ...planFields } },
      response: { 201: open, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await createPlan(db, request.actor, request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/v1/plans/:id', {
    schema: { summary: 'A plan: its measures with computed status and progress, rates by state, the overdue list', tags: ['implementation'], params: { type: 'object', required: ['id'], properties: { id: planId } }, response: { 200: open, ...errors } },
    handler: (request) => getPlan(db, request.actor, request.params.id),
  });

  app.post<{ Params: { id: string }; Querystring: Omit<NewPlan, 'id'> }>('/api/v1/plans/:id/measures', {
    schema: {
      summary: 'Import measures (CSV or XLSX; all rows or none). With title_en and pillar, creates the plan in the same transaction: a failed import writes nothing, the plan included',
      tags: ['implementation'],
      consumes: [CSV, XLSX],
      params: { type: 'object', required: ['id'], properties: { id: planId } },
      querystring: { type: 'object', additionalProperties: false, dependencies: { title_en: ['pillar'], pillar: ['title_en'], period_start: ['title_en'], period_end: ['title_en'], public: ['title_en'], document: ['title_en'] }, properties: planFields },
      body: tableBody,
      response: { 200: open, ...errors },
    },
    // Rights on the plan (and whether it exists) are checked before the body is read.
    preParsing: async (request) => checkPlanBeforeBody(db, request.actor, request.params.id, 'measures', request.query.title_en !== undefined),
    handler: async (request) => importMeasures(db, request.actor, request.params.id, await rowsOf(request), request.query.title_en !== undefined ? request.query : undefined),
  });

  app.get<{ Params: { id: string; format: string } }>('/api/v1/plans/:id/measures.:format', {
    schema: { summary: 'Export the measures as csv, xlsx or json (the import format)', tags: ['implementation'], params: { type: 'object', required: ['id', 'format'], properties: { id: planId, format: { enum: ['csv', 'xlsx', 'json'] } } }, response: { 200: { description: 'The measures' }, ...errors } },
    handler: async (request, reply) => {
      const rows = await exportMeasures(db, request.actor, request.params.id);
      const columns = [...MEASURE_COLUMNS];
      if (request.params.format === 'json') return rows;
      if (request.params.format === 'csv') return reply.type(`${CSV}; charset=utf-8`).send(toCsv(rows, { header: true, columns }));
      return reply.type(XLSX).header('content-disposition', `attachment; filename="${request.params.id}-measures.xlsx"`).send(await writeXlsx(columns, rows));
    },
  });

  app.post<{ Params: { id: string } }>('/api/v1/plans/:id/reports', {
    schema: { summary: 'Import a batch of reports (CSV or XLSX; all rows or none)', tags: ['implementation'], consumes: [CSV, XLSX], params: { type: 'object', required: ['id'], properties: { id: planId } }, body: tableBody, response: { 200: open, ...errors } },
    preParsing: async (request) => checkPlanBeforeBody(db, request.actor, request.params.id, 'reports'),
    handler: async (request) => importReports(db, request.actor, request.params.id, await rowsOf(request)),
  });

  app.post<{ Params: { id: string; measure: string }; Body: ReportBody }>('/api/v1/plans/:id/measures/:measure/reports', {
    schema: {
      summary: 'Report progress on a measure for a responsible state (a new version; earlier ones stay)',
      tags: ['implementation'],
      params: { type: 'object', required: ['id', 'measure'], properties: { id: planId, measure: { type: 'string', pattern: '^m_[0-9a-f]{12}$' } } },
      body: {
        type: 'object', required: ['state', 'claim'], additionalProperties: false,
        properties: { state: { type: 'string', pattern: '^[A-Za-z]{2}$' }, value: { type: ['number', 'null'] }, claim: { enum: [...REPORT_CLAIMS] }, narrative: { type: 'string', maxLength: 10_000 }, evidence: { type: 'array', maxItems: 20, items: webLink }, date: { type: 'string', format: 'date' } },
      },
      response: { 201: open, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await submitReport(db, request.actor, request.params.id, request.params.measure, request.body)),
  });

  app.post<{ Params: { report: string }; Body: { note: string } }>('/api/v1/reports/:report/return', {
    schema: {
      summary: 'Return a report to its state for clarification (the Secretariat)',
      tags: ['implementation'],
      params: { type: 'object', required: ['report'], properties: { report: { type: 'string', pattern: '^r_[0-9a-f]{12}$' } } },
      body: { type: 'object', required: ['note'], additionalProperties: false, properties: { note: { type: 'string', minLength: 1, maxLength: 5000 } } },
      response: { 204: { type: 'null' }, ...errors },
    },
    handler: async (request, reply) => {
      await returnReport(db, request.actor, request.params.report, request.body.note);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/implementation/trend', {
    schema: { summary: 'The overall implementation rate at the end of each quarter', tags: ['implementation'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { date: { type: 'string' }, rate: { type: ['number', 'null'] } } } } } }, ...errors } },
    handler: async (request) => ({ items: await trend(db, request.actor) }),
  });

  const meetingQuery = { type: 'object', required: ['meeting'], additionalProperties: false, properties: { meeting: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' }, lang: { enum: ['en', 'ru', 'zh'], default: 'en' } } } as const;
  app.get<{ Querystring: { meeting: string } }>('/api/v1/implementation/review', {
    schema: { summary: 'The implementation review for a meeting: rates, statuses, overdue measures and a per-state summary on its date', tags: ['implementation'], querystring: meetingQuery, response: { 200: open, ...errors } },
    handler: (request) => reviewFor(db, request.query.meeting),
  });

  app.get<{ Querystring: { meeting: string; lang?: string } }>('/api/v1/implementation/review.pdf', {
    schema: { summary: `The same review as a PDF, in the chosen language (at most ${REVIEW_PDFS_PER_MINUTE} a minute per client address, or per user when signed in)`, tags: ['implementation'], produces: ['application/pdf'], querystring: meetingQuery, response: { 200: { description: 'application/pdf' }, ...errors, 406: { $ref: 'Problem#', description: 'No PDF renderer on this server' }, 429: { $ref: 'Problem#', description: 'Too many PDFs asked for from this address (Retry-After)' }, 503: { $ref: 'Problem#', description: 'The PDF printer is busy (Retry-After)' } } },
    // One browser prints for everyone: no single client (anonymous ones by address) may keep it busy.
    config: { rateLimit: { max: REVIEW_PDFS_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (request: FastifyRequest) => (request.actor.kind === 'user' ? `user:${request.actor.userId}` : `address:${request.ip}`) } },
    handler: async (request, reply) => {
      const review = await reviewFor(db, request.query.meeting); // 404 before printing
      const address = request.server.server.address();
      if (!address || typeof address === 'string') throw new AppError('not_acceptable', 'This server is not listening on a TCP port, so it cannot print its own review page; the review is available as JSON.');
      const lang = request.query.lang ?? 'en';
      const pdf = await printToPdf(`http://127.0.0.1:${address.port}/review/${encodeURIComponent(request.query.meeting)}?lang=${lang}`, contentKey(review, lang));
      return reply.type('application/pdf').header('content-disposition', `inline; filename="review-${request.query.meeting}.pdf"`).send(pdf);
    },
  });

  app.get<{ Querystring: { by: RateDimension } }>('/api/v1/implementation/rates', {
    schema: {
      summary: 'Implementation rates (weighted mean progress of leaf measures) by plan, state, pillar, year or organ',
      tags: ['implementation'],
      querystring: { type: 'object', required: ['by'], additionalProperties: false, properties: { by: { enum: ['plan', 'state', 'pillar', 'year', 'organ'] } } },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors },
    },
    handler: async (request) => ({ items: await rates(db, request.actor, request.query.by) }),
  });
}
