import type { FastifyRequest } from 'fastify';
import type { Action, Entity } from '#shared/permissions';
import { hasPermission } from '#shared/permissions';
import type { Actor } from '../context.js';
import { forbidden, unauthorized } from './errors.js';

/**
 * Every route declares who may call it, in its config. A route without it cannot be registered
 * (see app.ts), so nothing slips through unguarded. Finer rules (own unit, own administration)
 * are in each feature's policy.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'permission'; action: Action; entity: Entity };

export const publicAccess: RouteAccess = { kind: 'public' };
export const signedIn: RouteAccess = { kind: 'signed-in' };
export const permission = (action: Action, entity: Entity): RouteAccess => ({ kind: 'permission', action, entity });

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export function checkAccess(access: RouteAccess, actor: Actor | null): void {
  if (access.kind === 'public') return;
  if (!actor) throw unauthorized();
  if (access.kind === 'permission' && !hasPermission(actor.permissions, access.action, access.entity)) {
    throw forbidden();
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
