import type { AppInstance } from '../../app.js';
import { publicAccess } from '../../http/access.js';
import { me, setupBody, setupStatus } from '#shared/contracts/auth';
import { setSessionCookie } from '../../plugins/auth.js';
import { createFirstAdministrator, needsSetup } from '../users/service.js';
import { buildActor, login } from '../auth/service.js';
import { presentMe } from '../auth/presenter.js';

export async function setupRoutes(app: AppInstance) {
  app.get(
    '/api/setup',
    {
      schema: { tags: ['setup'], summary: 'Whether the system still needs its first administrator', response: { 200: setupStatus } },
      config: { access: publicAccess },
    },
    async (request) => {
      const empty = await needsSetup(request.ctx);
      return { needsSetup: empty, demoAvailable: empty };
    },
  );

  app.post(
    '/api/setup',
    {
      schema: { tags: ['setup'], summary: 'Create the first administrator (only on an empty system) and log in', body: setupBody, response: { 200: me } },
      config: { access: publicAccess, csrf: 'origin', rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await createFirstAdministrator(request.ctx, request.body);
      const { token, expiresAt, user } = await login(request.ctx, { email: request.body.email, password: request.body.password });
      setSessionCookie(request, reply, token, expiresAt);
      return presentMe(user, await buildActor(request.ctx.db, user, 'session', null));
    },
  );
}
