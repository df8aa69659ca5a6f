import { hasPermission } from '#shared/permissions';
import type { Actor } from '../../context.js';
import { forbidden } from '../../http/errors.js';

export type OutboxAction = 'read' | 'retry';

/** The outbox holds people's addresses and what was written to them: administrators only (permission 'outbox'). */
export const can = (actor: Actor, action: OutboxAction) => hasPermission(actor.permissions, action === 'read' ? 'read' : 'update', 'outbox');

export function authorize(actor: Actor, action: OutboxAction): void {
  if (!can(actor, action)) throw forbidden();
}
