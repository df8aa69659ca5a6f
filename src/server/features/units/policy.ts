import type { Actor } from '../../context.js';
import { accessFor, type Action } from '#shared/permissions';

/**
 * read, create and update are the permissions of the same name. close (and reopen), move (to
 * another administration) and assignManager are parts of update that change the organisation
 * itself or who leads it: a unit manager may not grant the manager role or close their own unit,
 * so these need update access 'any' or 'administration'.
 */
export type UnitAction = 'read' | 'create' | 'update' | 'close' | 'move' | 'assignManager';

/** The unit acted on; for create (and for a move's destination) only its administration. */
export type UnitTarget = { id?: string; administrationId: string };

export type UnitActor = Pick<Actor, 'permissions' | 'administrationIds' | 'unitIds'>;

const permissionFor: Record<UnitAction, Action> = {
  read: 'read',
  create: 'create',
  update: 'update',
  close: 'update',
  move: 'update',
  assignManager: 'update',
};

export function can(actor: UnitActor, action: UnitAction, unit: UnitTarget): boolean {
  const levels = accessFor(actor.permissions, permissionFor[action], 'unit');
  if (levels.includes('any')) return true;
  if (levels.includes('administration') && actor.administrationIds.includes(unit.administrationId)) return true;
  if (action === 'read' || action === 'update') {
    return levels.includes('unit') && unit.id !== undefined && actor.unitIds.includes(unit.id);
  }
  return false;
}

/** Which units a list may show: null for all of them, else those of these administrations and these units. */
export function readScope(actor: UnitActor): { administrationIds: string[]; unitIds: string[] } | null {
  const levels = accessFor(actor.permissions, 'read', 'unit');
  if (levels.includes('any')) return null;
  return {
    administrationIds: levels.includes('administration') ? actor.administrationIds : [],
    unitIds: levels.includes('unit') ? actor.unitIds : [],
  };
}
