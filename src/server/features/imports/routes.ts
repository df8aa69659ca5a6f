import { z } from 'zod';
import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { AppError, badRequest } from '../../http/errors.js';
import { idParams } from '#shared/contracts/common';
import {
  employeeImport,
  employeeImportListQuery,
  employeeImportPage,
  importModes,
  updateImportBody,
} from '#shared/contracts/imports';
import * as service from './service.js';
import { presentImport, presentImportListItem } from './presenter.js';

const uploadFields = z.object({
  mode: z.enum(importModes).optional(),
  createMissingUnits: z.enum(['true', 'false']).optional(),
});

export async function importRoutes(app: AppInstance) {
  app.post(
    '/api/employees/imports',
    {
      schema: {
        tags: ['employees'],
        summary:
          'Upload an HR file (CSV or XLSX, multipart field "file"; optional fields mode=partial|full, createMissingUnits) and get its preview; nothing is written to the employees',
        consumes: ['multipart/form-data'],
        response: { 201: employeeImport },
      },
      config: { access: permission('create', 'employee') },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type');
      const file = await request.file();
      if (!file) throw badRequest('validation_failed', [{ path: 'body.file', message: 'file_missing' }]);
      // The Buffer is a Uint8Array already: no second copy of the file.
      const bytes: Uint8Array = await file.toBuffer();
      const fields = uploadFields.safeParse(
        Object.fromEntries(
          Object.entries(file.fields)
            .filter(([name]) => name !== 'file')
            .map(([name, field]) => [name, field && 'value' in field ? field.value : undefined]),
        ),
      );
      if (!fields.success)
        throw badRequest(
          'validation_failed',
          fields.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })),
        );
      const row = await service.previewImport(
        request.ctx,
        actorOf(request),
        { name: file.filename || 'file', bytes, source: request.actor?.via === 'token' ? 'api' : 'web' },
        { mode: fields.data.mode, createMissingUnits: fields.data.createMissingUnits === 'true' },
      );
      return reply.status(201).send(presentImport(row));
    },
  );

  app.get(
    '/api/employees/imports',
    {
      schema: {
        tags: ['employees'],
        summary: 'The history of employee imports',
        querystring: employeeImportListQuery,
        response: { 200: employeeImportPage },
      },
      config: { access: permission('create', 'employee') },
    },
    async (request) => {
      const page = await service.listImports(request.ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(presentImportListItem) };
    },
  );

  app.get(
    '/api/employees/imports/:id',
    {
      schema: {
        tags: ['employees'],
        summary: 'An import: its preview, problems, and progress while committing',
        params: idParams,
        response: { 200: employeeImport },
      },
      config: { access: permission('create', 'employee') },
    },
    async (request) => presentImport(await service.getImport(request.ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/employees/imports/:id',
    {
      schema: {
        tags: ['employees'],
        summary: 'Correct the column mapping, date format, mode or the choice to create missing units; answers the new preview',
        params: idParams,
        body: updateImportBody,
        response: { 200: employeeImport },
      },
      config: { access: permission('create', 'employee') },
    },
    async (request) =>
      presentImport(await service.updateImportSettings(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/employees/imports/:id/commit',
    {
      schema: {
        tags: ['employees'],
        summary: 'Apply the import in one transaction (all or nothing); answers at once, follow the progress with GET',
        description:
          'With `Accept: application/x-ndjson` the answer instead follows the commit: the import as JSON, one per line, at every step of its progress, ' +
          'and last as it ended (committed or failed). On the embedded database the commit holds its only connection, so this is how to see the progress there.',
        params: idParams,
        response: { 202: employeeImport },
      },
      config: { access: permission('create', 'employee') },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const committing = await service.commitImport(request.ctx, actor, request.params.id);
      if (!request.headers.accept?.includes('application/x-ndjson')) return reply.status(202).send(presentImport(committing));
      // The answer is written as the commit goes, past Fastify's serialiser; the security headers are already on it.
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(202, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
      const send = (row: Parameters<typeof presentImport>[0]) => {
        if (!raw.destroyed) raw.write(`${JSON.stringify(presentImport(row))}\n`);
      };
      send(committing);
      const unfollow = service.followCommit(committing.id, () => send(committing));
      try {
        await service.commitEnded(committing.id);
      } finally {
        unfollow();
      }
      try {
        send(await service.getImport(request.ctx, actor, committing.id));
      } finally {
        raw.end();
      }
    },
  );

  app.delete(
    '/api/employees/imports/:id',
    {
      schema: {
        tags: ['employees'],
        summary: 'Discard a previewed import (its file is deleted)',
        params: idParams,
        response: { 200: employeeImport },
      },
      config: { access: permission('create', 'employee') },
    },
    async (request) => presentImport(await service.discardImport(request.ctx, actorOf(request), request.params.id)),
  );
}
