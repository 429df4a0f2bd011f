import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { randomBytes } from 'node:crypto';
import type { DB } from '../../db/schema.ts';
import { authorize } from '../../http/auth.ts';
import { restrictedErrors } from '../../http/common-schemas.ts';
import { actorId } from '../../policies/actor.ts';
import { AppError } from '../../http/problem.ts';
import { webhookTargetProblem } from './webhook-targets.ts';
import { recordEvent } from '../../audit/audit-log.ts';
import { NOTICE_EVENTS } from './notices.ts';
import { POSITIONS } from './procedure-engine.ts';
import { addVersion, decideAmendment, diffVersions, getDraft, inbox, listDecisions, listDrafts, markRead, openProcedure, proposeAmendment, recordDecision, submitPosition, tableDraft } from './decisions.service.ts';

const errors = restrictedErrors;
const draftId = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^d_[0-9a-f]{12}$' } } } as const;
const texts = { text_en: { type: 'string', maxLength: 100_000 }, text_ru: { type: 'string', maxLength: 100_000 }, text_zh: { type: 'string', maxLength: 100_000 } } as const;
const iso2 = { type: 'string', pattern: '^[A-Za-z]{2}$' } as const;
const open = { type: 'object', additionalProperties: true } as const;

export function decisionsRoutes(app: FastifyInstance, db: Kysely<DB>): void {
  app.get<{ Querystring: { organ?: string; status?: string } }>('/api/v1/drafts', {
    schema: {
      summary: 'Drafts the caller may see (an organ\'s participants see its drafts; everyone sees adopted ones)',
      tags: ['decisions'],
      querystring: { type: 'object', additionalProperties: false, properties: { organ: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' }, status: { enum: ['draft', 'in_procedure', 'adopted', 'rejected', 'withdrawn'] } } },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors },
    },
    handler: async (request) => ({ items: await listDrafts(db, request.actor, request.query) }),
  });

  app.post<{ Body: { organ: string; kind: string; title: string; state?: string; text_en?: string; text_ru?: string; text_zh?: string } }>('/api/v1/drafts', {
    schema: {
      summary: 'Table a draft at an organ, for a member state or (without state) for the Secretariat',
      tags: ['decisions'],
      body: { type: 'object', required: ['organ', 'kind', 'title'], additionalProperties: false, properties: { organ: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$' }, kind: { type: 'string', pattern: '^[a-z_-]{1,40}$' }, title: { type: 'string', minLength: 1, maxLength: 500 }, state: iso2, ...texts } },
      response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await tableDraft(db, request.actor, request.body)),
  });

  app.get<{ Params: { id: string } }>('/api/v1/drafts/:id', {
    schema: { summary: 'A draft: versions, amendments, procedure with positions and outcome, decision, and what the caller may do', tags: ['decisions'], params: draftId, response: { 200: open, ...errors } },
    handler: (request) => getDraft(db, request.actor, request.params.id),
  });

  app.post<{ Params: { id: string }; Body: { text_en?: string; text_ru?: string; text_zh?: string; note?: string } }>('/api/v1/drafts/:id/versions', {
    schema: { summary: 'Save a new version of a draft', tags: ['decisions'], params: draftId, body: { type: 'object', additionalProperties: false, properties: { ...texts, note: { type: 'string', maxLength: 1000 } } }, response: { 201: { type: 'object', properties: { version: { type: 'integer' } } }, ...errors } },
    handler: async (request, reply) => reply.status(201).send(await addVersion(db, request.actor, request.params.id, request.body)),
  });

  app.get<{ Params: { id: string }; Querystring: { from: number; to: number; lang?: 'en' | 'ru' | 'zh' } }>('/api/v1/drafts/:id/diff', {
    schema: {
      summary: 'Compare two versions of a draft, word by word',
      tags: ['decisions'],
      params: draftId,
      querystring: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: { type: 'integer', minimum: 1 }, to: { type: 'integer', minimum: 1 }, lang: { enum: ['en', 'ru', 'zh'], default: 'en' } } },
      response: { 200: open, ...errors },
    },
    handler: (request) => diffVersions(db, request.actor, request.params.id, request.query.from, request.query.to, request.query.lang ?? 'en'),
  });

  app.post<{ Params: { id: string }; Body: { state: string; rationale?: string; text_en?: string; text_ru?: string; text_zh?: string } }>('/api/v1/drafts/:id/amendments', {
    schema: { summary: 'Propose an amendment for a member state', tags: ['decisions'], params: draftId, body: { type: 'object', required: ['state'], additionalProperties: false, properties: { state: iso2, rationale: { type: 'string', maxLength: 5000 }, ...texts } }, response: { 201: { type: 'object', properties: { id: { type: 'string' } } }, ...errors } },
    handler: async (request, reply) => reply.status(201).send(await proposeAmendment(db, request.actor, request.params.id, request.body)),
  });

  app.post<{ Params: { id: string; amendment: string }; Body: { accept: boolean } }>('/api/v1/drafts/:id/amendments/:amendment/decision', {
    schema: {
      summary: 'Accept (making a new version) or reject an amendment',
      tags: ['decisions'],
      params: { type: 'object', required: ['id', 'amendment'], properties: { id: draftId.properties.id, amendment: { type: 'string', pattern: '^a_[0-9a-f]{12}$' } } },
      body: { type: 'object', required: ['accept'], additionalProperties: false, properties: { accept: { type: 'boolean' } } },
      response: { 200: open, ...errors },
    },
    handler: (request) => decideAmendment(db, request.actor, request.params.id, request.params.amendment, request.body.accept),
  });

  app.post<{ Params: { id: string }; Body: { concerned?: string; deadline?: string } }>('/api/v1/drafts/:id/procedure', {
    schema: {
      summary: 'Open the decision procedure the rules give for this organ and kind of draft',
      tags: ['decisions'],
      params: draftId,
      body: { type: 'object', additionalProperties: false, properties: { concerned: iso2, deadline: { type: 'string', format: 'date-time' } } },
      response: { 201: open, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await openProcedure(db, request.actor, request.params.id, request.body ?? {})),
  });

  app.post<{ Params: { id: string }; Body: { state: string; position: string; text?: string } }>('/api/v1/drafts/:id/positions', {
    schema: {
      summary: 'Express a member state\'s position; returns where the procedure stands',
      tags: ['decisions'],
      params: draftId,
      body: { type: 'object', required: ['state', 'position'], additionalProperties: false, properties: { state: iso2, position: { enum: [...POSITIONS] }, text: { type: 'string', maxLength: 10_000 } } },
      response: { 201: open, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await submitPosition(db, request.actor, request.params.id, request.body)),
  });

  app.post<{ Params: { id: string }; Body: { outcome: 'adopted' | 'rejected' | 'withdrawn'; supersedes?: string; meeting?: string } }>('/api/v1/drafts/:id/decision', {
    schema: {
      summary: 'Record the decision (the Secretariat); an adopted draft enters the document registry',
      tags: ['decisions'],
      params: draftId,
      body: { type: 'object', required: ['outcome'], additionalProperties: false, properties: { outcome: { enum: ['adopted', 'rejected', 'withdrawn'] }, supersedes: { type: 'string', pattern: '^dec_[0-9a-f]{12}$' }, meeting: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,60}$', description: 'The meeting where it was adopted.' } } },
      response: { 201: open, ...errors },
    },
    handler: async (request, reply) => reply.status(201).send(await recordDecision(db, request.actor, request.params.id, request.body)),
  });

  app.get('/api/v1/decisions', {
    schema: { summary: 'Adopted decisions (public)', tags: ['decisions'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors } },
    handler: async () => ({ items: await listDecisions(db) }),
  });

  app.get('/api/v1/inbox', {
    schema: { summary: 'Your notices', tags: ['decisions'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors } },
    handler: async (request) => ({ items: await inbox(db, request.actor) }),
  });

  app.post<{ Params: { id: number } }>('/api/v1/inbox/:id/read', {
    schema: { summary: 'Mark a notice read', tags: ['decisions'], params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } }, response: { 204: { type: 'null' }, ...errors } },
    handler: async (request, reply) => {
      await markRead(db, request.actor, request.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/v1/webhooks', {
    schema: { summary: 'Webhook subscriptions (administrators)', tags: ['decisions'], response: { 200: { type: 'object', properties: { items: { type: 'array', items: open } } }, ...errors } },
    handler: async (request) => {
      authorize(request, 'webhooks.manage');
      return { items: await db.selectFrom('webhook').select(['id', 'url', 'events', 'active', 'created_at']).orderBy('created_at').execute() };
    },
  });

  app.post<{ Body: { url: string; events: string[] } }>('/api/v1/webhooks', {
    schema: {
      summary: 'Subscribe an endpoint to notices; the signing secret is shown once',
      tags: ['decisions'],
      body: { type: 'object', required: ['url', 'events'], additionalProperties: false, properties: { url: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 500 }, events: { type: 'array', minItems: 1, items: { enum: ['*', ...NOTICE_EVENTS] } } } },
      response: { 201: { type: 'object', properties: { id: { type: 'string' }, secret: { type: 'string' } } }, ...errors },
    },
    handler: async (request, reply) => {
      authorize(request, 'webhooks.manage');
      const targetProblem = await webhookTargetProblem(request.body.url);
      if (targetProblem) throw new AppError('invalid_request', `url: ${targetProblem}`, [{ field: 'url', message: targetProblem }]);
      const hook = { id: `wh_${randomBytes(6).toString('hex')}`, url: request.body.url, secret: randomBytes(24).toString('base64url'), events: request.body.events, created_by: (request.actor as { userId: string }).userId, created_at: new Date().toISOString(), active: true };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('webhook').values(hook).execute();
        await recordEvent(trx, { actor: actorId(request.actor), action: 'webhook.create', subjectType: 'webhook', subjectId: hook.id, after: { url: hook.url, events: hook.events } });
      });
      return reply.status(201).send({ id: hook.id, secret: hook.secret });
    },
  });
}
