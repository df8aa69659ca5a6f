import type { AppInstance } from '../../app.js';
import { actorOf, permission } from '../../http/access.js';
import { documentHeaders, uploadedFile } from '../../http/documents.js';
import { idParams } from '#shared/contracts/common';
import {
  acceptBody,
  contactCandidateList,
  declineBody,
  invitation,
  invitationCandidateList,
  invitationList,
  inviteBody,
  inviteResult,
  linkBody,
  meeting,
  meetingBody,
  memberBody,
  memberParams,
  network,
  networkBody,
  networkFile,
  networkLink,
  networkList,
} from '#shared/contracts/networks';
import * as service from './service.js';

const tags = ['networks'];

export async function networkRoutes(app: AppInstance) {
  app.get(
    '/api/networks',
    {
      schema: {
        tags,
        summary: 'The networks: all for administrators, the ones one is part of for others',
        response: { 200: networkList },
      },
      config: { access: permission('read', 'network') },
    },
    async (request) => service.listNetworks(request.ctx, actorOf(request)),
  );

  app.post(
    '/api/networks',
    {
      schema: { tags, summary: 'Create a network', body: networkBody, response: { 201: network } },
      config: { access: permission('create', 'network') },
    },
    async (request, reply) => reply.status(201).send(await service.createNetwork(request.ctx, actorOf(request), request.body)),
  );

  app.get(
    '/api/networks/:id',
    {
      schema: {
        tags,
        summary: 'A network with its members, meetings, documents and links (404 for one you are not part of)',
        params: idParams,
        response: { 200: network },
      },
      config: { access: permission('read', 'network') },
    },
    async (request) => service.getNetwork(request.ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/api/networks/:id',
    {
      schema: {
        tags,
        summary: 'Change the name and description',
        params: idParams,
        body: networkBody,
        response: { 200: network },
      },
      config: { access: permission('update', 'network') },
    },
    async (request) => service.updateNetwork(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/networks/:id/members',
    {
      schema: {
        tags,
        summary: 'Add a member unit or change its contact person',
        params: idParams,
        body: memberBody,
        response: { 200: network },
      },
      config: { access: permission('update', 'network') },
    },
    async (request) => service.setMember(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/networks/:id/members/:unitId',
    {
      schema: { tags, summary: 'Remove a member unit', params: memberParams },
      config: { access: permission('update', 'network') },
    },
    async (request, reply) => {
      await service.removeMember(request.ctx, actorOf(request), request.params.id, request.params.unitId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/units/:id/network-contacts',
    {
      schema: {
        tags,
        summary: "Who may be a unit's contact person: its manager and its employees with an account",
        params: idParams,
        response: { 200: contactCandidateList },
      },
      config: { access: permission('read', 'network') },
    },
    async (request) => service.contactCandidates(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/networks/:id/meetings',
    {
      schema: { tags, summary: 'Add a meeting', params: idParams, body: meetingBody, response: { 201: meeting } },
      config: { access: permission('update', 'network') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createMeeting(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/network-meetings/:id',
    {
      schema: {
        tags,
        summary: 'A meeting with its agenda, minutes and attachments',
        params: idParams,
        response: { 200: meeting },
      },
      config: { access: permission('read', 'network') },
    },
    async (request) => service.getMeeting(request.ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/api/network-meetings/:id',
    {
      schema: {
        tags,
        summary: 'Change a meeting (its time, place, agenda, minutes)',
        params: idParams,
        body: meetingBody,
        response: { 200: meeting },
      },
      config: { access: permission('update', 'network') },
    },
    async (request) => service.updateMeeting(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/network-meetings/:id',
    {
      schema: { tags, summary: 'Remove a meeting with its attachments', params: idParams },
      config: { access: permission('update', 'network') },
    },
    async (request, reply) => {
      await service.deleteMeeting(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/network-meetings/:id/files',
    {
      schema: {
        tags,
        summary: 'Attach a file to a meeting (multipart field "file")',
        params: idParams,
        response: { 201: networkFile },
      },
      config: { access: permission('update', 'network') },
    },
    async (request, reply) => {
      const file = await uploadedFile(request);
      return reply.status(201).send(await service.attach(request.ctx, actorOf(request), { meetingId: request.params.id }, file));
    },
  );

  app.post(
    '/api/networks/:id/files',
    {
      schema: {
        tags,
        summary: 'Add a shared document to the network (multipart field "file")',
        params: idParams,
        response: { 201: networkFile },
      },
      config: { access: permission('update', 'network') },
    },
    async (request, reply) => {
      const file = await uploadedFile(request);
      return reply.status(201).send(await service.attach(request.ctx, actorOf(request), { networkId: request.params.id }, file));
    },
  );

  app.get(
    '/api/network-files/:id',
    {
      schema: { tags, summary: 'Download a document or attachment', params: idParams },
      config: { access: permission('read', 'network') },
    },
    async (request, reply) => {
      const found = await service.fileContent(request.ctx, actorOf(request), request.params.id);
      return reply.type(found.contentType).headers(documentHeaders(found.fileName)).send(Buffer.from(found.content));
    },
  );

  app.delete(
    '/api/network-files/:id',
    {
      schema: { tags, summary: 'Remove a document or attachment', params: idParams },
      config: { access: permission('update', 'network') },
    },
    async (request, reply) => {
      await service.removeFile(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/networks/:id/links',
    {
      schema: { tags, summary: 'Add a shared link', params: idParams, body: linkBody, response: { 201: networkLink } },
      config: { access: permission('update', 'network') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.addLink(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/network-links/:id',
    {
      schema: { tags, summary: 'Remove a shared link', params: idParams },
      config: { access: permission('update', 'network') },
    },
    async (request, reply) => {
      await service.removeLink(request.ctx, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/networks/:id/invitations',
    {
      schema: {
        tags,
        summary: "The network's invitations with their status",
        params: idParams,
        response: { 200: invitationList },
      },
      config: { access: permission('create', 'network_invitation') },
    },
    async (request) => service.listNetworkInvitations(request.ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/api/networks/:id/invitation-candidates',
    {
      schema: {
        tags,
        summary: 'Units that may be invited (not members, no open invitation), marked certified or not',
        params: idParams,
        response: { 200: invitationCandidateList },
      },
      config: { access: permission('create', 'network_invitation') },
    },
    async (request) => service.invitationCandidates(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/networks/:id/invitations',
    {
      schema: {
        tags,
        summary: "Invite units (named, or every unit not certified yet); mails each unit's manager",
        params: idParams,
        body: inviteBody,
        response: { 201: inviteResult },
      },
      config: { access: permission('create', 'network_invitation') },
    },
    async (request, reply) =>
      reply.status(201).send(await service.invite(request.ctx, actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/network-invitations',
    {
      schema: { tags, summary: 'The invitations of the units one manages', response: { 200: invitationList } },
      config: { access: permission('update', 'network_invitation') },
    },
    async (request) => service.myInvitations(request.ctx, actorOf(request)),
  );

  app.get(
    '/api/network-invitations/:id',
    {
      schema: {
        tags,
        summary: 'One invitation (administrators, or the manager of the invited unit)',
        params: idParams,
        response: { 200: invitation },
      },
      config: { access: permission('update', 'network_invitation') },
    },
    async (request) => service.getInvitation(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/network-invitations/:id/withdraw',
    {
      schema: { tags, summary: 'Withdraw an open invitation', params: idParams, response: { 200: invitation } },
      config: { access: permission('delete', 'network_invitation') },
    },
    async (request) => service.withdraw(request.ctx, actorOf(request), request.params.id),
  );

  app.post(
    '/api/network-invitations/:id/accept',
    {
      schema: {
        tags,
        summary: "Accept (the invited unit's manager): the unit becomes a member",
        params: idParams,
        body: acceptBody,
        response: { 200: invitation },
      },
      config: { access: permission('update', 'network_invitation') },
    },
    async (request) => service.accept(request.ctx, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/network-invitations/:id/decline',
    {
      schema: {
        tags,
        summary: "Decline (the invited unit's manager), optionally with a reason",
        params: idParams,
        body: declineBody,
        response: { 200: invitation },
      },
      config: { access: permission('update', 'network_invitation') },
    },
    async (request) => service.decline(request.ctx, actorOf(request), request.params.id, request.body),
  );
}
