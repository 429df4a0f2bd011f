/**
 * List endpoints: pagination, and CSV for every list (by `Accept: text/csv` or a `.csv` suffix).
 * A CSV export carries every matching row; JSON pages through them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { toCsv } from './tabular.ts';

export const MAX_PAGE_SIZE = 200;

export const pageQuery = {
  page: { type: 'integer', minimum: 1, maximum: 100000, default: 1, description: 'Page number, from 1.' },
  per_page: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 50, description: `Items per page, at most ${MAX_PAGE_SIZE}.` },
} as const;

export interface Page {
  page: number;
  per_page: number;
}

export const pageOf = <T>(items: T[], { page, per_page }: Page) => ({
  items: items.slice((page - 1) * per_page, page * per_page),
  total: items.length,
  page,
  per_page,
});

export const pagedSchema = (item: object) => ({
  type: 'object',
  required: ['items', 'total', 'page', 'per_page'],
  properties: { items: { type: 'array', items: item }, total: { type: 'integer' }, page: { type: 'integer' }, per_page: { type: 'integer' } },
});

type CsvRow = Record<string, string | number | boolean | null | undefined>;

export interface ListRoute<Q, T> {
  path: string;
  schema: RouteShorthandOptions['schema'] & object;
  /** All matching items. */
  list: (query: Q, request: FastifyRequest) => Promise<T[]>;
  /** One flat CSV row per item. */
  csv: (item: T) => CsvRow;
}

const wantsCsv = (request: FastifyRequest) => request.url.split('?')[0]!.endsWith('.csv') || (request.headers.accept ?? '').split(',')[0]!.trim().startsWith('text/csv');

/** Registers `path` (JSON or CSV by Accept) and `path.csv`. */
export function listRoute<Q extends Page, T>(app: FastifyInstance, route: ListRoute<Q, T>): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Q;
    const items = await route.list(query, request);
    if (wantsCsv(request)) {
      const rows = items.map(route.csv);
      const header = rows[0] ? Object.keys(rows[0]) : [];
      return reply.type('text/csv; charset=utf-8').send(toCsv(rows, { header: true, columns: header }));
    }
    return pageOf(items, query);
  };
  app.get(route.path, { schema: route.schema }, handler);
  const { response: json, ...csvSchema } = route.schema;
  const { 200: _page, ...errors } = (json ?? {}) as Record<string, unknown>;
  const csv = { 200: { description: 'Every matching row, as CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...errors };
  app.get(`${route.path}.csv`, { schema: { ...csvSchema, summary: `${route.schema.summary ?? ''} (CSV)`, produces: ['text/csv'], response: csv } }, handler);
}
