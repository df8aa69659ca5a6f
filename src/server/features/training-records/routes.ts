import type { AppInstance } from '../../app.js';
import { actorOf, permission, publicAccess, signedIn } from '../../http/access.js';
import { idParams } from '#shared/contracts/common';
import { certificateCodeParams, certificateVerification, employeeTraining, myTraining } from '#shared/contracts/training-records';
import * as service from './service.js';

const tags = ['training records'];

export async function trainingRecordRoutes(app: AppInstance) {
  app.get(
    '/api/employees/:id/training',
    {
      schema: {
        tags,
        summary: 'An employee’s training record: every enrolment with hours, completion and refresher (audited)',
        params: idParams,
        response: { 200: employeeTraining },
      },
      config: { access: permission('read', 'employee') },
    },
    async (request) => service.employeeTraining(request.ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/api/my-training',
    {
      schema: {
        tags,
        summary: 'One’s own training: the record, the sessions one is booked or queued on, and those open to one',
        response: { 200: myTraining },
      },
      config: { access: signedIn },
    },
    async (request) => service.myTraining(request.ctx, actorOf(request)),
  );

  app.get(
    '/api/enrolments/:id/certificate.pdf',
    {
      schema: {
        tags,
        summary: 'The certificate of completion of a completed enrolment, as a tagged PDF (audited)',
        params: idParams,
      },
      config: { access: permission('read', 'enrolment') },
    },
    async (request, reply) => {
      const { pdf, filename } = await service.certificate(request.ctx, actorOf(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/public/training-certificates/:code',
    {
      schema: {
        tags,
        summary: 'Check a certificate of completion by its code: who, which course, hours and date, or 404',
        params: certificateCodeParams,
        response: { 200: certificateVerification },
      },
      config: { access: publicAccess, rateLimit: { max: app.appContext.config.rateLimits.public, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.verifyCertificate(request.ctx, request.params.code);
    },
  );
}
