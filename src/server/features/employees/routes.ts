import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import {
  employeeBody,
  employeeDetail,
  employeeListQuery,
  employeePage,
  updateEmployeeBody,
} from '#shared/contracts/organisation';
import * as service from './service.js';
import { presentEmployee, presentEmployeeDetail, viewerOf } from './presenter.js';

const tags = ['employees'];

export async function employeeRoutes(app: AppInstance) {
  app.get(
    '/api/employees',
    {
      schema: {
        tags,
        summary: 'List the employees within one’s scope (audited: the filter is logged)',
        querystring: employeeListQuery,
        response: { 200: employeePage },
      },
      config: { access: permission('read', 'employee') },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // The answer is cached as sent: serialised here by the route's own response schema, byte for byte as before.
      const body = await service.listEmployeesAnswer(request.ctx, actor, request.query, (page, viewer) =>
        String(reply.serialize({ ...page, items: page.items.map((row) => presentEmployee(row, viewer)) })),
      );
      // A string with a JSON content type is sent as it is (the schema's serialiser already made it).
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  app.post(
    '/api/employees',
    {
      schema: { tags, summary: 'Create an employee in a unit', body: employeeBody, response: { 201: employeeDetail } },
      config: { access: permission('create', 'employee') },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { row, history } = await service.createEmployee(request.ctx, actor, request.body);
      return reply.status(201).send(presentEmployeeDetail(row, history, viewerOf(actor, request.ctx.clock.now())));
    },
  );

  app.get(
    '/api/employees/:id',
    {
      schema: {
        tags,
        summary: 'One employee with unit history (audited); 404 outside one’s scope',
        params: idParams,
        response: { 200: employeeDetail },
      },
      config: { access: permission('read', 'employee') },
    },
    async (request) => {
      const actor = actorOf(request);
      const { row, history } = await service.getEmployee(request.ctx, actor, request.params.id);
      return presentEmployeeDetail(row, history, viewerOf(actor, request.ctx.clock.now()));
    },
  );

  app.patch(
    '/api/employees/:id',
    {
      schema: {
        tags,
        summary: 'Change an employee; a new unitId moves them (history kept), endDate ends the employment',
        params: idParams,
        body: updateEmployeeBody,
        response: { 200: employeeDetail },
      },
      config: { access: permission('update', 'employee') },
    },
    async (request) => {
      const actor = actorOf(request);
      const { row, history } = await service.updateEmployee(request.ctx, actor, request.params.id, request.body);
      return presentEmployeeDetail(row, history, viewerOf(actor, request.ctx.clock.now()));
    },
  );
}
