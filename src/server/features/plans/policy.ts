import type { Actor } from '../../context.js';
import { accessFor, type Action } from '#shared/permissions';

export type PlanActor = Pick<Actor, 'permissions' | 'administrationIds' | 'unitIds'>;
/** Where a plan sits: its scope, and the administration of its unit for unit plans. */
export type PlanPlace = {
  scope: string;
  administrationId: string | null;
  unitId: string | null;
  unitAdministrationId: string | null;
};

/** Everyone with read access reads every plan. */
export function canRead(actor: PlanActor): boolean {
  return accessFor(actor.permissions, 'read', 'action_plan').length > 0;
}

/**
 * Writing: 'any' writes every plan; 'administration' the plans of one's administrations and of their
 * units; 'unit' the plans of one's units. Municipal plans only with 'any'.
 */
export function canWrite(actor: PlanActor, action: Action, place: PlanPlace): boolean {
  const access = accessFor(actor.permissions, action, 'action_plan');
  if (access.includes('any')) return true;
  if (place.scope === 'municipality') return false;
  if (access.includes('administration')) {
    const administrationId = place.scope === 'administration' ? place.administrationId : place.unitAdministrationId;
    if (administrationId && actor.administrationIds.includes(administrationId)) return true;
  }
  if (access.includes('unit') && place.scope === 'unit' && place.unitId && actor.unitIds.includes(place.unitId)) return true;
  return false;
}
