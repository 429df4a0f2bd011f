/**
 * Answers to anonymous reads of the public registry (states, organs, chairmanships, meetings,
 * documents, the organisation), kept in memory byte for byte and served again until anything
 * changes (docs/decisions/0008-speed.md).
 *
 * An answer is valid for one *generation* of the data and one UTC day (answers that default to
 * today). The generation moves:
 * - before this process answers any change (POST, PUT, PATCH, DELETE), so a client reads its own
 *   writes;
 * - when audit events are chained: migration 0010 makes every insert into `audit_event` notify
 *   the channel `secretariat_changed` (delivered on commit), which the server listens to. Every
 *   change to institutional records is audited, so seeds, the CLI and the notice dispatcher move
 *   it too. Since 0013 a change writes its event unchained and the chainer inserts a batch of
 *   them a few milliseconds after the commit (one notice per batch, none in the writes'
 *   transactions, whose commits a NOTIFY would serialise).
 * An answer is stored under the generation read *before* it was computed, so one computed while a
 * change commits is never served after it.
 *
 * Only anonymous requests are cached (no cookie, no Authorization): what a signed-in caller sees
 * is never shared. Answers carry a strong ETag; `If-None-Match` gets 304. The iCalendar feed is
 * kept too, its DTSTAMPs set to the time of each answer.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { today } from './common-schemas.ts';

/** Paths whose anonymous GET answers depend only on the URL, the Accept header and the data. */
const CACHED = /^\/api\/v1\/(states|organs|chairmanships|meetings|documents|organisation)(\/|\.csv|\.ics|\?|$)/;
/**
 * Answers stamped with the time of answering (iCalendar's DTSTAMP, RFC 5545 3.8.7.2): kept with
 * the stamps replaced by the current time on every answer, as a fresh one would carry; no ETag.
 */
const STAMPED = /^\/api\/v1\/meetings\.ics/;
const DTSTAMP = /^DTSTAMP:\d{8}T\d{6}Z(?=\r?$)/gm;
const restamp = (body: string) => body.replace(DTSTAMP, `DTSTAMP:${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Bound on the number of answers kept (distinct URLs); the oldest is dropped first. */
const MAX_ENTRIES = 2000;

interface Entry {
  generation: number;
  day: string;
  contentType: string;
  /** Undefined for stamped answers. */
  etag: string | undefined;
  body: string | Buffer;
}

export interface PublicCache {
  /** Moves the generation: every stored answer is stale. */
  invalidate(): void;
  /** While false (changes may go unnoticed), nothing is stored or served from memory. */
  setListening(listening: boolean): void;
  readonly size: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheKey: string | null;
    publicCacheGeneration: number;
  }
}

const keyOf = (request: FastifyRequest): string | null => {
  if (request.method !== 'GET' || request.headers.cookie || request.headers.authorization) return null;
  if (!CACHED.test(request.url)) return null;
  return `${request.host}\n${request.headers.accept ?? ''}\n${request.url}`;
};

/** Registers the cache's hooks on `app` (before the routes); returns the handle to invalidate it. */
export function registerPublicCache(app: FastifyInstance): PublicCache {
  const entries = new Map<string, Entry>();
  let generation = 0;
  let listening = false;
  app.decorateRequest('publicCacheKey', null);
  app.decorateRequest('publicCacheGeneration', 0);

  app.addHook('onRequest', async (request, reply) => {
    if (!SAFE.has(request.method)) {
      generation++;
      return;
    }
    const key = listening ? keyOf(request) : null;
    if (!key) return;
    const hit = entries.get(key);
    if (hit && hit.generation === generation && hit.day === today()) {
      if (!hit.etag) return reply.type(hit.contentType).send(restamp(String(hit.body)));
      reply.header('etag', hit.etag);
      if (request.headers['if-none-match'] === hit.etag) return reply.code(304).send();
      return reply.type(hit.contentType).send(hit.body);
    }
    request.publicCacheKey = key;
    request.publicCacheGeneration = generation;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    // A change is answered after it committed: move the generation again, so that an answer
    // computed while it was running is not served after it.
    if (!SAFE.has(request.method)) {
      generation++;
      return payload;
    }
    const key = request.publicCacheKey;
    if (!key || reply.statusCode !== 200 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    const etag = STAMPED.test(request.url) ? undefined : `"${createHash('sha1').update(payload).digest('base64url')}"`;
    if (listening && request.publicCacheGeneration === generation) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      entries.set(key, { generation, day: today(), contentType: String(reply.getHeader('content-type') ?? 'application/json'), etag, body: payload });
    }
    if (etag) reply.header('etag', etag);
    return payload;
  });

  return {
    invalidate: () => { generation++; },
    setListening: (value) => {
      generation++;
      listening = value;
    },
    get size() { return entries.size; },
  };
}
