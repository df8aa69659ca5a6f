import type { AppInstance } from '../../app.js';
import { actorOf, permission, signedIn } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import {
  course,
  courseBody,
  courseListQuery,
  coursePage,
  trainingLevel,
  trainingLevelBody,
  trainingLevelList,
  updateCourseBody,
  updateTrainingLevelBody,
} from '#shared/contracts/courses';
import { presentCourse, presentLevel } from './presenter.js';
import * as service from './service.js';

const tags = ['courses'];

export async function courseRoutes(app: AppInstance) {
  app.get(
    '/api/courses',
    {
      schema: {
        tags,
        summary: 'List courses, with search, filters, sorting and paging',
        querystring: courseListQuery,
        response: { 200: coursePage },
      },
      config: { access: permission('read', 'course') },
    },
    async (request) => {
      const result = await service.listCourses(request.ctx, actorOf(request), request.query);
      return { ...result, items: result.items.map(presentCourse) };
    },
  );

  app.post(
    '/api/courses',
    {
      schema: { tags, summary: 'Create a course', body: courseBody, response: { 201: course } },
      config: { access: permission('create', 'course') },
    },
    async (request, reply) => {
      const row = await service.createCourse(request.ctx, actorOf(request), request.body);
      return reply.status(201).send(presentCourse(row));
    },
  );

  app.get(
    '/api/courses/:id',
    {
      schema: { tags, summary: 'One course', params: idParams, response: { 200: course } },
      config: { access: permission('read', 'course') },
    },
    async (request) => presentCourse(await service.getCourse(request.ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/courses/:id',
    {
      schema: {
        tags,
        summary: 'Change a course; a new completion threshold re-derives who has completed it',
        params: idParams,
        body: updateCourseBody,
        response: { 200: course },
      },
      config: { access: permission('update', 'course') },
    },
    async (request) => presentCourse(await service.updateCourse(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/training-levels',
    {
      schema: { tags, summary: 'The training levels, lowest rank first', response: { 200: trainingLevelList } },
      config: { access: signedIn },
    },
    async (request) => ({ items: (await service.listLevels(request.ctx)).map(presentLevel) }),
  );

  app.post(
    '/api/training-levels',
    {
      schema: { tags, summary: 'Add a training level', body: trainingLevelBody, response: { 201: trainingLevel } },
      config: { access: permission('update', 'course') },
    },
    async (request, reply) => {
      const row = await service.createLevel(request.ctx, actorOf(request), request.body);
      return reply.status(201).send(presentLevel(row));
    },
  );

  app.patch(
    '/api/training-levels/:id',
    {
      schema: {
        tags,
        summary: 'Change a training level (names, rank, active)',
        params: idParams,
        body: updateTrainingLevelBody,
        response: { 200: trainingLevel },
      },
      config: { access: permission('update', 'course') },
    },
    async (request) => presentLevel(await service.updateLevel(request.ctx, actorOf(request), request.params.id, request.body)),
  );
}
