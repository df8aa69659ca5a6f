import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import { createUserBody, updateUserBody, user, userListQuery, userPage } from '#shared/contracts/users';
import * as service from './service.js';

export async function usersRoutes(app: AppInstance) {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List user accounts (search by name or email, filter by role and active)',
        querystring: userListQuery,
        response: { 200: userPage },
      },
      config: { access: permission('read', 'user') },
    },
    async (request) => service.listUsers(request.ctx, actorOf(request), request.query),
  );

  app.post(
    '/api/users',
    {
      schema: { tags: ['users'], summary: 'Create a user account with its roles', body: createUserBody, response: { 201: user } },
      config: { access: permission('create', 'user') },
    },
    async (request, reply) => reply.status(201).send(await service.createUser(request.ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/users/:id',
    {
      schema: { tags: ['users'], summary: 'One user account with its roles', params: idParams, response: { 200: user } },
      config: { access: permission('read', 'user') },
    },
    async (request) => service.getUser(request.ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user account: fields, the full set of roles, or a new password (which ends the user’s sessions)',
        params: idParams,
        body: updateUserBody,
        response: { 200: user },
      },
      config: { access: permission('update', 'user') },
    },
    async (request) => service.updateUser(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/deactivate',
    {
      schema: {
        tags: ['users'],
        summary: 'Deactivate a user account: ends its sessions at once, and its API tokens stop working',
        params: idParams,
        response: { 200: user },
      },
      config: { access: permission('update', 'user') },
    },
    async (request) => service.deactivateUser(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/users/:id/reactivate',
    {
      schema: { tags: ['users'], summary: 'Reactivate a user account', params: idParams, response: { 200: user } },
      config: { access: permission('update', 'user') },
    },
    async (request) => service.reactivateUser(request.ctx, actorOf(request), request.params.id),
  );
}
