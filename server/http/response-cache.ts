/**
 * Answers to reads kept in memory byte for byte and served again until anything changes
 * (docs/decisions/0008-speed.md, 0017-signed-in-reads.md). Which answers may be kept, and for whom,
 * is the data in `CACHED_ROUTES`; every other route is never kept (deny by default).
 *
 * Two audiences:
 * - `anonymous`: the answer to a request with no cookie and no Authorization is shared by every
 *   anonymous caller, keyed by host, Accept and URL;
 * - `session`: the answer to a request signed in with a session cookie is kept for that session
 *   and principal alone, keyed by the session token's SHA-256, the actor as the policies see it
 *   (user id, roles, scopes), host, Accept and URL, and sent with `Cache-Control: private,
 *   no-cache`. API tokens are never served from memory (each use is recorded).
 *
 * An answer is valid for one *generation* of the data, one UTC day (answers that default to today)
 * and, where its route says so, until a time it names (a silence procedure's deadline). The
 * generation moves:
 * - before and after this process answers any change (POST, PUT, PATCH, DELETE), so a client
 *   reads its own writes;
 * - when audit events are chained: migration 0010 makes every insert into `audit_event` notify
 *   the channel `secretariat_changed` (delivered on commit), which the server listens to. Every
 *   change to institutional records is audited, so seeds, the CLI and the notice dispatcher move
 *   it too (since 0013 the chainer inserts a batch a few milliseconds after the commits).
 * A signed-in answer is moreover valid only while the session cache (session-cache.ts) has seen
 * no change to sessions, users or roles: sign-out, a role granted or revoked in this process or
 * notified by another one make every such answer stale at once.
 * An answer is stored under the generations read *before* it was computed, so one computed while a
 * change commits is never served after it. While either notice channel is not listened to, nothing
 * is stored or served from memory.
 *
 * An anonymous answer kept in memory is sent from the first hook, with the headers its computed
 * copy was sent with (security headers included); signed-in ones are looked up after the security
 * headers and authentication (`afterAuth`), which tell who asks.
 * Answers carry a strong ETag; `If-None-Match` with it gets 304. The iCalendar feed is kept too,
 * its DTSTAMPs set to the time of each answer.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS } from '../policies/actor.ts';
import { today } from './common-schemas.ts';
import { SESSION_COOKIE } from './auth.ts';
import type { SessionCache } from './session-cache.ts';

/** Who an answer kept in memory may be served to again. */
export type Audience = 'anonymous' | 'session';

export interface CachedRoute {
  /** A GET route as registered (Fastify's pattern, e.g. `/api/v1/drafts/:id`). */
  route: string;
  audience: Audience;
  /** Answers stamped with the time of answering (iCalendar's DTSTAMP, RFC 5545 3.8.7.2). */
  stamped?: true;
  /**
   * When the answer, computed at `computedAt` (ms since the epoch), may read differently though
   * no data changed (a time it names); undefined when only the data and the day matter.
   */
  until?: (body: string, computedAt: number) => number | undefined;
}

const PUBLIC = [
  '/api/v1/organisation',
  '/api/v1/states', '/api/v1/states.csv', '/api/v1/states/:iso2',
  '/api/v1/organs', '/api/v1/organs.csv', '/api/v1/organs/:id',
  '/api/v1/chairmanships', '/api/v1/chairmanships.csv',
  '/api/v1/meetings', '/api/v1/meetings.csv', '/api/v1/meetings/:id',
  '/api/v1/documents', '/api/v1/documents.csv', '/api/v1/documents/:key', '/api/v1/documents/:key/acts',
  '/api/v1/documents/:key/status', '/api/v1/documents/:key/status.csv', '/api/v1/documents/:key/texts',
  '/api/v1/documents/:key/texts/:language', '/api/v1/documents/:key/texts/:language/text.akn.xml',
];

