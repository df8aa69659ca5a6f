import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

/** The public site's settings (texts, accessibility statement, contact persons): the administrators' alone ('any'). */
export function canManagePublicSite(actor: Pick<Actor, 'permissions'>, action: 'read' | 'update'): boolean {
  return accessFor(actor.permissions, action, 'public_site').includes('any');
}
