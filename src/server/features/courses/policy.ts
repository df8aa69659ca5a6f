import type { Actor } from '../../context.js';
import { accessFor, type Action } from '#shared/permissions';

/**
 * Courses and their levels belong to the whole municipality: they are not scoped to an
 * administration or a unit. Everyone signed in may read them; creating and changing them (and the
 * levels) needs the permission with access 'any' (training coordinators and administrators).
 */
export type CourseAction = Extract<Action, 'read' | 'create' | 'update'>;

export function can(actor: Pick<Actor, 'permissions'>, action: CourseAction): boolean {
  return accessFor(actor.permissions, action, 'course').includes('any');
}
