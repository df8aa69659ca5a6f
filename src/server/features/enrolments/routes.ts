import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import {
  attendanceBody,
  cancelResult,
  enrolBody,
  enrolmentParams,
  enrolResult,
  partAttendance,
  partParams,
  sessionEnrolments,
  walkInCandidates,
  walkInQuery,
} from '#shared/contracts/enrolments';
import { presentAttendance, presentParticipants } from './presenter.js';
import * as service from './service.js';

const tags = ['enrolments'];

/**
 * Enrolment (anmälan) with the waiting list, and attendance (närvaro) per part. The routes name the
 * widest permission that can apply; the service narrows by access level and, for trainers, by
 * whether they lead the session (policy.ts).
 */
export async function enrolmentRoutes(app: AppInstance) {
  app.get(
    '/api/training-sessions/:id/enrolments',
    {
      schema: {
        tags,
        summary:
          'The enrolled and the waiting list of a session: all for coordinators and the session’s trainers, one’s staff for managers, oneself for employees (audited)',
        params: idParams,
        response: { 200: sessionEnrolments },
      },
      config: { access: permission('read', 'enrolment') },
    },
    async (request) => {
      const { session, complete, rows, totals } = await service.listParticipants(
        request.ctx,
        actorOf(request),
        request.params.id,
      );
      return presentParticipants(session.id, session.capacity, complete, rows, totals);
    },
  );

  app.post(
    '/api/training-sessions/:id/enrolments',
    {
      schema: {
        tags,
        summary:
          'Sign up: an empty body signs up oneself; employees, units or administrations within one’s scope. Full: the waiting list',
        params: idParams,
        body: enrolBody,
        response: { 200: enrolResult },
      },
      config: { access: permission('create', 'enrolment') },
    },
    async (request) => service.enrol(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/training-sessions/:id/enrolments/:employeeId',
    {
      schema: {
        tags,
        summary: 'Cancel a place (oneself, one’s staff, or anyone for coordinators); the seat goes to the first in line',
        params: enrolmentParams,
        response: { 200: cancelResult },
      },
      config: { access: permission('delete', 'enrolment') },
    },
    async (request) => service.cancel(request.ctx, actorOf(request), request.params.id, request.params.employeeId),
  );

  app.get(
    '/api/training-sessions/:id/parts/:partId/attendance',
    {
      schema: {
        tags,
        summary: 'Everyone enrolled with their mark on one part (the session’s trainers and coordinators; audited)',
        params: partParams,
        response: { 200: partAttendance },
      },
      config: { access: permission('read', 'attendance') },
    },
    async (request) =>
      presentAttendance(await service.getAttendance(request.ctx, actorOf(request), request.params.id, request.params.partId)),
  );

  app.put(
    '/api/training-sessions/:id/parts/:partId/attendance',
    {
      schema: {
        tags,
        summary: 'Mark a part (today or earlier): all marks and walk-ins in one request; attended hours and completion follow',
        params: partParams,
        body: attendanceBody,
        response: { 200: partAttendance },
      },
      config: { access: permission('update', 'attendance') },
    },
    async (request) =>
      presentAttendance(
        await service.markAttendance(request.ctx, actorOf(request), request.params.id, request.params.partId, request.body),
      ),
  );

  app.get(
    '/api/training-sessions/:id/walk-in-candidates',
    {
      schema: {
        tags,
        summary:
          'Find a walk-in by name or employee number: current employees not yet enrolled (the session’s trainers and coordinators; audited)',
        params: idParams,
        querystring: walkInQuery,
        response: { 200: walkInCandidates },
      },
      config: { access: permission('update', 'attendance') },
    },
    async (request) => ({ items: await service.findWalkIns(request.ctx, actorOf(request), request.params.id, request.query.q) }),
  );
}
