/**
 * The audit log as a list for officers and administrators: filter by actor, state acted for,
 * record and date; every list is also CSV (Accept: text/csv or the .csv suffix).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { authorize } from '../http/auth.ts';
import { isoDate, likePattern, restrictedErrors } from '../http/common-schemas.ts';
import { settleAuditLog } from './audit-chainer.ts';
import { listRoute, pageQuery, pagedSchema, type Page } from '../http/lists.ts';

/** At most this many events (the newest) answer one query: narrow the filters for older ones. */
export const AUDIT_LIST_LIMIT = 5000;

type Query = Page & { actor?: string; state?: string; subject_type?: string; subject_id?: string; from?: string; to?: string };

const event = {
  type: 'object',
  properties: {
    seq: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, actor: { type: 'string' }, acting_for: { type: ['string', 'null'] }, action: { type: 'string' },
    subject_type: { type: 'string' }, subject_id: { type: 'string' }, before: {}, after: {},
  },
} as const;

export function auditRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  listRoute<Query, { seq: number; at: string; actor: string; acting_for: string | null; action: string; subject_type: string; subject_id: string; before: unknown; after: unknown }>(app, {
    path: '/api/v1/audit-events',
    schema: {
      summary: `The audit log, newest first (officers and administrators; at most ${AUDIT_LIST_LIMIT} events per query)`,
      tags: ['audit'],
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          actor: { type: 'string', minLength: 1, maxLength: 200, description: 'Text in the actor (e.g. an e-mail, user:…, cli:…).' },
          state: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'The state the actor acted for.' },
          subject_type: { type: 'string', pattern: '^[a-z_]{1,60}$', description: 'The kind of record (draft, document, app_user…).' },
          subject_id: { type: 'string', minLength: 1, maxLength: 300, description: 'The record id (exact).' },
          from: { ...isoDate, description: 'On or after this day (UTC).' },
          to: { ...isoDate, description: 'On or before this day (UTC).' },
          ...pageQuery,
        },
      },
      response: { 200: pagedSchema(event), ...restrictedErrors },
    },
    list: async (q, request) => {
      authorize(request, 'audit.read');
      // Read-your-writes: events committed before this request are chained first (docs/decisions/0013).
      await settleAuditLog(db);
      let sel = db.selectFrom('audit_event').select(['seq', 'at', 'actor', 'acting_for', 'action', 'subject_type', 'subject_id', 'before', 'after']).orderBy('seq', 'desc').limit(AUDIT_LIST_LIMIT);
      if (q.actor) sel = sel.where('actor', 'ilike', likePattern(q.actor));
      if (q.state) sel = sel.where('acting_for', '=', q.state.toUpperCase());
      if (q.subject_type) sel = sel.where('subject_type', '=', q.subject_type);
      if (q.subject_id) sel = sel.where('subject_id', '=', q.subject_id);
      if (q.from) sel = sel.where('at', '>=', `${q.from}T00:00:00Z`);
      if (q.to) sel = sel.where('at', '<', new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000).toISOString());
      return (await sel.execute()).map((e) => ({ ...e, seq: Number(e.seq), at: new Date(e.at).toISOString() }));
    },
    csv: (e) => ({ seq: e.seq, at: e.at, actor: e.actor, acting_for: e.acting_for ?? '', action: e.action, subject_type: e.subject_type, subject_id: e.subject_id, before: e.before === null ? '' : JSON.stringify(e.before), after: e.after === null ? '' : JSON.stringify(e.after) }),
  });
}
