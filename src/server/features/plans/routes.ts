import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import {
  actionBody,
  adoptPlanBody,
  planPublicBody,
  copyPlanBody,
  createPlanBody,
  goalBody,
  indicatorBody,
  municipalGoalList,
  plan,
  planAction,
  planChanges,
  planGoal,
  planIndicator,
  planListQuery,
  planPage,
  revisePlanBody,
  updateActionBody,
  updateGoalBody,
  updateIndicatorBody,
  updatePlanBody,
} from '#shared/contracts/plans';
import * as service from './service.js';

const tags = ['action plans'];

export async function planRoutes(app: AppInstance) {
  app.get(
    '/api/action-plans',
    {
      schema: {
        tags,
        summary: "List the action plans (each plan's newest version by default)",
        querystring: planListQuery,
        response: { 200: planPage },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.listPlans(request.ctx, actorOf(request), request.query),
  );

  app.post(
    '/api/action-plans',
    {
      schema: { tags, summary: 'Start a plan: version 1, a draft', body: createPlanBody, response: { 201: plan } },
      config: { access: permission('create', 'action_plan') },
    },
    async (request, reply) => reply.status(201).send(await service.createPlan(request.ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/action-plans/:id',
    {
      schema: {
        tags,
        summary: 'One plan version with its goals, actions, indicators and versions',
        params: idParams,
        response: { 200: plan },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.getPlan(request.ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/action-plans/:id',
    {
      schema: { tags, summary: 'Change a draft', params: idParams, body: updatePlanBody, response: { 200: plan } },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.updatePlan(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/action-plans/:id/public',
    {
      schema: {
        tags,
        summary: 'Show or hide the plan on the public site (a draft or an adopted plan; shown once adopted); audited',
        params: idParams,
        body: planPublicBody,
        response: { 200: plan },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.setPlanPublic(request.ctx, actorOf(request), request.params.id, request.body.isPublic),
  );

  app.delete(
    '/api/action-plans/:id',
    {
      schema: { tags, summary: 'Delete a draft', params: idParams },
      config: { access: permission('delete', 'action_plan') },
    },
    async (request, reply) => {
      await service.deletePlan(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/action-plans/:id/adopt',
    {
      schema: {
        tags,
        summary: 'Adopt a draft; the earlier adopted version is replaced',
        params: idParams,
        body: adoptPlanBody,
        response: { 200: plan },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.adoptPlan(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/action-plans/:id/end',
    {
      schema: { tags, summary: 'End an adopted plan', params: idParams, response: { 200: plan } },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.endPlan(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/action-plans/:id/revise',
    {
      schema: {
        tags,
        summary: 'Start the next version of an adopted plan, as a draft copied from it',
        params: idParams,
        body: revisePlanBody,
        response: { 201: plan },
      },
      config: { access: permission('create', 'action_plan') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.revisePlan(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/action-plans/:id/copy',
    {
      schema: {
        tags,
        summary: 'Start a new plan copied from this one',
        params: idParams,
        body: copyPlanBody,
        response: { 201: plan },
      },
      config: { access: permission('create', 'action_plan') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.copyPlan(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/action-plans/:id/changes',
    {
      schema: { tags, summary: 'What changed since the previous version', params: idParams, response: { 200: planChanges } },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.planChanges(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/action-plans/:id/goals',
    {
      schema: { tags, summary: 'Add a goal to a draft', params: idParams, body: goalBody, response: { 201: planGoal } },
      config: { access: permission('update', 'action_plan') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createGoal(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/plan-goals/municipal',
    {
      schema: { tags, summary: 'The goals of adopted municipal plans, to be served', response: { 200: municipalGoalList } },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.municipalGoals(request.ctx, actorOf(request)),
  );

  app.patch(
    '/api/plan-goals/:id',
    {
      schema: { tags, summary: 'Change a goal of a draft', params: idParams, body: updateGoalBody, response: { 200: planGoal } },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.updateGoal(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/plan-goals/:id',
    {
      schema: { tags, summary: 'Delete a goal of a draft', params: idParams },
      config: { access: permission('update', 'action_plan') },
    },
    async (request, reply) => {
      await service.deleteGoal(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/plan-goals/:id/actions',
    {
      schema: {
        tags,
        summary: 'Add an action to a goal of a draft',
        params: idParams,
        body: actionBody,
        response: { 201: planAction },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createAction(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/plan-actions/:id',
    {
      schema: {
        tags,
        summary: 'Change an action (on an adopted plan only its status)',
        params: idParams,
        body: updateActionBody,
        response: { 200: planAction },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.updateAction(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/plan-actions/:id',
    {
      schema: { tags, summary: 'Delete an action of a draft', params: idParams },
      config: { access: permission('update', 'action_plan') },
    },
    async (request, reply) => {
      await service.deleteAction(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/plan-goals/:id/indicators',
    {
      schema: {
        tags,
        summary: 'Add an indicator to a goal of a draft',
        params: idParams,
        body: indicatorBody,
        response: { 201: planIndicator },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createIndicator(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/plan-indicators/:id',
    {
      schema: {
        tags,
        summary: 'Change an indicator of a draft',
        params: idParams,
        body: updateIndicatorBody,
        response: { 200: planIndicator },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request) => service.updateIndicator(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/plan-indicators/:id',
    {
      schema: { tags, summary: 'Delete an indicator of a draft', params: idParams },
      config: { access: permission('update', 'action_plan') },
    },
    async (request, reply) => {
      await service.deleteIndicator(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
