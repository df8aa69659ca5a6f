import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { documentHeaders, uploadedFile } from '../../http/documents.js';
import { idParams } from '#shared/contracts/common';
import {
  attachmentQuery,
  commentBody,
  planAttachment,
  planComment,
  planDiscussion,
  updateCommentBody,
} from '#shared/contracts/plan-discussion';
import * as service from './discussion-service.js';

const tags = ['action plans'];

/** Comments and attachments on a plan and its goals, actions and indicators. */
export async function planDiscussionRoutes(app: AppInstance) {
  app.get(
    '/api/action-plans/:id/discussion',
    {
      schema: {
        tags,
        summary: "The plan's comments and attachments (without their content), through all its versions",
        params: idParams,
        response: { 200: planDiscussion },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.getDiscussion(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/action-plans/:id/comments',
    {
      schema: {
        tags,
        summary: 'Comment on the plan, or on one of its goals, actions or indicators (anyone who reads plans)',
        params: idParams,
        body: commentBody,
        response: { 201: planComment },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.addComment(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/plan-comments/:id',
    {
      schema: {
        tags,
        summary: 'Change the text of a comment (its author only)',
        params: idParams,
        body: updateCommentBody,
        response: { 200: planComment },
      },
      config: { access: permission('read', 'action_plan') },
    },
    async (request) => service.updateComment(request.ctx, actorOf(request), request.params.id, request.body.body),
  );

  app.delete(
    '/api/plan-comments/:id',
    {
      schema: { tags, summary: 'Remove a comment (its author, or those who may delete the plan)', params: idParams },
      config: { access: permission('read', 'action_plan') },
    },
    async (request, reply) => {
      await service.removeComment(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/action-plans/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Attach a file to the plan or one of its items (multipart field "file"; PDF, Word, Excel, PowerPoint, OpenDocument, text, PNG or JPEG; at most 10 MB, 100 files a plan)',
        consumes: ['multipart/form-data'],
        params: idParams,
        querystring: attachmentQuery,
        response: { 201: planAttachment },
      },
      config: { access: permission('update', 'action_plan') },
    },
    async (request, reply) => {
      const file = await uploadedFile(request);
      const created = await service.attach(request.ctx, actorOf(request), request.params.id, request.query, file);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/plan-attachments/:id',
    {
      schema: { tags, summary: 'Download an attachment', params: idParams },
      config: { access: permission('read', 'action_plan') },
    },
    async (request, reply) => {
      const found = await service.attachmentContent(request.ctx, actorOf(request), request.params.id);
      return reply.type(found.contentType).headers(documentHeaders(found.fileName)).send(Buffer.from(found.content));
    },
  );

  app.delete(
    '/api/plan-attachments/:id',
    {
      schema: { tags, summary: 'Remove an attachment (whoever attached it, or those who may change the plan)', params: idParams },
      config: { access: permission('read', 'action_plan') },
    },
    async (request, reply) => {
      await service.removeAttachment(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
