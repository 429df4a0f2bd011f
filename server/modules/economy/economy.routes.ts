/** Economic cooperation: indicators (WDI) by state and group, the seeds' statements, and projects. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { stringify } from 'csv-stringify/sync';
import type { DB } from '../../db/schema.ts';
import { errorResponses, restrictedErrors } from '../../http/common-schemas.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../../http/lists.ts';
import { CSV, XLSX, toCsv, writeXlsx } from '../../http/tabular.ts';
import { GROUP_IDS, indicatorSeries, groupYear, listIndicators, listStatements, type GroupId } from './indicators.service.ts';
import { addDisbursement, addFinancing, createProject, getProject, listProjects, moveStage, tableProjectDecision, type FinancingInput, type ProjectInput } from './projects.service.ts';
import { groupComplementarity, groupTradeMatrix, importTrade } from './trade.service.ts';
import { iatiActivities } from './iati-export.ts';
import { PROJECT_SECTORS, PROJECT_STAGES, type ProjectStage } from './project-pipeline.ts';

const open = { type: 'object', additionalProperties: true } as const;
const codeParam = { type: 'object', required: ['code'], properties: { code: { type: 'string', pattern: '^[A-Za-z0-9]+(\\.[A-Za-z0-9]+)+$', description: 'The WDI indicator code as WDI writes it, e.g. ny.gdp.mktp.cd.' } } } as const;
const year = { type: 'integer', minimum: 1960, maximum: 2100 } as const;
const group = { enum: GROUP_IDS, default: 'members', description: 'members, founders, observers, dialogue_partners, sco_partners, partners (both kinds), family (every status); the states holding the status on 31 December of the year.' } as const;
const projectId = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,80}$' } as const;
const projectParam = { type: 'object', required: ['id'], properties: { id: projectId } } as const;
const date = { type: 'string', format: 'date' } as const;
const SOURCE_KINDS = ['interbank_consortium', 'development_bank', 'fund', 'government', 'commercial_bank', 'other'];
const INSTRUMENTS = ['loan', 'concessional_loan', 'grant', 'equity', 'guarantee', 'credit_line'];

export function economyRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  if (!app.hasContentTypeParser(CSV)) app.addContentTypeParser(CSV, { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.post<{ Querystring: { source: 'comtrade' | 'imf'; file_name?: string }; Body: string }>('/api/v1/economy/trade/imports', {
    schema: {
      summary: 'Import a bilateral trade file as UN Comtrade (CSV) or the IMF (IMTS/DOTS SDMX-CSV) export it; a bad file is refused whole',
      tags: ['economy'],
      querystring: { type: 'object', required: ['source'], additionalProperties: false, properties: { source: { enum: ['comtrade', 'imf'] }, file_name: { type: 'string', maxLength: 300 } } },
      response: { 201: open, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await importTrade(db, request.actor, request.query.source, String(request.body ?? ''), request.query.file_name ?? null)),
  });

  app.get<{ Querystring: { year: number; group: GroupId; source: 'comtrade' | 'imf' } }>('/api/v1/economy/trade/matrix', {
    schema: {
      summary: 'The group\'s bilateral trade matrix in a year, with partner shares, trade intensity and dependence on the group',
      tags: ['economy'],
      querystring: { type: 'object', required: ['year'], additionalProperties: false, properties: { year, group, source: { enum: ['comtrade', 'imf'], default: 'comtrade' } } },
      response: { 200: open, ...errorResponses },
    },
    handler: (request) => groupTradeMatrix(db, request.query.group, request.query.year, request.query.source),
  });

  type Tabular = { year: number; group: GroupId; source: 'comtrade' | 'imf' };
  const tabularQuery = { type: 'object', required: ['year'], additionalProperties: false, properties: { year, group, source: { enum: ['comtrade', 'imf'], default: 'comtrade' } } } as const;
  /** Sends `rows` as CSV or XLSX (text cells formula-safe). */
  const table = async (reply: import('fastify').FastifyReply, format: 'csv' | 'xlsx', name: string, columns: string[], rows: Record<string, unknown>[]) =>
    format === 'xlsx'
      ? reply.type(XLSX).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await writeXlsx(columns, rows))
      : reply.type(`${CSV}; charset=utf-8`).header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(rows, { header: true, columns }));
  const formatParam = { type: 'object', required: ['format'], properties: { format: { enum: ['csv', 'xlsx'] } } } as const;

  app.get<{ Params: { format: 'csv' | 'xlsx' }; Querystring: Tabular }>('/api/v1/economy/trade/matrix.:format', {
    schema: { summary: 'The group\'s trade matrix in a year as a table (csv or xlsx): one row per exporter and importer', tags: ['economy'], params: formatParam, querystring: tabularQuery, response: { 200: { description: 'The matrix' }, ...errorResponses } },
    handler: async (request, reply) => {
      const { year: y, group: g, source } = request.query;
      const m = await groupTradeMatrix(db, g, y, source);
      const rows = m.cells.map((c) => ({ year: y, group: g, source, ...c }));
      return table(reply, request.params.format, `trade-matrix-${g}-${y}`, rows[0] ? Object.keys(rows[0]) : ['year', 'group', 'source'], rows);
    },
  });

  app.get<{ Querystring: Tabular }>('/api/v1/economy/trade/complementarity', {
    schema: {
      summary: 'The trade complementarity index (Michaely; World Bank WITS) for every ordered pair of the group\'s states in a year, from imported trade with the world by product',
      tags: ['economy'], querystring: tabularQuery, response: { 200: open, ...errorResponses },
    },
    handler: (request) => groupComplementarity(db, request.query.group, request.query.year, request.query.source),
  });
  app.get<{ Params: { format: 'csv' | 'xlsx' }; Querystring: Tabular }>('/api/v1/economy/trade/complementarity.:format', {
    schema: { summary: 'The trade complementarity index as a table (csv or xlsx)', tags: ['economy'], params: formatParam, querystring: tabularQuery, response: { 200: { description: 'The indices' }, ...errorResponses } },
    handler: async (request, reply) => {
      const { year: y, group: g, source } = request.query;
      const c = await groupComplementarity(db, g, y, source);
      return table(reply, request.params.format, `complementarity-${g}-${y}`, ['year', 'group', 'source', 'exporter', 'importer', 'index'], c.cells.map((x) => ({ year: y, group: g, source, ...x })));
    },
  });

  app.get<{ Params: { format: 'csv' | 'xlsx' } }>('/api/v1/economy/statements.:format', {
    schema: { summary: 'Figures quoted in the sources, beside the computed figure (csv or xlsx)', tags: ['economy'], params: formatParam, response: { 200: { description: 'The statements' }, ...errorResponses } },
    handler: async (request, reply) => {
      const rows = (await listStatements(db)).map((q) => ({ id: q.id, label_en: q.label.en, label_ru: q.label.ru, label_zh: q.label.zh, indicator: q.indicator, group: q.group, year: q.year, value: q.value, unit: q.unit, quote: q.quote, computed: q.computed?.value ?? null, difference: q.computed?.difference ?? null, source: q.source.join(' | '), confidence: q.confidence }));
      return table(reply, request.params.format, 'statements', ['id', 'label_en', 'label_ru', 'label_zh', 'indicator', 'group', 'year', 'value', 'unit', 'quote', 'computed', 'difference', 'source', 'confidence'], rows);
    },
  });

  app.get<{ Params: { format: 'csv' | 'xlsx' } }>('/api/v1/economy/indicators.:format', {
    schema: { summary: 'The reference indicators with their rules and years loaded (csv or xlsx)', tags: ['economy'], params: formatParam, response: { 200: { description: 'The indicators' }, ...errorResponses } },
    handler: async (request, reply) => {
      const rows = (await listIndicators(db)).map((i) => ({ code: i.code, name_en: i.name.en, name_ru: i.name.ru, name_zh: i.name.zh, unit: i.unit, aggregation: i.aggregation, first_year: i.years?.first ?? null, last_year: i.years?.last ?? null, source: i.source.join(' | '), confidence: i.confidence }));
      return table(reply, request.params.format, 'indicators', ['code', 'name_en', 'name_ru', 'name_zh', 'unit', 'aggregation', 'first_year', 'last_year', 'source', 'confidence'], rows);
    },
  });

  app.get('/api/v1/economy/indicators', {
    schema: { summary: 'The reference indicators (World Bank WDI), with the rule forming a group value and the years loaded', tags: ['economy'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errorResponses } },
    handler: async () => ({ items: await listIndicators(db) }),
  });

  app.get<{ Params: { code: string }; Querystring: { year: number; group: GroupId } }>('/api/v1/economy/indicators/:code/aggregate', {
    schema: {
      summary: 'A group\'s value of an indicator in a year, computed from membership on 31 December; missing states are listed and leave value null',
      tags: ['economy'],
      params: codeParam,
      querystring: { type: 'object', required: ['year'], additionalProperties: false, properties: { year, group } },
      response: { 200: open, ...errorResponses },
    },
    handler: (request) => groupYear(db, request.params.code, request.query.group, request.query.year),
  });

  app.get<{ Params: { code: string }; Querystring: { group: GroupId; from: number; to: number } }>('/api/v1/economy/indicators/:code/series', {
    schema: {
      summary: 'An indicator for a group and its states over the years, with the statements of the sources about the same figure',
      tags: ['economy'],
      params: codeParam,
      querystring: { type: 'object', additionalProperties: false, properties: { group, from: { ...year, default: 2001 }, to: { ...year, default: 2024 } } },
      response: { 200: open, ...errorResponses },
    },
    handler: (request) => indicatorSeries(db, request.params.code, request.query.group, request.query.from, request.query.to),
  });

  app.get<{ Params: { code: string; format: 'csv' | 'xlsx' | 'sdmx-csv' }; Querystring: { group: GroupId; from: number; to: number } }>('/api/v1/economy/indicators/:code/observations.:format', {
    schema: {
      summary: 'Export an indicator for a group and its states: csv, xlsx, or sdmx-csv (SDMX-CSV 1.0)',
      tags: ['economy'],
      params: { type: 'object', required: ['code', 'format'], properties: { ...codeParam.properties, format: { enum: ['csv', 'xlsx', 'sdmx-csv'] } } },
      querystring: { type: 'object', additionalProperties: false, properties: { group, from: { ...year, default: 2001 }, to: { ...year, default: 2024 } } },
      response: { 200: { description: 'The observations' }, ...errorResponses },
    },
    handler: async (request, reply) => {
      const { group: g, from, to } = request.query;
      const s = await indicatorSeries(db, request.params.code, g, from, to);
      const rows = s.points.flatMap((p) => [
        { indicator: s.indicator.code, area: `SCO_${g.toUpperCase()}`, year: p.year, value: p.value, unit: p.unit, complete: p.complete, missing: p.missing.join(' '), states: p.states.join(' ') },
        ...p.by_state.map((b) => ({ indicator: s.indicator.code, area: b.iso2, year: p.year, value: b.value, unit: p.unit, complete: b.value !== null, missing: '', states: b.iso2 })),
      ]);
      const columns = ['indicator', 'area', 'year', 'value', 'unit', 'complete', 'missing', 'states'];
      const name = `${s.indicator.code}-${g}-${from}-${to}`;
      if (request.params.format === 'xlsx') return reply.type(XLSX).header('content-disposition', `attachment; filename="${name}.xlsx"`).send(await writeXlsx(columns, rows));
      if (request.params.format === 'csv') return reply.type(`${CSV}; charset=utf-8`).header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(rows, { header: true, columns }));
      // SDMX-CSV 1.0: the first column names the dataflow; a missing group value is left out, not zero.
      const sdmx = rows.filter((r) => r.value !== null).map((r) => ({ DATAFLOW: 'SCO:WDI_EXTRACT(1.0)', REF_AREA: r.area, INDICATOR: r.indicator.toUpperCase(), TIME_PERIOD: r.year, OBS_VALUE: r.value, UNIT_MEASURE: r.unit }));
      return reply.type('application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8').header('content-disposition', `attachment; filename="${name}.sdmx.csv"`).send(stringify(sdmx, { header: true, columns: ['DATAFLOW', 'REF_AREA', 'INDICATOR', 'TIME_PERIOD', 'OBS_VALUE', 'UNIT_MEASURE'] }));
    },
  });

  app.get('/api/v1/economy/statements', {
    schema: { summary: 'Figures quoted in the sources, each beside the computed figure where it measures the same thing', tags: ['economy'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errorResponses } },
    handler: async () => ({ items: await listStatements(db) }),
  });

  type ProjectQuery = Page & { stage?: string; sector?: string; state?: string };
  type ProjectItem = Awaited<ReturnType<typeof listProjects>>[number];
  const projectCsv = (p: ProjectItem) => ({ id: p.id, title_en: p.title.en, title_ru: p.title.ru, title_zh: p.title.zh, sector: p.sector, stage: p.stage, location: p.location, host_states: p.host_states.join(' '), decision: p.decision.status, bound_states: p.decision.bound.join(' '), planned_end: p.planned_end, actual_end: p.actual_end, source: p.source.join(' | '), confidence: p.confidence });
  const projectQuery = { stage: { enum: [...PROJECT_STAGES] }, sector: { enum: [...PROJECT_SECTORS] }, state: { type: 'string', pattern: '^[A-Za-z]{2}$' } } as const;
  listRoute<ProjectQuery, ProjectItem>(app, {
    path: '/api/v1/economy/projects',
    schema: { summary: 'Projects of economic cooperation, with the states bound by each one\'s decision', tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery, ...projectQuery } }, response: { 200: pagedSchema(open), ...errorResponses } },
    list: (q) => listProjects(db, q),
    csv: projectCsv,
  });
  app.get<{ Querystring: { stage?: string; sector?: string; state?: string } }>('/api/v1/economy/projects.xlsx', {
    schema: { summary: 'Projects of economic cooperation (XLSX)', tags: ['economy'], querystring: { type: 'object', additionalProperties: false, properties: projectQuery }, response: { 200: { description: 'The projects' }, ...errorResponses } },
    handler: async (request, reply) => {
      const rows = (await listProjects(db, request.query)).map(projectCsv);
      return reply.type(XLSX).header('content-disposition', 'attachment; filename="projects.xlsx"').send(await writeXlsx(rows[0] ? Object.keys(rows[0]) : ['id'], rows));
    },
  });

  app.post<{ Body: ProjectInput }>('/api/v1/economy/projects', {
    schema: {
      summary: 'Register a project (the Secretariat); it starts as an idea',
      tags: ['economy'],
      body: {
        type: 'object', required: ['id', 'title_en', 'sector'], additionalProperties: false,
        properties: { id: projectId, title_en: { type: 'string', minLength: 1, maxLength: 500 }, title_ru: { type: 'string', maxLength: 500 }, title_zh: { type: 'string', maxLength: 500 }, sector: { enum: [...PROJECT_SECTORS] }, location: { type: 'string', maxLength: 300 }, host_states: { type: 'array', maxItems: 30, items: { type: 'string', pattern: '^[A-Za-z]{2}$' } }, planned_start: date, planned_end: date, note: { type: 'string', maxLength: 5000 } },
      },
      response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await createProject(db, request.actor, request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/v1/economy/projects/:id', {
    schema: { summary: 'A project: decision and bound states, financing, disbursements, disbursement ratio, creditor concentration and delay', tags: ['economy'], params: projectParam, response: { 200: open, ...errorResponses } },
    handler: (request) => getProject(db, request.actor, request.params.id),
  });

  app.get<{ Params: { id: string } }>('/api/v1/economy/projects/:id/iati.xml', {
    schema: { summary: 'A project as an IATI activity (IATI Activity Standard 2.03 XML)', tags: ['economy'], params: projectParam, produces: ['application/xml'], response: { 200: { description: 'The IATI activity' }, ...errorResponses } },
    handler: async (request, reply) => {
      const p = await getProject(db, request.actor, request.params.id);
      return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${p.id}.iati.xml"`).send(iatiActivities([p], new Date().toISOString()));
    },
  });

  app.post<{ Params: { id: string }; Body: { stage: ProjectStage; date?: string } }>('/api/v1/economy/projects/:id/stage', {
    schema: { summary: 'Move a project to the next stage of the pipeline (financing and later need its adopted decision)', tags: ['economy'], params: projectParam, body: { type: 'object', required: ['stage'], additionalProperties: false, properties: { stage: { enum: [...PROJECT_STAGES] }, date } }, response: { 200: open, ...restrictedErrors } },
    handler: (request) => moveStage(db, request.actor, request.params.id, request.body),
  });

  app.post<{ Params: { id: string }; Body: { organ?: string } }>('/api/v1/economy/projects/:id/decision', {
    schema: { summary: 'Table the project\'s decision at an organ (default CHG) under the interested-states procedure', tags: ['economy'], params: projectParam, body: { type: 'object', additionalProperties: false, properties: { organ: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' } } }, response: { 201: { type: 'object', properties: { draft: { type: 'string' } } }, ...restrictedErrors } },
    handler: async (request, reply) => reply.status(201).send(await tableProjectDecision(db, request.actor, request.params.id, request.body ?? {})),
  });

  app.post<{ Params: { id: string }; Body: FinancingInput }>('/api/v1/economy/projects/:id/financing', {
    schema: {
      summary: 'Record a financing commitment: source, instrument, amount and currency',
      tags: ['economy'],
      params: projectParam,
      body: { type: 'object', required: ['source_name', 'source_kind', 'instrument', 'amount', 'currency'], additionalProperties: false, properties: { source_name: { type: 'string', minLength: 1, maxLength: 300 }, source_kind: { enum: SOURCE_KINDS }, instrument: { enum: INSTRUMENTS }, amount: { type: 'number', exclusiveMinimum: 0, maximum: 1e15 }, currency: { type: 'string', pattern: '^[A-Za-z]{3}$', description: 'ISO 4217' }, committed_on: date } },
      response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await addFinancing(db, request.actor, request.params.id, request.body)),
  });

  app.post<{ Params: { id: string; financing: string }; Body: { date: string; amount: number } }>('/api/v1/economy/projects/:id/financing/:financing/disbursements', {
    schema: {
      summary: 'Record a disbursement of a commitment (never beyond what was committed)',
      tags: ['economy'],
      params: { type: 'object', required: ['id', 'financing'], properties: { id: projectId, financing: { type: 'string', pattern: '^f_[0-9a-f]{12}$' } } },
      body: { type: 'object', required: ['date', 'amount'], additionalProperties: false, properties: { date, amount: { type: 'number', exclusiveMinimum: 0, maximum: 1e15 } } },
      response: { 201: open, ...restrictedErrors },
    },
    handler: async (request, reply) => reply.status(201).send(await addDisbursement(db, request.actor, request.params.id, request.params.financing, request.body)),
  });
}
