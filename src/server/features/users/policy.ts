import { hasPermission, type Action } from '#shared/permissions';
import type { Actor } from '../../context.js';
import { conflict, forbidden, type AppError } from '../../http/errors.js';

export type UserAction = 'list' | 'read' | 'create' | 'update' | 'deactivate' | 'reactivate';

const neededAction: Record<UserAction, Action> = {
  list: 'read',
  read: 'read',
  create: 'create',
  update: 'update',
  deactivate: 'update',
  reactivate: 'update',
};

/**
 * Why the actor may not do this to this account, or null when they may. Accounts are managed by
 * administrators only (permission 'user'); nobody deactivates themselves, since an administrator
 * could otherwise lock the last way in.
 */
export function denial(actor: Actor, action: UserAction, target?: { id: string }): AppError | null {
  if (!hasPermission(actor.permissions, neededAction[action], 'user')) return forbidden();
  if (action === 'deactivate' && target?.id === actor.userId) return conflict('cannot_deactivate_self');
  return null;
}

export const can = (actor: Actor, action: UserAction, target?: { id: string }) => denial(actor, action, target) === null;

export function authorize(actor: Actor, action: UserAction, target?: { id: string }): void {
  const reason = denial(actor, action, target);
  if (reason) throw reason;
}
