import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import { unit, unitBody, unitListQuery, unitPage, updateUnitBody } from '#shared/contracts/organisation';
import * as service from './service.js';
import { presentUnit } from './presenter.js';

const tags = ['units'];

export async function unitRoutes(app: AppInstance) {
  app.get(
    '/api/units',
    {
      schema: {
        tags,
        summary: 'List units, with manager and current employees',
        querystring: unitListQuery,
        response: { 200: unitPage },
      },
      config: { access: permission('read', 'unit') },
    },
    async (request) => {
      const result = await service.listUnits(request.ctx, actorOf(request), request.query);
      return { ...result, items: result.items.map(presentUnit) };
    },
  );

  app.post(
    '/api/units',
    {
      schema: {
        tags,
        summary: 'Create a unit (administrators; process leaders in their administration)',
        body: unitBody,
        response: { 201: unit },
      },
      config: { access: permission('create', 'unit') },
    },
    async (request, reply) => {
      const view = await service.createUnit(request.ctx, actorOf(request), request.body);
      return reply.status(201).send(presentUnit(view));
    },
  );

  app.get(
    '/api/units/:id',
    {
      schema: { tags, summary: 'One unit', params: idParams, response: { 200: unit } },
      config: { access: permission('read', 'unit') },
    },
    async (request) => presentUnit(await service.getUnit(request.ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/units/:id',
    {
      schema: {
        tags,
        summary:
          'Change a unit; active: false closes it (when it has no current employees). Unit managers: name, code and worksWithChildren of their own units',
        params: idParams,
        body: updateUnitBody,
        response: { 200: unit },
      },
      config: { access: permission('update', 'unit') },
    },
    async (request) => presentUnit(await service.updateUnit(request.ctx, actorOf(request), request.params.id, request.body)),
  );
}
