import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifySchema, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { systemClock, type AppContext, type Clock } from './context.js';
import { registerErrorHandling } from './plugins/errors.js';
import authPlugin from './plugins/auth.js';
import { registerOpenApi } from './plugins/openapi.js';
import type { Mailer } from './mail/outbox.js';
import { createMailer } from './mail/outbox.js';
import { featureRoutes } from './features/index.js';
import { errorBody } from '#shared/contracts/common';
import type { RouteAccess } from './http/access.js';

export type AppInstance = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** An /api route as registered: what the role x route matrix and the property tests walk over. */
export type ApiRoute = { method: string; url: string; access: RouteAccess; schema: FastifySchema | undefined };

declare module 'fastify' {
  interface FastifyInstance {
    appContext: AppContext;
    mailer: Mailer;
    apiRoutes: readonly ApiRoute[];
  }
  interface FastifyRequest {
    ctx: AppContext;
  }
}

export type BuildAppOptions = {
  database: Database;
  config: Config;
  clock?: Clock;
  mailer?: Mailer;
  logger?: boolean | object;
};

/** Error answers every route may give; added to each route's OpenAPI description. */
const errorResponses = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 429: errorBody };

export async function buildApp(options: BuildAppOptions): Promise<AppInstance> {
  const { database, config } = options;
  const app = Fastify({
    // Request logs carry method, path and status only: never an address or a user agent (DOMAIN.md privacy rules).
    logger: options.logger
      ? {
          ...(typeof options.logger === 'object' ? options.logger : {}),
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  const ctx: AppContext = { db: database.db, dbKind: database.kind, clock: options.clock ?? systemClock, config };
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.decorate('appContext', ctx);
  app.decorate('mailer', options.mailer ?? createMailer(ctx));
  app.decorateRequest('ctx', {
    getter() {
      return ctx;
    },
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  // A route under /api that does not say who may call it is a programming error: refuse to start.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} declares no access policy (config.access).`);
    }
    if (route.schema) {
      route.schema.response = { ...errorResponses, ...(route.schema.response as object) };
    }
    for (const method of [route.method].flat()) {
      apiRoutes.push({ method, url: route.url, access: route.config.access, schema: route.schema });
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: 'inkludera_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', signed: false },
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'rate_limited', message: `retry in ${context.after}` }),
  });
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1 } });
  await app.register(authPlugin);
  await registerOpenApi(app);

  for (const routes of featureRoutes) {
    await app.register(routes);
  }

  if (config.webRoot && fs.existsSync(path.join(config.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.webRoot, wildcard: false, index: false, maxAge: '1h' });
    const indexHtml = fs.readFileSync(path.join(config.webRoot, 'index.html'), 'utf8');
    app.get('/*', { config: {}, schema: { hide: true } }, async (request, reply) => {
      const file = (request.params as { '*': string })['*'];
      if (file && !file.startsWith('api/') && fs.existsSync(path.join(config.webRoot!, file)) && path.extname(file)) {
        return reply.sendFile(file, { maxAge: file.startsWith('assets/') ? 31_536_000_000 : 3_600_000, immutable: file.startsWith('assets/') });
      }
      if (file.startsWith('api/')) return reply.callNotFound();
      // The single-page app answers every other path; its router shows the 404 page.
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
  }

  return app;
}
