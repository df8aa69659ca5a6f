import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import {
  programme,
  programmeBody,
  programmeListQuery,
  programmePage,
  programmeProgress,
  updateProgrammeBody,
} from '#shared/contracts/programmes';
import * as service from './service.js';

const tags = ['programmes'];

export async function programmeRoutes(app: AppInstance) {
  app.get(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: 'List the training programmes',
        querystring: programmeListQuery,
        response: { 200: programmePage },
      },
      config: { access: permission('read', 'programme') },
    },
    async (request) => service.listProgrammes(request.ctx, actorOf(request), request.query),
  );

  app.post(
    '/api/programmes',
    {
      schema: {
        tags,
        summary: 'Create a programme with its targets and grants, in one audited transaction',
        body: programmeBody,
        response: { 201: programme },
      },
      config: { access: permission('create', 'programme') },
    },
    async (request, reply) => reply.status(201).send(await service.createProgramme(request.ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/programmes/:id',
    {
      schema: { tags, summary: 'One programme with its targets and grants', params: idParams, response: { 200: programme } },
      config: { access: permission('read', 'programme') },
    },
    async (request) => service.getProgramme(request.ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/programmes/:id',
    {
      schema: {
        tags,
        summary: 'Change a programme; targets and grants, when sent, replace the whole lists',
        params: idParams,
        body: updateProgrammeBody,
        response: { 200: programme },
      },
      config: { access: permission('update', 'programme') },
    },
    async (request) => service.updateProgramme(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/programmes/:id',
    {
      schema: { tags, summary: 'Delete a programme (its sessions stay, unlinked)', params: idParams },
      config: { access: permission('delete', 'programme') },
    },
    async (request, reply) => {
      await service.deleteProgramme(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/programmes/:id/progress',
    {
      schema: {
        tags,
        summary: 'Progress towards each target, the linked sessions and the grants summed',
        params: idParams,
        response: { 200: programmeProgress },
      },
      config: { access: permission('read', 'programme') },
    },
    async (request) => service.getProgress(request.ctx, actorOf(request), request.params.id),
  );
}
