import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { documentHeaders, uploadedFile } from '../../http/documents.js';
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
      const file = await uploadedFile(request);
      const created = await service.attachEvidence(
        request.ctx,
        actorOf(request),
        request.params.id,
        request.params.criterionId,
        file,
      );
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
      return reply.type(found.contentType).headers(documentHeaders(found.fileName)).send(Buffer.from(found.content));
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
