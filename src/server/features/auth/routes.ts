import { z } from 'zod';
import type { AppInstance } from '../../app.js';
import { actorOf, publicAccess, signedIn } from '../../http/access.js';
import { changePasswordBody, csrfToken, localeBody, loginBody, me, sessionInfo } from '#shared/contracts/auth';
import { idParams, okBody } from '#shared/contracts/common';
import { clearSessionCookie, setSessionCookie } from '../../plugins/auth.js';
import * as service from './service.js';
import { presentMe, presentSession } from './presenter.js';

export async function authRoutes(app: AppInstance) {
  app.get(
    '/api/auth/csrf',
    {
      schema: { tags: ['auth'], summary: 'A CSRF token for state-changing requests from the browser', response: { 200: csrfToken } },
      config: { access: publicAccess },
    },
    async (_request, reply) => ({ token: reply.generateCsrf() }),
  );

  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], summary: 'Log in; sets the session cookie', body: loginBody, response: { 200: me } },
      config: {
        access: publicAccess,
        csrf: 'origin',
        rateLimit: { max: app.appContext.config.rateLimits.login, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const { token, expiresAt, user } = await service.login(request.ctx, request.body);
      setSessionCookie(request, reply, token, expiresAt);
      const actor = await service.buildActor(request.ctx.db, user, 'session', null);
      return presentMe(user, actor);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Log out; ends this session', response: { 200: okBody } },
      config: { access: signedIn },
    },
    async (request, reply) => {
      await service.logout(request.ctx, actorOf(request));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags: ['auth'], summary: 'The signed-in user, roles and permissions', response: { 200: me } },
      config: { access: signedIn },
    },
    async (request) => {
      const result = await service.me(request.ctx, actorOf(request));
      return presentMe(result.user, result.actor);
    },
  );

  app.put(
    '/api/auth/password',
    {
      schema: { tags: ['auth'], summary: 'Change one’s own password (ends one’s other sessions)', body: changePasswordBody, response: { 200: okBody } },
      config: { access: signedIn },
    },
    async (request) => {
      await service.changePassword(request.ctx, actorOf(request), request.body);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/auth/locale',
    {
      schema: { tags: ['auth'], summary: 'Remember one’s language', body: localeBody, response: { 200: okBody } },
      config: { access: signedIn },
    },
    async (request) => {
      await service.setLocale(request.ctx, actorOf(request), request.body.locale);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/sessions',
    {
      schema: { tags: ['auth'], summary: 'One’s own live sessions', response: { 200: z.array(sessionInfo) } },
      config: { access: signedIn },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await service.listSessions(request.ctx, actor);
      return rows.map((row) => presentSession(row, actor));
    },
  );

  app.delete(
    '/api/auth/sessions/:id',
    {
      schema: { tags: ['auth'], summary: 'End one of one’s own sessions', params: idParams, response: { 200: okBody } },
      config: { access: signedIn },
    },
    async (request) => {
      await service.revokeOwnSession(request.ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
