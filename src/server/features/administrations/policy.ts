import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

export type AdministrationAction = 'read' | 'create' | 'update';

/**
 * Administrations are the municipality's own structure: whoever may read one reads them all, and
 * only access 'any' (administrators) creates, changes, closes them or names their process leader.
 */
export function can(actor: Pick<Actor, 'permissions'>, action: AdministrationAction): boolean {
  return accessFor(actor.permissions, action, 'administration').includes('any');
}