/** A draft's outcome under silence turns at its deadline (procedure-engine.ts evaluate). */
const untilDeadline = (body: string, computedAt: number) => {
  const deadline = (JSON.parse(body) as { procedure?: { deadline?: string | null } | null }).procedure?.deadline;
  const at = deadline ? Date.parse(deadline) : NaN;
  return at > computedAt ? at : undefined;
};

/**
 * The routes whose answers may be kept, and for whom. Public reference data for anonymous
 * callers; for signed-in sessions, the reads of issue 11 whose answers depend on who asks
 * (positions, national reports) and so are kept per principal.
 */
export const CACHED_ROUTES: readonly CachedRoute[] = [
  ...PUBLIC.map((route) => ({ route, audience: 'anonymous' as const })),
  { route: '/api/v1/meetings.ics', audience: 'anonymous', stamped: true },
  { route: '/api/v1/drafts/:id', audience: 'session', until: untilDeadline },
  { route: '/api/v1/plans/:id', audience: 'session' },
];

const DTSTAMP = /^DTSTAMP:\d{8}T\d{6}Z(?=\r?$)/gm;
const restamp = (body: string) => body.replace(DTSTAMP, `DTSTAMP:${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Bound on the number of answers kept (URLs × principals); the oldest is dropped first. */
const MAX_ENTRIES = 5000;
/** Sent with answers kept for one principal: a browser may keep them, and asks again each time. */
const PRIVATE = 'private, no-cache';
/** Headers of one answer that are not sent again with a copy of it. */
const PER_ANSWER = new Set(['content-length', 'date', 'connection', 'set-cookie', 'etag', 'content-type']);


interface Entry {
  generation: number;
  /** The session cache's version the answer was computed under (signed-in answers). */
  sessions: number | undefined;
  day: string;
  /** ms since the epoch; undefined: no limit but the data and the day. */
  until: number | undefined;
  contentType: string;
  /** Undefined for stamped answers. */
  etag: string | undefined;
  /** Anonymous answers: the headers sent with the computed answer (security headers…). */
  headers: Record<string, string | number | string[] | undefined> | undefined;
  body: string | Buffer;
}

export interface ResponseCache {
  /** Moves the generation: every stored answer is stale. */
  invalidate(): void;
  /** While false (changes may go unnoticed), nothing is stored or served from memory. */
  setListening(listening: boolean): void;
  readonly size: number;
}

interface Pending {
  key: string;
  rule: CachedRoute;
  generation: number;
  sessions: number | undefined;
  day: string;
  /** When the request was looked up (ms since the epoch). */
  at: number;
  /** Answered from memory. */
  served: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCache: Pending | null;
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * Registers the cache's first hook on `app` (call before any other hook); `afterAuth(sessions)`
 * registers the rest once the security headers and authentication are (so that `request.actor`
 * is known), with the session cache whose version signed-in answers depend on. Returns the handle
 * to invalidate it.
 */
export function registerResponseCache(app: FastifyInstance, routes: readonly CachedRoute[] = CACHED_ROUTES): ResponseCache & { afterAuth(sessions: SessionCache): void } {
  const rules = new Map(routes.map((r) => [`${r.audience} ${r.route}`, r]));
  const entries = new Map<string, Entry>();
  let generation = 0;
  let listening = false;
  app.decorateRequest('responseCache', null);

  /** The rule and key for this request, or null when its answer may not be kept. */
  let sessions: SessionCache;
  const anonymousKey = (request: FastifyRequest) => `anonymous\n${request.host}\n${request.headers.accept ?? ''}\n${request.url}`;
  const fresh = (hit: Entry | undefined, version: number | undefined, now: number): hit is Entry =>
    hit !== undefined && hit.generation === generation && hit.sessions === version && hit.day === today() && (hit.until === undefined || now < hit.until);
  const serve = (request: FastifyRequest, reply: FastifyReply, hit: Entry) => {
    if (!hit.etag) return reply.type(hit.contentType).send(restamp(String(hit.body)));
    reply.header('etag', hit.etag);
    if (request.headers['if-none-match'] === hit.etag) return reply.code(304).send();
    return reply.type(hit.contentType).send(hit.body);
  };

  // First of all hooks: changes move the generation; an anonymous answer kept in memory is sent
  // at once with the headers the computed one had (security headers included), which costs half
  // of a hit's time less than running the edge's and authentication's hooks again.
  app.addHook('onRequest', async (request, reply) => {
    if (!SAFE.has(request.method)) {
      generation++;
      return;
    }
    if (!listening || request.method !== 'GET' || request.headers.cookie || request.headers.authorization) return;
    const hit = entries.get(anonymousKey(request));
    if (!fresh(hit, undefined, Date.now()) || !hit.headers) return;
    request.actor = ANONYMOUS;
    reply.headers(hit.headers);
    return serve(request, reply, hit);
  });

  const keyOf = (request: FastifyRequest): { rule: CachedRoute; key: string } | null => {
    if (request.method !== 'GET') return null;
    const where = `${request.host}\n${request.headers.accept ?? ''}\n${request.url}`;
    const actor = request.actor;
    if (!request.headers.cookie && !request.headers.authorization) {
      const rule = rules.get(`anonymous ${request.routeOptions.url}`);
      return rule ? { rule, key: anonymousKey(request) } : null;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token || request.headers.authorization || actor.kind !== 'user' || actor.via !== 'session' || !sessions.listening) return null;
    const rule = rules.get(`session ${request.routeOptions.url}`);
    return rule ? { rule, key: `${sha256(token)}\n${JSON.stringify([actor.userId, actor.roles, actor.scopes])}\n${where}` } : null;
  };

  const afterAuth = (cache: SessionCache) => {
  sessions = cache;
  app.addHook('onRequest', async (request, reply) => {
    if (!SAFE.has(request.method)) return;
    const found = listening ? keyOf(request) : null;
    if (!found) return;
    const { rule, key } = found;
    const now = Date.now();
    const version = rule.audience === 'session' ? sessions.version : undefined;
    const hit = entries.get(key);
    const served = fresh(hit, version, now);
    request.responseCache = { key, rule, generation, sessions: version, day: today(), at: now, served };
    if (served) return serve(request, reply, hit);
  });

  // Registered after the edge's hook that marks every signed-in answer `no-store`: an answer kept
  // for its principal is marked private instead (a refusal or an error keeps `no-store`).
  app.addHook('onSend', async (request, reply, payload) => {
    // A change is answered after it committed: move the generation again, so that an answer
    // computed while it was running is not served after it.
    if (!SAFE.has(request.method)) {
      generation++;
      return payload;
    }
    const pending = request.responseCache;
    if (!pending) return payload;
    if (pending.rule.audience === 'session' && (reply.statusCode === 200 || reply.statusCode === 304)) reply.header('cache-control', PRIVATE);
    if (pending.served || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const etag = pending.rule.stamped ? undefined : `"${createHash('sha1').update(payload).digest('base64url')}"`;
    const version = pending.rule.audience === 'session' ? sessions.version : undefined;
    if (listening && pending.generation === generation && pending.sessions === version && pending.day === today()) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      const until = pending.rule.until?.(String(payload), pending.at);
      // Anonymous answers keep their headers (but the per-answer ones) to be sent again at once.
      const headers = pending.rule.audience === 'anonymous' ? Object.fromEntries(Object.entries(reply.getHeaders()).filter(([h]) => !PER_ANSWER.has(h))) : undefined;
      entries.set(pending.key, { generation, sessions: version, day: pending.day, until, contentType: String(reply.getHeader('content-type') ?? 'application/json'), etag, headers, body: payload });
    }
    if (etag) reply.header('etag', etag);
    return payload;
  });
  };

  return {
    afterAuth,
    invalidate: () => { generation++; },
    setListening: (value) => {
      generation++;
      listening = value;
    },
    get size() { return entries.size; },
  };
}
