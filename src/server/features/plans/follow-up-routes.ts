import type { AppInstance } from '../../app.js';
import { actorOf, permission, signedIn } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import {
  createPeriodBody,
  defaultPeriodsBody,
  followUpBody,
  followUpParams,
  followUpPeriod,
  followUpPeriodList,
  periodListQuery,
  periodStatus,
  planFollowUp,
  updatePeriodBody,
} from '#shared/contracts/plan-follow-up';
import * as service from './follow-up-service.js';

const tags = ['action plans: follow-up'];

/** The follow-up of action plans: periods, the reports of a plan for a period, and who has reported. */
export async function followUpRoutes(app: AppInstance) {
  app.get(
    '/api/plans/periods',
    {
      schema: {
        tags,
        summary: 'The follow-up periods of a year',
        querystring: periodListQuery,
        response: { 200: followUpPeriodList },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.listPeriods(request.ctx, actorOf(request), request.query.year),
  );

  app.post(
    '/api/plans/periods',
    {
      schema: {
        tags,
        summary: 'Add a follow-up period (administrators)',
        body: createPeriodBody,
        response: { 201: followUpPeriod },
      },
      config: { access: permission('create', 'action_plan') },
    },
    async (request, reply) => reply.status(201).send(await service.createPeriod(request.ctx, actorOf(request), request.body)),
  );

  app.post(
    '/api/plans/periods/defaults',
    {
      schema: {
        tags,
        summary: 'Add the usual periods (delår 1, delår 2, helår) to a year that has none (administrators)',
        body: defaultPeriodsBody,
        response: { 201: followUpPeriodList },
      },
      config: { access: permission('create', 'action_plan') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createDefaultPeriods(request.ctx, actorOf(request), request.body)),
  );

  app.patch(
    '/api/plans/periods/:id',
    {
      schema: {
        tags,
        summary: 'Change a follow-up period (administrators)',
        params: idParams,
        body: updatePeriodBody,
        response: { 200: followUpPeriod },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.updatePeriod(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/plans/periods/:id',
    {
      schema: { tags, summary: 'Delete a follow-up period that has no reports (administrators)', params: idParams },
      config: { access: permission('delete', 'action_plan') },
    },
    async (request, reply) => {
      await service.deletePeriod(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/plans/periods/:id/status',
    {
      schema: {
        tags,
        summary: 'Who has and has not reported for a period, in the plans one may write',
        params: idParams,
        response: { 200: periodStatus },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.periodStatus(request.ctx, actorOf(request), request.params.id),
  );

  // Those responsible for an action report it even without the plan permission: signed in, and the service decides.
  app.get(
    '/api/action-plans/:id/periods',
    {
      schema: {
        tags,
        summary: "The follow-up periods of a plan's years",
        params: idParams,
        response: { 200: followUpPeriodList },
      },
      config: { access: signedIn },
    },
    async (request) => service.planPeriods(request.ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/api/action-plans/:id/follow-ups/:periodId',
    {
      schema: {
        tags,
        summary: "A plan's follow-up for a period: its goals, actions and indicators with their reports",
        params: followUpParams,
        response: { 200: planFollowUp },
      },
      config: { access: signedIn },
    },
    async (request) => service.getFollowUp(request.ctx, actorOf(request), request.params.id, request.params.periodId),
  );

  app.put(
    '/api/action-plans/:id/follow-ups/:periodId',
    {
      schema: {
        tags,
        summary: "Report on a plan for a period: actions' status, indicators' outcomes, goals' assessments",
        params: followUpParams,
        body: followUpBody,
        response: { 200: planFollowUp },
      },
      config: { access: signedIn },
    },
    async (request) =>
      service.saveFollowUp(request.ctx, actorOf(request), request.params.id, request.params.periodId, request.body),
  );
}
