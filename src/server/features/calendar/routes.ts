import type { AppInstance } from '../../app.js';
import { actorOf, permission, publicAccess, signedIn } from '../../http/access.js';
import { localeOf } from '../../http/i18n.js';
import { idParams, okBody } from '#shared/contracts/common';
import { calendarFeedCreated, calendarTokenParams } from '#shared/contracts/training-records';
import * as service from './service.js';

const tags = ['calendar'];
const calendarType = 'text/calendar; charset=utf-8';

export async function calendarRoutes(app: AppInstance) {
  app.get(
    '/api/training-sessions/:id/calendar.ics',
    {
      schema: { tags, summary: 'A session’s parts as an iCalendar file (one event per part)', params: idParams },
      config: { access: permission('read', 'training_session') },
    },
    async (request, reply) => {
      const body = await service.sessionCalendar(request.ctx, request.params.id, actorOf(request).locale ?? localeOf(request));
      return reply
        .type(calendarType)
        .header('content-disposition', `attachment; filename="training-session-${request.params.id}.ics"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.post(
    '/api/calendar-feed',
    {
      schema: {
        tags,
        summary: 'Make (or replace) one’s personal calendar address; the address is shown this once',
        response: { 201: calendarFeedCreated },
      },
      config: { access: signedIn },
    },
    async (request, reply) => reply.status(201).send(await service.createFeed(request.ctx, actorOf(request))),
  );

  app.delete(
    '/api/calendar-feed',
    {
      schema: { tags, summary: 'Revoke one’s personal calendar address', response: { 200: okBody } },
      config: { access: signedIn },
    },
    async (request) => {
      await service.deleteFeed(request.ctx, actorOf(request));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/public/calendar/:token',
    {
      schema: {
        tags,
        summary: 'A person’s training calendar (iCalendar) behind their secret address: the sessions they attend or train',
        params: calendarTokenParams,
      },
      config: { access: publicAccess, rateLimit: { max: app.appContext.config.rateLimits.public, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const body = await service.personalCalendar(request.ctx, request.params.token);
      return reply.type(calendarType).header('cache-control', 'private, no-store').send(body);
    },
  );
}
