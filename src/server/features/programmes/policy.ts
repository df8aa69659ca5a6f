import type { Actor } from '../../context.js';
import { accessFor, type Action } from '#shared/permissions';

export type ProgrammeActor = Pick<Actor, 'permissions'>;

/**
 * Programmes belong to the whole municipality: only access 'any' counts (administrators and
 * training coordinators for everything; process leaders may read).
 */
export function can(actor: ProgrammeActor, action: Action): boolean {
  return accessFor(actor.permissions, action, 'programme').includes('any');
}
