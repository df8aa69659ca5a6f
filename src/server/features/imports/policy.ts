import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

/** An import writes employees all over the municipality: it needs create and update on every employee. */
export function canImport(actor: Pick<Actor, 'permissions'>): boolean {
  return accessFor(actor.permissions, 'create', 'employee').includes('any') && accessFor(actor.permissions, 'update', 'employee').includes('any');
}
