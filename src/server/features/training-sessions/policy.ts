import type { Actor } from '../../context.js';
import { accessFor, type Action } from '#shared/permissions';

/**
 * Sessions are offered to the whole municipality: everyone signed in may read every session (its
 * parts, trainers, capacity and counts; never who is enrolled, which is the enrolments feature's).
 * Planning, changing and cancelling need the permission with access 'any' (training coordinators,
 * administrators); trainers lead sessions but do not plan them.
 */
export type SessionAction = Extract<Action, 'read' | 'create' | 'update'>;

export function can(actor: Pick<Actor, 'permissions'>, action: SessionAction): boolean {
  return accessFor(actor.permissions, action, 'training_session').includes('any');
}
