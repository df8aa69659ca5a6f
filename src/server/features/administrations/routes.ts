import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import {
  administration,
  administrationBody,
  administrationListQuery,
  administrationPage,
  updateAdministrationBody,
} from '#shared/contracts/organisation';
import * as service from './service.js';
import { presentAdministration } from './presenter.js';

const tags = ['administrations'];

export async function administrationRoutes(app: AppInstance) {
  app.get(
    '/api/administrations',
    {
      schema: {
        tags,
        summary: 'List administrations, with process leader, active units and current employees',
        querystring: administrationListQuery,
        response: { 200: administrationPage },
      },
      config: { access: permission('read', 'administration') },
    },
    async (request) => {
      const result = await service.listAdministrations(request.ctx, actorOf(request), request.query);
      return { ...result, items: result.items.map(presentAdministration) };
    },
  );

  app.post(
    '/api/administrations',
    {
      schema: { tags, summary: 'Create an administration', body: administrationBody, response: { 201: administration } },
      config: { access: permission('create', 'administration') },
    },
    async (request, reply) => {
      const view = await service.createAdministration(request.ctx, actorOf(request), request.body);
      return reply.status(201).send(presentAdministration(view));
    },
  );

  app.get(
    '/api/administrations/:id',
    {
      schema: { tags, summary: 'One administration', params: idParams, response: { 200: administration } },
      config: { access: permission('read', 'administration') },
    },
    async (request) => presentAdministration(await service.getAdministration(request.ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/administrations/:id',
    {
      schema: {
        tags,
        summary: 'Change an administration; active: false closes it (when it has no active units), true reopens it',
        params: idParams,
        body: updateAdministrationBody,
        response: { 200: administration },
      },
      config: { access: permission('update', 'administration') },
    },
    async (request) =>
      presentAdministration(await service.updateAdministration(request.ctx, actorOf(request), request.params.id, request.body)),
  );
}
