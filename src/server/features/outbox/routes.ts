import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import { outboxInfo, outboxListQuery, outboxMessage, outboxPage } from '#shared/contracts/system';
import * as service from './service.js';
import { presentMessage } from './presenter.js';

export async function outboxRoutes(app: AppInstance) {
  app.get(
    '/api/outbox',
    {
      schema: {
        tags: ['outbox'],
        summary: 'Outgoing mail, newest first (administrators)',
        querystring: outboxListQuery,
        response: { 200: outboxPage },
      },
      config: { access: permission('read', 'outbox') },
    },
    async (request) => {
      const result = await service.listMessages(request.ctx, actorOf(request), request.query);
      return { ...result, items: result.items.map(presentMessage) };
    },
  );

  app.get(
    '/api/outbox/info',
    {
      schema: { tags: ['outbox'], summary: 'Whether mail is sent (SMTP configured) or only kept in the outbox', response: { 200: outboxInfo } },
      config: { access: permission('read', 'outbox') },
    },
    async () => ({ smtpConfigured: app.mailer.smtpConfigured }),
  );

  app.get(
    '/api/outbox/:id',
    {
      schema: { tags: ['outbox'], summary: 'One outgoing message', params: idParams, response: { 200: outboxMessage } },
      config: { access: permission('read', 'outbox') },
    },
    async (request) => presentMessage(await service.getMessage(request.ctx, actorOf(request), request.params.id)),
  );

  app.post(
    '/api/outbox/:id/retry',
    {
      schema: { tags: ['outbox'], summary: 'Send a failed message again: back to pending with fresh attempts', params: idParams, response: { 200: outboxMessage } },
      config: { access: permission('update', 'outbox') },
    },
    async (request) => presentMessage(await service.retryMessage(request.ctx, actorOf(request), request.params.id)),
  );
}
