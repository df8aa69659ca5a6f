import { z } from 'zod';
import type { AppInstance } from '../../app.js';
import { actorOf, permission, publicAccess } from '../../http/access.js';
import { localeOf } from '../../http/i18n.js';
import { idParams } from '#shared/contracts/common';
import {
  activity,
  activityBody,
  activityList,
  headcountBody,
  hostCandidateList,
  occurrence,
  occurrenceChangeBody,
  occurrenceList,
  occurrenceParams,
  occurrenceWithHeadcount,
  publicActivityList,
  rangeQuery,
  statistics,
  statisticsQuery,
} from '#shared/contracts/activities';
import * as service from './service.js';
import { statisticsCsv } from './statistics.js';

const tags = ['activities'];

export async function activityRoutes(app: AppInstance) {
  const publicLimit = { max: app.appContext.config.rateLimits.public * 5, timeWindow: '1 minute' };

  app.get(
    '/api/activities',
    {
      schema: {
        tags,
        summary: 'The activities: all for administrators, the ones they host for hosts',
        response: { 200: activityList },
      },
      config: { access: permission('read', 'activity') },
    },
    async (request) => service.listActivities(request.ctx, actorOf(request)),
  );

  app.post(
    '/api/activities',
    {
      schema: {
        tags,
        summary: 'Create an activity with its weekly schedule, breaks and hosts',
        body: activityBody,
        response: { 201: activity },
      },
      config: { access: permission('create', 'activity') },
    },
    async (request, reply) => reply.status(201).send(await service.createActivity(request.ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/activities/:id',
    {
      schema: { tags, summary: 'One activity (hosts: only one they host)', params: idParams, response: { 200: activity } },
      config: { access: permission('read', 'activity') },
    },
    async (request) => service.getActivity(request.ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/api/activities/:id',
    {
      schema: {
        tags,
        summary: 'Change an activity: schedule, breaks and hosts are replaced by those sent',
        params: idParams,
        body: activityBody,
        response: { 200: activity },
      },
      config: { access: permission('update', 'activity') },
    },
    async (request) => service.updateActivity(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/activities/:id',
    {
      schema: { tags, summary: 'Delete an activity with its exceptions and headcounts', params: idParams },
      config: { access: permission('delete', 'activity') },
    },
    async (request, reply) => {
      await service.deleteActivity(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/activities/:id/occurrences',
    {
      schema: {
        tags,
        summary: 'The occurrences in a date range, computed from the schedule, with their headcounts',
        params: idParams,
        querystring: rangeQuery,
        response: { 200: occurrenceList },
      },
      config: { access: permission('read', 'activity') },
    },
    async (request) => service.listOccurrences(request.ctx, actorOf(request), request.params.id, request.query),
  );

  app.put(
    '/api/activities/:id/occurrences/:date/change',
    {
      schema: {
        tags,
        summary: 'Cancel (with a reason shown publicly) or move one occurrence, by its scheduled date',
        params: occurrenceParams,
        body: occurrenceChangeBody,
        response: { 200: occurrence },
      },
      config: { access: permission('update', 'activity') },
    },
    async (request) =>
      service.changeOccurrence(request.ctx, actorOf(request), request.params.id, request.params.date, request.body),
  );

  app.delete(
    '/api/activities/:id/occurrences/:date/change',
    {
      schema: {
        tags,
        summary: 'Restore a cancelled or moved occurrence to the schedule',
        params: occurrenceParams,
        response: { 200: occurrence },
      },
      config: { access: permission('update', 'activity') },
    },
    async (request) => service.restoreOccurrence(request.ctx, actorOf(request), request.params.id, request.params.date),
  );

  app.put(
    '/api/activities/:id/occurrences/:date/headcount',
    {
      schema: {
        tags,
        summary: 'Record the number of visitors of a held occurrence: a headcount, never who came',
        params: occurrenceParams,
        body: headcountBody,
        response: { 200: occurrenceWithHeadcount },
      },
      config: { access: permission('update', 'headcount') },
    },
    async (request) =>
      service.recordHeadcount(request.ctx, actorOf(request), request.params.id, request.params.date, request.body),
  );

  app.get(
    '/api/activity-statistics',
    {
      schema: {
        tags,
        summary:
          'Visitors per occurrence, week or month of the range, and per season and year with the change from the year before (administrators: every activity; hosts: theirs)',
        querystring: statisticsQuery,
        response: { 200: statistics },
      },
      config: { access: permission('read', 'headcount') },
    },
    async (request) => service.statistics(request.ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/activity-statistics.csv',
    {
      schema: {
        tags,
        summary: 'The visitor statistics as CSV (semicolons): per occurrence, period, season and year; numbers only',
        querystring: statisticsQuery,
      },
      config: { access: permission('read', 'headcount') },
    },
    async (request, reply) => {
      const stats = await service.statistics(request.ctx, actorOf(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="activity-statistics-${stats.from}-${stats.to}.csv"`)
        .header('cache-control', 'no-store')
        .send(statisticsCsv(stats, localeOf(request)));
    },
  );

  app.get(
    '/api/activity-host-candidates',
    {
      schema: {
        tags,
        summary: 'The users who may be made hosts (active, with the activity host role)',
        response: { 200: hostCandidateList },
      },
      config: { access: permission('update', 'activity') },
    },
    async (request) => service.hostCandidates(request.ctx, actorOf(request)),
  );

  app.get(
    '/api/public/activities',
    {
      schema: {
        tags,
        summary: 'The activities with their upcoming occurrences (from today, eight weeks by default); no login',
        querystring: rangeQuery,
        response: { 200: publicActivityList },
      },
      config: { access: publicAccess, rateLimit: publicLimit },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return service.publicActivities(request.ctx, request.query);
    },
  );

  app.get(
    '/api/public/activities.ics',
    {
      schema: {
        tags,
        summary: 'The activities’ occurrences as an iCalendar feed (the last 30 days and the coming year); no login',
        querystring: z.object({ lang: z.enum(['sv', 'en']).optional() }),
      },
      config: { access: publicAccess, rateLimit: publicLimit },
    },
    async (request, reply) => {
      const body = await service.publicCalendar(request.ctx, request.query.lang ?? localeOf(request));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="activities.ics"')
        .header('cache-control', 'public, max-age=300')
        .send(body);
    },
  );
}
