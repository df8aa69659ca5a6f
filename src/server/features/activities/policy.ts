import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

/**
 * Who may do what with activities. Administrators ('any') everything; a host ('self') sees only the
 * activities they host, with their occurrences and headcounts, and records those headcounts.
 */
export type ActivityActor = Pick<Actor, 'permissions' | 'userId'>;

const reaches = (
  actor: ActivityActor,
  action: 'read' | 'create' | 'update' | 'delete',
  entity: 'activity' | 'headcount',
  hostIds: readonly string[],
) => {
  const access = accessFor(actor.permissions, action, entity);
  return access.includes('any') || (access.includes('self') && hostIds.includes(actor.userId));
};

/** Sees the activity at all (otherwise it does not exist for them: 404). */
export const canReadActivity = (actor: ActivityActor, hostIds: readonly string[]) => reaches(actor, 'read', 'activity', hostIds);
/** Changes the activity, its schedule, breaks, hosts and exceptions. */
export const canEditActivities = (actor: ActivityActor) => accessFor(actor.permissions, 'update', 'activity').includes('any');
export const canReadHeadcounts = (actor: ActivityActor, hostIds: readonly string[]) =>
  reaches(actor, 'read', 'headcount', hostIds);
export const canRecordHeadcount = (actor: ActivityActor, hostIds: readonly string[]) =>
  reaches(actor, 'create', 'headcount', hostIds) && reaches(actor, 'update', 'headcount', hostIds);
/** Reads the headcounts of every activity (otherwise: of the activities one hosts). */
export const readsAllHeadcounts = (actor: ActivityActor) => accessFor(actor.permissions, 'read', 'headcount').includes('any');
