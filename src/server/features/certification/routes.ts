import type { AppInstance } from '../../app.js';
import { actorOf, permission, publicAccess } from '../../http/access.js';
import { localeOf } from '../../http/i18n.js';
import { idParams } from '#shared/contracts/common';
import {
  certificate,
  certificateList,
  certificateListQuery,
  certificationProcess,
  certificationSettings,
  certificationSettingsView,
  certificationUnitPage,
  certificationUnitsQuery,
  certifyBody,
  confirmationBody,
  criterionParams,
  groupBody,
  openProcessBody,
  processList,
  processListQuery,
  publicRegister,
  revokeBody,
  scheme,
  schemeBody,
  schemeList,
  schemeListQuery,
  unitCertificateVerification,
  updateSchemeBody,
} from '#shared/contracts/certification';
import { certificateCodeParams } from '#shared/contracts/training-records';
import { renderUnitCertificate } from './certificate.js';
import * as service from './service.js';

const tags = ['certification'];

export async function certificationRoutes(app: AppInstance) {
  // ---- Schemes
  app.get(
    '/api/certification-schemes',
    {
      schema: { tags, summary: 'The certification schemes', querystring: schemeListQuery, response: { 200: schemeList } },
      config: { access: permission('read', 'certification_scheme') },
    },
    async (request) =>
      service.listSchemes(
        request.ctx,
        actorOf(request),
        request.query.active === undefined ? undefined : request.query.active === 'true',
      ),
  );

  app.post(
    '/api/certification-schemes',
    {
      schema: { tags, summary: 'Create a scheme with its criteria', body: schemeBody, response: { 201: scheme } },
      config: { access: permission('create', 'certification_scheme') },
    },
    async (request, reply) => reply.status(201).send(await service.createScheme(request.ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/certification-schemes/:id',
    {
      schema: { tags, summary: 'One scheme with its criteria', params: idParams, response: { 200: scheme } },
      config: { access: permission('read', 'certification_scheme') },
    },
    async (request) => service.getScheme(request.ctx, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/certification-schemes/:id',
    {
      schema: {
        tags,
        summary: 'Change a scheme; its criteria (the whole list) only while no unit has started on it (else 409 scheme_in_use)',
        params: idParams,
        body: updateSchemeBody,
        response: { 200: scheme },
      },
      config: { access: permission('update', 'certification_scheme') },
    },
    async (request) => service.updateScheme(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/certification-schemes/:id',
    {
      schema: {
        tags,
        summary: 'Delete a scheme no unit has started on (else 409 scheme_in_use; make it inactive instead)',
        params: idParams,
      },
      config: { access: permission('delete', 'certification_scheme') },
    },
    async (request, reply) => {
      await service.deleteScheme(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/certification/settings',
    {
      schema: {
        tags,
        summary: 'When renewal reminders go out: months before a certificate runs out',
        response: { 200: certificationSettingsView },
      },
      config: { access: permission('read', 'certification_scheme') },
    },
    async (request) => service.getSettings(request.ctx, actorOf(request)),
  );

  app.put(
    '/api/certification/settings',
    {
      schema: {
        tags,
        summary: 'Set the months before expiry at which the unit and the administrators are reminded (for example 6, 3, 1)',
        body: certificationSettings,
        response: { 200: certificationSettingsView },
      },
      config: { access: permission('update', 'certification_scheme') },
    },
    async (request) => service.saveSettings(request.ctx, actorOf(request), request.body),
  );

  // ---- Where the units stand
  app.get(
    '/api/certification/units',
    {
      schema: {
        tags,
        summary:
          'The active units in one’s scope with their certification status (certified, in process, expired, not started) and the counts',
        querystring: certificationUnitsQuery,
        response: { 200: certificationUnitPage },
      },
      config: { access: permission('read', 'certification') },
    },
    async (request) => service.listUnitStatuses(request.ctx, actorOf(request), request.query),
  );

  // ---- Processes
  app.get(
    '/api/certification/processes',
    {
      schema: {
        tags,
        summary: 'Certification processes in one’s scope, newest first',
        querystring: processListQuery,
        response: { 200: processList },
      },
      config: { access: permission('read', 'certification') },
    },
    async (request) => service.listProcesses(request.ctx, actorOf(request), request.query),
  );

  app.post(
    '/api/certification/processes',
    {
      schema: {
        tags,
        summary: 'Open a certification process for a unit (a renewal starts from the last certificate’s group and confirmations)',
        body: openProcessBody,
        response: { 201: certificationProcess },
      },
      config: { access: permission('create', 'certification') },
    },
    async (request, reply) => reply.status(201).send(await service.openProcess(request.ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/certification/processes/:id',
    {
      schema: {
        tags,
        summary: 'A process with its live checklist and working group',
        params: idParams,
        response: { 200: certificationProcess },
      },
      config: { access: permission('read', 'certification') },
    },
    async (request) => service.getProcess(request.ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/api/certification/processes/:id/group',
    {
      schema: {
        tags,
        summary: 'Name the working group: employees of the unit (the whole list)',
        params: idParams,
        body: groupBody,
        response: { 200: certificationProcess },
      },
      config: { access: permission('update', 'certification') },
    },
    async (request) => service.setGroup(request.ctx, actorOf(request), request.params.id, request.body.employeeIds),
  );

  app.put(
    '/api/certification/processes/:id/criteria/:criterionId/confirmation',
    {
      schema: {
        tags,
        summary: 'Confirm a criterion of the kind "confirmed", with its evidence',
        params: criterionParams,
        body: confirmationBody,
        response: { 200: certificationProcess },
      },
      config: { access: permission('update', 'certification') },
    },
    async (request) =>
      service.confirmCriterion(
        request.ctx,
        actorOf(request),
        request.params.id,
        request.params.criterionId,
        request.body.evidence,
      ),
  );

  app.delete(
    '/api/certification/processes/:id/criteria/:criterionId/confirmation',
    {
      schema: { tags, summary: 'Take back a confirmation', params: criterionParams, response: { 200: certificationProcess } },
      config: { access: permission('update', 'certification') },
    },
    async (request) => service.removeConfirmation(request.ctx, actorOf(request), request.params.id, request.params.criterionId),
  );

  app.post(
    '/api/certification/processes/:id/cancel',
    {
      schema: { tags, summary: 'Cancel an open process', params: idParams, response: { 200: certificationProcess } },
      config: { access: permission('update', 'certification') },
    },
    async (request) => service.cancelProcess(request.ctx, actorOf(request), request.params.id),
  );

  // ---- Certificates
  app.post(
    '/api/certificates',
    {
      schema: {
        tags,
        summary: 'Certify the units of these processes, all or none (409 criteria_not_met names each process that is not ready)',
        body: certifyBody,
        response: { 201: certificateList },
      },
      config: { access: permission('create', 'certificate') },
    },
    async (request, reply) => reply.status(201).send(await service.certify(request.ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/certificates',
    {
      schema: {
        tags,
        summary: 'Unit certificates in one’s scope, newest first',
        querystring: certificateListQuery,
        response: { 200: certificateList },
      },
      config: { access: permission('read', 'certificate') },
    },
    async (request) => service.listCertificates(request.ctx, actorOf(request), request.query),
  );

  app.get(
    '/api/certificates/:id',
    {
      schema: {
        tags,
        summary: 'One unit certificate with the snapshot of its criteria',
        params: idParams,
        response: { 200: certificate },
      },
      config: { access: permission('read', 'certificate') },
    },
    async (request) => service.getCertificate(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/certificates/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a certificate, with the reason',
        params: idParams,
        body: revokeBody,
        response: { 200: certificate },
      },
      config: { access: permission('update', 'certificate') },
    },
    async (request) => service.revoke(request.ctx, actorOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/certificates/:id/certificate.pdf',
    {
      schema: { tags, summary: 'The unit’s certificate as a tagged PDF', params: idParams },
      config: { access: permission('read', 'certificate') },
    },
    async (request, reply) => {
      const found = await service.certificateForPdf(request.ctx, actorOf(request), request.params.id);
      const pdf = await renderUnitCertificate(request.ctx, found, localeOf(request));
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${found.certifiedOn}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  // ---- Public: the register and the check
  const publicLimit = { max: app.appContext.config.rateLimits.public, timeWindow: '1 minute' };
  // The register is open data and cached for 5 minutes, but each request that reaches the server
  // reads every valid certificate: a generous limit (five times the check's) keeps a loop from
  // tying up the database while no honest reader or harvester comes near it.
  const registerLimit = { max: app.appContext.config.rateLimits.public * 5, timeWindow: '1 minute' };

  app.get(
    '/api/public/certificates',
    {
      schema: {
        tags,
        summary:
          'Open data: the unit certificates valid today (unit, administration, scheme, issuer, valid from and until); no personal data',
        response: { 200: publicRegister },
      },
      config: { access: publicAccess, rateLimit: registerLimit },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return service.publicRegister(request.ctx);
    },
  );

  app.get(
    '/api/public/certificates.csv',
    {
      schema: {
        tags,
        summary: 'Open data: the same register as CSV (RFC 4180, UTF-8 with a byte order mark, comma-separated, a header row)',
      },
      config: { access: publicAccess, rateLimit: registerLimit },
    },
    async (request, reply) => {
      const register = await service.publicRegister(request.ctx);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="certificates-${register.asOf}.csv"`)
        .header('cache-control', 'public, max-age=300')
        .send(service.registerCsv(register));
    },
  );

  app.get(
    '/api/public/unit-certificates/:code',
    {
      schema: {
        tags,
        summary:
          'Check a unit certificate by its code: the register’s facts and whether it is valid, expired or revoked, or 404 (rate-limited)',
        params: certificateCodeParams,
        response: { 200: unitCertificateVerification },
      },
      config: { access: publicAccess, rateLimit: publicLimit },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.verifyUnitCertificate(request.ctx, request.params.code);
    },
  );
}
