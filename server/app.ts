/** Builds the HTTP application: errors, OpenAPI, the API modules, the AKN resolver and the portal. */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.ts';
import { projectRoot } from './config.ts';
import { frameworkErrors, problemSchema, registerProblemHandlers } from './http/problem.ts';
import { JSON_BODY_LIMIT, registerEdge } from './http/edge.ts';
import { calendarDateFormat } from './http/common-schemas.ts';
import { registerAuth } from './http/auth.ts';
import { registerResponseCache } from './http/response-cache.ts';
import { lazySchemas, rememberSchemas } from './http/lazy-schemas.ts';
import type { Database } from './db/client.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { decisionsRoutes } from './modules/decisions/decisions.routes.ts';
import { implementationRoutes } from './modules/implementation/implementation.routes.ts';
import { organisationRoutes } from './organisation/organisation.routes.ts';
import { membershipRoutes } from './modules/membership/membership.routes.ts';
import { organsRoutes } from './modules/organs/organs.routes.ts';
import { chairmanshipRoutes } from './modules/chairmanship/chairmanship.routes.ts';
import { meetingsRoutes } from './modules/meetings/meetings.routes.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { listingRoutes } from './modules/listing/listing.routes.ts';
import { screeningRoutes } from './modules/screening/screening.routes.ts';
import { settlementRoutes } from './modules/settlement/settlement.routes.ts';
import { ScreeningService } from './modules/screening/screening.service.ts';
import { economyRoutes } from './modules/economy/economy.routes.ts';
import { corridorRoutes } from './modules/economy/corridors.routes.ts';
import { depositaryRoutes } from './modules/depositary/depositary.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { textsRoutes } from './modules/texts/texts.routes.ts';
import { commitmentsRoutes } from './modules/commitments/commitments.routes.ts';
import { relationsRoutes } from './modules/relations/relations.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { startAuditChainer } from './audit/audit-chainer.ts';
import { translationsRoutes } from './modules/translations/translations.routes.ts';
import { documentKey } from './reference/reference-files.ts';
import { infosecRoutes } from './modules/infosec/infosec.routes.ts';
import { exerciseRoutes } from './modules/infosec/exercises.routes.ts';
import type { InfosecNode } from './modules/infosec/infosec.service.ts';
import type { SharingLink } from './modules/infosec/sharing-link.ts';

export interface AppOptions {
  db: Kysely<DB>;
  logLevel?: string;
  /** Directory of the built portal (web/dist); the portal is not served when it is missing. */
  webDir?: string;
  /** Sign-in attempts allowed per client address and minute. */
  signInsPerMinute?: number;
  /** Days a screening query is kept in the screening log. */
  screeningLogDays?: number;
  /**
   * The database's change notices (`Database.listen`): when given, sessions and the answers of the
   * reads listed in server/http/response-cache.ts are kept in memory until the data change.
   */
  listen?: Database['listen'];
  /** Proxies believed about client address and protocol (Fastify's `trustProxy`); see config.ts. */
  trustProxy?: boolean | number | string;
  /** The information-security node this instance is, and its link to peers once started. */
  infosec?: { node: InfosecNode; link?: () => SharingLink | undefined };
  /** Runs the audit chainer (docs/decisions/0013); off only where no data is served (the OpenAPI writer). */
  chainAudit?: boolean;
}

export const API_VERSION = '0.1.0';

export async function buildApp({ db, logLevel = 'warn', webDir = path.join(projectRoot, 'web', 'dist'), signInsPerMinute = 10, screeningLogDays = 90, listen, trustProxy = false, infosec, chainAudit = true }: AppOptions): Promise<FastifyInstance> {
  // Route schemas are compiled on a route's first use, not at start (docs/decisions/0014).
  const schemas = lazySchemas();
  const app = Fastify({
    logger: { level: logLevel },
    schemaController: schemas.schemaController,
    // Bad input is answered with a problem, never coerced into something else.
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: false }, onCreate: calendarDateFormat },
    routerOptions: { maxParamLength: 300 },
    // A hop count believes the nearest `n` proxies.
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    frameworkErrors,
    // Routes that take files set their own limit; everything else is a small JSON body.
    bodyLimit: JSON_BODY_LIMIT,
  });
  rememberSchemas(app, schemas);
  app.addSchema(problemSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Secretariat API', version: API_VERSION, description: 'The institutional registry of the Shanghai Cooperation Organisation: states and statuses, organs, chairmanships, meetings and documents. Errors are RFC 9457 problem+json. Every list is also available as CSV (Accept: text/csv or a .csv suffix).' },
      servers: [{ url: '/' }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  registerProblemHandlers(app);
  // Audit events are written unchained; this links them into the hash chain after their commit
  // (docs/decisions/0013): a write request's answer means its transaction ended, so it wakes it.
  if (chainAudit) {
    const chainer = startAuditChainer(db, { onError: (e) => app.log.error({ err: e }, 'audit chainer') });
    app.addHook('onResponse', (request, _reply, done) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') chainer.wake();
      done();
    });
    app.addHook('onClose', () => chainer.stop());
  }
  // First: an anonymous answer kept in memory is sent before any other hook runs, with the
  // headers its computed copy had; signed-in ones are looked up after authentication.
  const cache = listen ? registerResponseCache(app) : undefined;
  await registerEdge(app);
  // Limits apply per route (sign-in), not globally.
  await app.register(rateLimit, { global: false });
  const sessions = await registerAuth(app, db, listen);
  if (listen && cache) {
    cache.afterAuth(sessions);
    const unlisten = await listen('secretariat_changed', () => cache.invalidate(), (on) => cache.setListening(on));
    app.addHook('onClose', unlisten);
  }

  await app.register(async (api) => {
    organisationRoutes(api, db);
    membershipRoutes(api, db);
    organsRoutes(api, db);
    chairmanshipRoutes(api, db);
    meetingsRoutes(api, db);
    documentsRoutes(api, db);
    accountsRoutes(api, db, signInsPerMinute);
    decisionsRoutes(api, db);
    implementationRoutes(api, db);
    listingRoutes(api, db);
    screeningRoutes(api, new ScreeningService(db, screeningLogDays));
    settlementRoutes(api, db);
    economyRoutes(api, db);
    corridorRoutes(api, db);
    depositaryRoutes(api, db);
    searchRoutes(api, db);
    textsRoutes(api, db);
    commitmentsRoutes(api, db);
    relationsRoutes(api, db);
    translationsRoutes(api, db);
    auditRoutes(api, db);
    infosecRoutes(api, db, infosec?.node, infosec?.link ?? (() => undefined));
    exerciseRoutes(api, db);
    api.get('/api/v1/openapi.json', { schema: { hide: true } }, () => app.swagger());
    // Akoma Ntoso URIs resolve to the document's page (or its JSON for API clients).
    api.get('/akn/*', { schema: { hide: true } }, (request, reply) => {
      const key = documentKey(request.url.split('?')[0]!);
      const json = (request.headers.accept ?? '').includes('application/json');
      return reply.redirect(json ? `/api/v1/documents/${key}` : `/documents/${key}`, 303);
    });
  });

  if (fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false });
    // The portal routes on the client: any other GET outside /api gets its index page.
    app.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/')) return reply.callNotFound();
      return reply.sendFile('index.html');
    });
  }
  return app;
}
