import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import {
  cancelSessionBody,
  sessionBody,
  sessionListQuery,
  trainerList,
  trainingSession,
  trainingSessionPage,
  updateSessionBody,
} from '#shared/contracts/training-sessions';
import { presentSession } from './presenter.js';
import * as service from './service.js';

const tags = ['training-sessions'];

export async function trainingSessionRoutes(app: AppInstance) {
  app.get(
    '/api/training-sessions',
    {
      schema: {
        tags,
        summary: 'List sessions (soonest first), with enrolled and waiting counts; filters by course, period, status and trainer',
        querystring: sessionListQuery,
        response: { 200: trainingSessionPage },
      },
      config: { access: permission('read', 'training_session') },
    },
    async (request) => {
      const result = await service.listSessions(request.ctx, actorOf(request), request.query);
      return { ...result, items: result.items.map(presentSession) };
    },
  );

  app.post(
    '/api/training-sessions',
    {
      schema: {
        tags,
        summary: 'Plan a session of a course, in one or more parts, with its capacity, trainers and who may sign up',
        body: sessionBody,
        response: { 201: trainingSession },
      },
      config: { access: permission('create', 'training_session') },
    },
    async (request, reply) => {
      const view = await service.createSession(request.ctx, actorOf(request), request.body);
      return reply.status(201).send(presentSession(view));
    },
  );

  app.get(
    '/api/training-sessions/:id',
    {
      schema: { tags, summary: 'One session', params: idParams, response: { 200: trainingSession } },
      config: { access: permission('read', 'training_session') },
    },
    async (request) => presentSession(await service.getSession(request.ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/training-sessions/:id',
    {
      schema: {
        tags,
        summary:
          'Change a session: a higher capacity promotes from the waiting list, new dates, times or places are mailed to everyone enrolled and waiting',
        params: idParams,
        body: updateSessionBody,
        response: { 200: trainingSession },
      },
      config: { access: permission('update', 'training_session') },
    },
    async (request) =>
      presentSession(await service.updateSession(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/training-sessions/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a session with a reason; everyone enrolled and waiting is told by mail',
        params: idParams,
        body: cancelSessionBody,
        response: { 200: trainingSession },
      },
      config: { access: permission('update', 'training_session') },
    },
    async (request) =>
      presentSession(await service.cancelSession(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/trainers',
    {
      schema: { tags, summary: 'The users who may lead sessions: active, with the trainer role', response: { 200: trainerList } },
      config: { access: permission('read', 'training_session') },
    },
    async (request) => ({ items: await service.listTrainers(request.ctx) }),
  );
}
