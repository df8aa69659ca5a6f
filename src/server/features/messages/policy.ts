import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';
import type { MessageScope } from './repository.js';

export type MessagesActor = Pick<Actor, 'permissions' | 'administrationIds'>;

/**
 * Citizens' messages: 'any' (administrators) for every message, including those that name no
 * administration; 'administration' (process leaders) for the messages about the administrations
 * they lead, and no others.
 */
export function canOnMessage(
  actor: MessagesActor,
  action: 'read' | 'update',
  message: { administrationId: string | null },
): boolean {
  const levels = accessFor(actor.permissions, action, 'citizen_message');
  if (levels.includes('any')) return true;
  return (
    levels.includes('administration') &&
    message.administrationId !== null &&
    actor.administrationIds.includes(message.administrationId)
  );
}

/** Which messages a list may show. */
export function messageScope(actor: MessagesActor): MessageScope {
  const levels = accessFor(actor.permissions, 'read', 'citizen_message');
  if (levels.includes('any')) return null;
  return { administrationIds: levels.includes('administration') ? actor.administrationIds : [] };
}

/** The retention periods: the administrators' alone ('any'). */
export function canManageRetention(actor: Pick<Actor, 'permissions'>, action: 'read' | 'update'): boolean {
  return accessFor(actor.permissions, action, 'citizen_message_settings').includes('any');
}
