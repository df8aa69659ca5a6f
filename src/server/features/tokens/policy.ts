import { hasPermission, type Action } from '#shared/permissions';
import type { Actor } from '../../context.js';
import { forbidden, type AppError } from '../../http/errors.js';

export type TokenAction = 'list' | 'create' | 'revoke';

const neededAction: Record<TokenAction, Action> = { list: 'read', create: 'create', revoke: 'delete' };

/**
 * Everyone manages only their own tokens (the repository narrows every query to the owner).
 * A new token needs a browser session: a leaked token must not be able to mint its own successor
 * and so outlive its revocation.
 */
export function denial(actor: Actor, action: TokenAction): AppError | null {
  if (!hasPermission(actor.permissions, neededAction[action], 'token')) return forbidden();
  if (action === 'create' && actor.via === 'token') return forbidden('session_required');
  return null;
}

export const can = (actor: Actor, action: TokenAction) => denial(actor, action) === null;

export function authorize(actor: Actor, action: TokenAction): void {
  const reason = denial(actor, action);
  if (reason) throw reason;
}
