/**
 * What lies between the network and the services: the errors any route can answer because of the
 * edge itself (declared in the OpenAPI document on every route they apply to), security headers,
 * and `Cache-Control: no-store` on private answers (those response-cache.ts keeps for one principal
 * are marked `private` instead).
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import helmet from '@fastify/helmet';
import { AppError, type FieldError } from './problem.ts';

const problem = (description: string) => ({ $ref: 'Problem#', description });
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The statuses the edge adds to a route, whatever its handler does: a bad bearer token (401),
 * bad input (400), a change without the session's CSRF token (403), a body too large (413) or of a
 * media type the route does not read (415), and a database that cannot be reached (503).
 */
export function edgeResponses(route: Pick<RouteOptions, 'method' | 'schema'>): Record<string, object> {
  const methods = [route.method].flat();
  const changes = methods.some((m) => BODY_METHODS.has(m));
  const schema = route.schema ?? {};
  const takesInput = changes || Boolean(schema.params || schema.querystring);
  const responses: Record<string, object> = { 401: problem('Sign-in required, or the API token is unknown, revoked or expired') };
  if (takesInput) responses[400] = problem('Invalid request');
  if (changes) Object.assign(responses, { 403: problem('Forbidden'), 413: problem('Request body too large'), 415: problem('Unsupported media type') });
  responses[503] = problem('Service unavailable; try again after Retry-After seconds');
  return responses;
}

/** Registers the edge: call before any route is added. */
export async function registerEdge(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.schema?.hide) return;
    const { params, querystring, body } = route.schema ?? {};
    route.schema = {
      ...route.schema,
      ...(params ? { params: boundIntegers(params) } : {}),
      ...(querystring ? { querystring: boundIntegers(querystring) } : {}),
      ...(body ? { body: boundIntegers(body) } : {}),
      response: { ...edgeResponses(route), ...(route.schema?.response as object | undefined) },
    };
  });
  app.addHook('preValidation', async (request) => {
    const errors = [...unreadableText(request), ...nonFiniteNumbers(request)];
    if (errors.length) throw new AppError('invalid_request', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
  });
  await app.register(helmet, {
    // The portal is a single-page app served from this origin; ECharts draws on canvas and sets
    // inline styles, so styles allow 'unsafe-inline' while scripts come only from 'self'.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Browsers ignore HSTS received over plain HTTP, so it is always sent.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  });
  // An answer that depends on who asks, or is refused to some, is never stored by a cache.
  app.addHook('onSend', async (request, reply) => {
    if (request.actor?.kind !== 'anonymous' || reply.statusCode === 401 || reply.statusCode === 403) reply.header('cache-control', 'no-store');
  });
}

/** Bytes of a JSON request body; routes that take files declare their own `bodyLimit`. */
export const JSON_BODY_LIMIT = 256 * 1024;

const INT4 = { minimum: -2_147_483_648, maximum: 2_147_483_647 };

/**
 * The schema with every integer given the bounds of a PostgreSQL `integer` where it states none,
 * so an integer the database cannot hold is refused as bad input (and the bounds are documented).
 */
export function boundIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundIntegers);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'enum' || k === 'const' || k === 'default' || k === 'examples' ? v : boundIntegers(v)]));
  const types = [out.type].flat();
  if (types.includes('integer')) {
    if (out.minimum === undefined && out.exclusiveMinimum === undefined) out.minimum = INT4.minimum;
    if (out.maximum === undefined && out.exclusiveMaximum === undefined) out.maximum = INT4.maximum;
  }
  return out;
}

/** A NUL or a lone UTF-16 surrogate: text no database column can store and no encoding can carry. */
const UNREADABLE = /[\u0000\ud800-\udfff]/u;

/** Fields of the query, path and JSON body (at any depth) holding unreadable text. */
function unreadableText(request: FastifyRequest): FieldError[] {
  const found: FieldError[] = [];
  const walk = (value: unknown, field: string): void => {
    if (found.length >= 10) return;
    if (typeof value === 'string') {
      if (UNREADABLE.test(value)) found.push({ field, message: 'contains a NUL character or a lone UTF-16 surrogate' });
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${field}[${i}]`));
    else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) for (const [k, v] of Object.entries(value)) walk(k, field ? `${field}.${k}` : k), walk(v, field ? `${field}.${k}` : k);
  };
  walk(request.params, '');
  walk(request.query, '');
  walk(request.body, typeof request.body === 'string' ? 'body' : '');
  return found;
}

/**
 * Query and path values for numeric parameters that are not finite (`Infinity`, `1e400`). Ajv's
 * type coercion turns them into Infinity and then skips its range checks, so they are refused here.
 */
function nonFiniteNumbers(request: FastifyRequest): FieldError[] {
  const schema = request.routeOptions.schema ?? {};
  const found: FieldError[] = [];
  for (const [values, part] of [[request.query, schema.querystring], [request.params, schema.params]] as const) {
    const properties = ((part ?? {}) as { properties?: Record<string, { type?: string | string[] }> }).properties ?? {};
    for (const [name, value] of Object.entries((values ?? {}) as Record<string, unknown>)) {
      const types = [properties[name]?.type].flat();
      if (!types.includes('integer') && !types.includes('number')) continue;
      for (const v of [value].flat()) if (typeof v === 'string' && v.trim() !== '' && !Number.isFinite(Number(v))) found.push({ field: name, message: 'must be a finite number' });
    }
  }
  return found;
}
