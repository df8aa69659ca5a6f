import type { Actor } from '../../context.js';
import { accessFor, type Action, type Entity } from '#shared/permissions';

export type CertificationActor = Pick<Actor, 'permissions' | 'administrationIds' | 'unitIds'>;

/** The unit acted on. */
export type UnitTarget = { unitId: string; administrationId: string };

/** Schemes belong to the whole municipality: only access 'any' counts. */
export function canScheme(actor: CertificationActor, action: Action): boolean {
  return accessFor(actor.permissions, action, 'certification_scheme').includes('any');
}

/**
 * Processes ('certification') and certificates ('certificate') of a unit: 'any' for every unit,
 * 'administration' for the units of the administrations one leads, 'unit' for the units one manages.
 */
export function canForUnit(
  actor: CertificationActor,
  action: Action,
  entity: Extract<Entity, 'certification' | 'certificate'>,
  unit: UnitTarget,
): boolean {
  const levels = accessFor(actor.permissions, action, entity);
  if (levels.includes('any')) return true;
  if (levels.includes('administration') && actor.administrationIds.includes(unit.administrationId)) return true;
  return levels.includes('unit') && actor.unitIds.includes(unit.unitId);
}

/** Which units a list may show: null for all, else those of these administrations and these units. */
export function readScope(actor: CertificationActor, entity: Extract<Entity, 'certification' | 'certificate'>) {
  const levels = accessFor(actor.permissions, 'read', entity);
  if (levels.includes('any')) return null;
  return {
    administrationIds: levels.includes('administration') ? actor.administrationIds : [],
    unitIds: levels.includes('unit') ? actor.unitIds : [],
  };
}
