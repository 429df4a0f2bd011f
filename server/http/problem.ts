/** One error type with a closed list of codes, rendered as RFC 9457 problem+json. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { problemFromDatabaseError } from '../db/database-errors.ts';

export const ERROR_CODES = {
  invalid_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  not_acceptable: 406,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  /** `retryAfter`: seconds a client should wait before trying again (sent as Retry-After), for 503 and 429. */
  constructor(readonly code: ErrorCode, message: string, readonly errors: FieldError[] = [], public retryAfter?: number) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);

const TITLES: Record<ErrorCode, string> = {
  invalid_request: 'Invalid request',
  unauthenticated: 'Sign-in required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  not_acceptable: 'Not acceptable',
  conflict: 'Conflict',
  payload_too_large: 'Request body too large',
  unsupported_media_type: 'Unsupported media type',
  too_many_requests: 'Too many requests',
  internal: 'Internal error',
  unavailable: 'Service unavailable',
};

const CODE_BY_STATUS = new Map(Object.entries(ERROR_CODES).map(([code, status]) => [status as number, code as ErrorCode]));

/** Fastify's validation error → one field error per failed rule, named by field. */
function fieldErrors(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as { missingProperty?: string; additionalProperty?: string; format?: string };
    if (params.additionalProperty) return { field: params.additionalProperty, message: 'is not a known parameter' };
    const field = params.missingProperty ?? v.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const hint = v.keyword === 'format' && params.format === 'date' ? ' (YYYY-MM-DD)' : '';
    return { field: field || (error.validationContext ?? 'body'), message: `${v.message ?? 'is invalid'}${hint}` };
  });
}

/** Sends one problem+json answer; the only way an error leaves the server. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, detail: string, errors: FieldError[] = [], retryAfter?: number): FastifyReply {
  const status = ERROR_CODES[code];
  if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `about:blank#${code}`, title: TITLES[code], status, detail, instance: request.url, ...(errors.length ? { errors } : {}) });
}

/**
 * Errors Fastify raises before a route is found (a malformed URL, a path parameter past
 * `maxParamLength`): the path is bad input, answered 400 like any other.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(request, reply, 'invalid_request', error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A path segment is too long' : 'The URL is not validly encoded', [{ field: 'path', message: 'is invalid' }]);
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((raised: FastifyError, request, reply) => {
    // A race lost or a connection dropped in the database is a 409 or 503, not a 500.
    const error = (problemFromDatabaseError(raised) as FastifyError | undefined) ?? raised;
    let code: ErrorCode;
    let detail: string;
    let errors: FieldError[] = [];
    if (error instanceof AppError) {
      code = error.code;
      detail = error.message;
      errors = error.errors;
    } else if (error.validation) {
      code = 'invalid_request';
      errors = fieldErrors(error);
      detail = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own refusals (body too large, media type, malformed JSON): their status is kept,
      // their internal FST_ERR_* code is not shown.
      code = CODE_BY_STATUS.get(error.statusCode) ?? 'invalid_request';
      detail = error.message;
      if (code === 'invalid_request') errors = [{ field: 'body', message: error.message }];
    } else {
      request.log.error({ err: error }, 'unhandled error');
      code = 'internal';
      detail = 'An internal error occurred; it has been logged.';
    }
    return sendProblem(request, reply, code, detail, errors, error instanceof AppError ? error.retryAfter : undefined);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
}

/** The problem+json schema, referenced by every route's error responses in the OpenAPI document. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
  required: ['type', 'title', 'status', 'detail'],
} as const;
