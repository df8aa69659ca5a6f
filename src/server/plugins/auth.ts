import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../context.js';
import { checkAccess } from '../http/access.js';
import { AppError } from '../http/errors.js';
import { actorFromApiToken, actorFromSessionToken } from '../features/auth/service.js';

export const sessionCookie = 'inkludera_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

function secureCookies(request: FastifyRequest): boolean {
  const setting = request.server.appContext.config.cookieSecure;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(request),
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(sessionCookie, { path: '/' });
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1] : null;
}

/** The login form is the one state-changing request made before the browser has a CSRF token of its session; it is checked by origin instead. */
function originMatches(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser cross-site request: browsers always send Origin on POST
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

async function authPlugin(app: FastifyInstance) {
  app.decorateRequest('actor', null);

  app.addHook('onRequest', async (request, reply) => {
    const ctx = request.ctx;
    const bearer = bearerToken(request);
    if (bearer) {
      request.actor = await actorFromApiToken(ctx, bearer);
    } else {
      const token = request.cookies[sessionCookie];
      request.actor = token ? await actorFromSessionToken(ctx, token) : null;
      if (token && !request.actor) clearSessionCookie(reply);
    }

    const access = request.routeOptions.config?.access;
    if (!access) return; // not an API route (static files, 404): nothing to guard
    checkAccess(access, request.actor);

    if (stateChanging.has(request.method) && !bearer) {
      if (request.routeOptions.config?.csrf === 'origin') {
        if (!originMatches(request)) throw new AppError(403, 'origin_mismatch');
        return;
      }
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
      });
    }
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'origin': check the Origin header instead of a CSRF token (login and first-run setup only). */
    csrf?: 'origin';
  }
}

export default fp(authPlugin, { name: 'inkludera-auth', dependencies: ['@fastify/cookie', '@fastify/csrf-protection'] });
