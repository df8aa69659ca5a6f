import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

export type CoverageActor = Pick<Actor, 'permissions' | 'administrationIds' | 'unitIds'>;

/** What coverage is asked about: the municipality, an administration, or a unit (in its administration). */
export type CoverageTarget =
  | { kind: 'municipality' }
  | { kind: 'administration'; administrationId: string }
  | { kind: 'unit'; unitId: string; administrationId: string };

/**
 * read:coverage 'any' (administrators, training coordinators): everything; 'administration'
 * (process leaders): their administration and its units; 'unit' (unit managers): their units.
 */
export function can(actor: CoverageActor, target: CoverageTarget): boolean {
  const levels = accessFor(actor.permissions, 'read', 'coverage');
  if (levels.includes('any')) return true;
  if (target.kind === 'municipality') return false;
  if (levels.includes('administration') && actor.administrationIds.includes(target.administrationId)) return true;
  return target.kind === 'unit' && levels.includes('unit') && actor.unitIds.includes(target.unitId);
}

/**
 * The scope shown when none is asked for: the municipality for 'any'; else the administration one
 * leads; else the unit one manages (or, for several, those units together); null: none at all.
 */
export function defaultScope(
  actor: CoverageActor,
): { kind: 'municipality' } | { kind: 'administration'; administrationId: string } | { kind: 'units'; unitIds: string[] } | null {
  const levels = accessFor(actor.permissions, 'read', 'coverage');
  if (levels.includes('any')) return { kind: 'municipality' };
  if (levels.includes('administration') && actor.administrationIds.length > 0) {
    return { kind: 'administration', administrationId: actor.administrationIds[0] };
  }
  if (levels.includes('unit') && actor.unitIds.length > 0) return { kind: 'units', unitIds: [...actor.unitIds].sort() };
  return null;
}
