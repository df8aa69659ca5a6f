import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

/** The part of the organisation an overview counts: null for all of it, 'none' for no part of it. */
export type OverviewScope = { administrationIds: string[]; unitIds: string[] } | null | 'none';

export type OverviewActor = Pick<Actor, 'permissions' | 'administrationIds' | 'unitIds'>;

/**
 * The overview counts what one is responsible for: everything (administrators, training
 * coordinators), one's administration (process leaders), one's units (unit managers), or both
 * for someone who is both. Access 'self' alone (employees, trainers, hosts) is responsible for no
 * part of the organisation: there is nothing to count, rather than a misleading 0.
 */
export function overviewScope(actor: OverviewActor): OverviewScope {
  const levels = accessFor(actor.permissions, 'read', 'overview');
  if (levels.includes('any')) return null;
  if (!levels.includes('administration') && !levels.includes('unit')) return 'none';
  return {
    administrationIds: levels.includes('administration') ? actor.administrationIds : [],
    unitIds: levels.includes('unit') ? actor.unitIds : [],
  };
}

/** Users and the mail outbox are system administration: their counts only for those who may read them. */
export const seesUsers = (actor: Pick<Actor, 'permissions'>) => accessFor(actor.permissions, 'read', 'user').includes('any');
export const seesMail = (actor: Pick<Actor, 'permissions'>) => accessFor(actor.permissions, 'read', 'outbox').includes('any');

/** The training to plan (the yearly rule, new employees without training): for those who plan courses everywhere. */
export const seesTrainingPlanning = (actor: Pick<Actor, 'permissions'>) =>
  accessFor(actor.permissions, 'update', 'course').includes('any');
