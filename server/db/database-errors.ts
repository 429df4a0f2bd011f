/**
 * PostgreSQL errors that are not bugs but outcomes of concurrency or of the database going away,
 * mapped to the problem a client can act on (see docs/decisions/0007):
 * - 23505 unique_violation: another request created the same thing first → 409 naming it;
 * - 40001 serialization_failure, 40P01 deadlock_detected: the transaction lost a race and was
 *   rolled back whole → 409, to be sent again;
 * - a lost or refused connection (class 08, 57P01–57P03, 53300, socket errors) → 503 with
 *   Retry-After; the pool replaces the connection, so the next request succeeds.
 * Codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
import { AppError } from '../http/problem.ts';

/** Seconds a client waits before retrying after the database went away. */
export const RETRY_AFTER_SECONDS = 2;

interface PgErrorLike {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const CONNECTION_MESSAGES = [/connection terminated/i, /not queryable/i, /terminating connection/i, /connection (?:is )?(?:closed|ended)/i, /client was closed/i, /timeout exceeded when trying to connect/i];

/** True when the error means the connection to the database was lost or could not be made. */
export function isConnectionLoss(error: unknown): boolean {
  const e = error as PgErrorLike | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('08') || CONNECTION_CODES.has(code)) return true;
  // pg reports a socket closed under a query with a plain Error and no code.
  return !code && typeof e.message === 'string' && CONNECTION_MESSAGES.some((re) => re.test(e.message as string));
}

/** "Key (draft_id, version)=(d_1, 2) already exists." → "draft_id, version". */
const keyOf = (detail: unknown) => (typeof detail === 'string' ? /^Key \(([^)]*)\)/.exec(detail)?.[1] : undefined);

/**
 * The problem a database error stands for, or undefined when it is not one of the kinds above
 * (then it is a bug and stays a 500). Never includes row values: they may be confidential.
 */
export function problemFromDatabaseError(error: unknown): AppError | undefined {
  const e = error as PgErrorLike | null;
  if (!e || typeof e !== 'object') return undefined;
  if (e.code === '23505') {
    const key = keyOf(e.detail);
    const table = typeof e.table === 'string' ? e.table.replaceAll('_', ' ') : 'record';
    const what = `${/^[aeiou]/.test(table) ? 'an' : 'a'} ${table}`;
    return new AppError('conflict', `Another request created ${what} with the same ${key ?? (typeof e.constraint === 'string' ? e.constraint : 'key')} at the same time; reload and try again`);
  }
  if (e.code === '40001' || e.code === '40P01') {
    return new AppError('conflict', 'Another request changed the same records at the same time; nothing was changed: reload and try again');
  }
  if (isConnectionLoss(error)) {
    const problem = new AppError('unavailable', 'The database connection was lost; nothing was changed by this request: try again shortly');
    return Object.assign(problem, { retryAfter: RETRY_AFTER_SECONDS });
  }
  return undefined;
}
