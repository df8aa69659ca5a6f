import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

/**
 * Who may do what with networks (docs/networks.md). Administrators ('any') everything. Everyone else
 * ('self') sees only the networks they are part of, as the contact person or the manager of a member
 * unit: a network they are not part of does not exist for them (404). A unit's manager ('unit')
 * answers the invitations of their own units, and only those.
 */
export type NetworkActor = Pick<Actor, 'permissions' | 'userId' | 'unitIds'>;

export const readsAllNetworks = (actor: NetworkActor) => accessFor(actor.permissions, 'read', 'network').includes('any');

export const canReadNetwork = (actor: NetworkActor, partOf: boolean) => {
  const access = accessFor(actor.permissions, 'read', 'network');
  return access.includes('any') || (access.includes('self') && partOf);
};

/** Creates and changes networks, their members, meetings, files and links. */
export const canEditNetworks = (actor: NetworkActor) => accessFor(actor.permissions, 'update', 'network').includes('any');

/** Sends and withdraws invitations, and sees every invitation. */
export const canInvite = (actor: NetworkActor) => accessFor(actor.permissions, 'create', 'network_invitation').includes('any');

/** Answers an invitation: only the manager of the invited unit. */
export const canAnswerInvitation = (actor: NetworkActor, unitId: string) =>
  accessFor(actor.permissions, 'update', 'network_invitation').includes('unit') && actor.unitIds.includes(unitId);
