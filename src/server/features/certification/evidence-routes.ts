import { create as contentDisposition } from 'content-disposition';
import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { AppError, badRequest } from '../../http/errors.js';
import { idParams } from '#shared/contracts/common';
import { criterionParams } from '#shared/contracts/certification';
import { evidenceFile, evidenceFileList, evidenceFileParams } from '#shared/contracts/certification-evidence';
import * as service from './evidence-service.js';

const tags = ['certification'];

/** Files of evidence for the confirmed criteria of a process: listed, attached, downloaded, removed. */
export async function evidenceRoutes(app: AppInstance) {
  app.get(
    '/api/certification/processes/:id/evidence',
    {
      schema: {
        tags,
        summary: 'The evidence files of a process (without their content)',
        params: idParams,
        response: { 200: evidenceFileList },
      },
      config: { access: permission('read', 'certification') },
    },
    async (request) => service.listEvidence(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/certification/processes/:id/criteria/:criterionId/evidence',
    {
      schema: {
        tags,
        summary:
          'Attach a file of evidence to a confirmed criterion of an open process (multipart field "file"; PDF, Word, Excel, PowerPoint, OpenDocument, text, PNG or JPEG; at most 10 MB, 20 files a criterion)',
        consumes: ['multipart/form-data'],
        params: criterionParams,
        response: { 201: evidenceFile },
      },
      config: { access: permission('update', 'certification') },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type');
      const file = await request.file();
      if (!file) throw badRequest('validation_failed', [{ path: 'body.file', message: 'file_missing' }]);
      const bytes = new Uint8Array(await file.toBuffer());
      const created = await service.attachEvidence(request.ctx, actorOf(request), request.params.id, request.params.criterionId, {
        name: file.filename,
        bytes,
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/certification/processes/:id/evidence/:fileId',
    {
      schema: { tags, summary: 'Download an evidence file', params: evidenceFileParams },
      config: { access: permission('read', 'certification') },
    },
    async (request, reply) => {
      const found = await service.evidenceContent(request.ctx, actorOf(request), request.params.id, request.params.fileId);
      return reply
        .type(found.contentType)
        .header('content-disposition', contentDisposition(found.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(found.content));
    },
  );

  app.delete(
    '/api/certification/processes/:id/evidence/:fileId',
    {
      schema: { tags, summary: 'Remove an evidence file from an open process', params: evidenceFileParams },
      config: { access: permission('update', 'certification') },
    },
    async (request, reply) => {
      await service.removeEvidence(request.ctx, actorOf(request), request.params.id, request.params.fileId);
      return reply.status(204).send();
    },
  );
}
