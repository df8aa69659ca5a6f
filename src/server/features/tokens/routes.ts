import { z } from 'zod';
import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams, okBody } from '#shared/contracts/common';
import { apiToken, createTokenBody, createdToken } from '#shared/contracts/tokens';
import * as service from './service.js';
import { presentToken } from './presenter.js';

export async function tokensRoutes(app: AppInstance) {
  app.get(
    '/api/tokens',
    {
      schema: { tags: ['tokens'], summary: 'One’s own personal API tokens that are not revoked (expired ones included)', response: { 200: z.array(apiToken) } },
      config: { access: permission('read', 'token') },
    },
    async (request) => (await service.listTokens(request.ctx, actorOf(request))).map(presentToken),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create a personal API token; the secret is in this answer only. Needs a browser session.',
        body: createTokenBody,
        response: { 201: createdToken },
      },
      config: { access: permission('create', 'token') },
    },
    async (request, reply) => {
      const { row, token } = await service.createToken(request.ctx, actorOf(request), request.body);
      // The secret must not linger in a shared cache or the browser's back-forward cache.
      reply.header('cache-control', 'no-store');
      return reply.status(201).send({ ...presentToken(row), token });
    },
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: { tags: ['tokens'], summary: 'Revoke one of one’s own API tokens', params: idParams, response: { 200: okBody } },
      config: { access: permission('delete', 'token') },
    },
    async (request) => {
      await service.revokeToken(request.ctx, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
