import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

export type EnrolmentAction = 'create' | 'read' | 'delete';

/** The person an enrolment is (or would be) for, placed in their current unit. */
export type EnrolmentTarget = { employeeId: string; unitId: string; administrationId: string };

export type EnrolmentActor = Pick<Actor, 'permissions' | 'administrationIds' | 'unitIds' | 'employeeId'>;

/**
 * Access 'any': everyone (training coordinators, administrators); 'administration': the staff of the
 * administrations one leads (process leaders); 'unit': the staff of the units one manages; 'self':
 * one's own employee record (users.employee_id).
 */
export function can(actor: EnrolmentActor, action: EnrolmentAction, target: EnrolmentTarget): boolean {
  const levels = accessFor(actor.permissions, action, 'enrolment');
  if (levels.includes('any')) return true;
  if (levels.includes('administration') && actor.administrationIds.includes(target.administrationId)) return true;
  if (levels.includes('unit') && actor.unitIds.includes(target.unitId)) return true;
  return levels.includes('self') && actor.employeeId !== null && actor.employeeId === target.employeeId;
}

/** Whose enrolments a list shows: null for everyone, else the union of these (possibly nobody). */
export type EnrolmentScope = { administrationIds: string[]; unitIds: string[]; employeeIds: string[] } | null;

export function scopeOf(actor: EnrolmentActor, action: EnrolmentAction): EnrolmentScope {
  const levels = accessFor(actor.permissions, action, 'enrolment');
  if (levels.includes('any')) return null;
  return {
    administrationIds: levels.includes('administration') ? actor.administrationIds : [],
    unitIds: levels.includes('unit') ? actor.unitIds : [],
    employeeIds: levels.includes('self') && actor.employeeId ? [actor.employeeId] : [],
  };
}

/**
 * Whole units or administrations at once: within the same scope as single people, so a unit
 * manager may enrol a unit they manage and a process leader their administration.
 */
export function canEnrolUnit(actor: EnrolmentActor, unit: { id: string; administrationId: string }): boolean {
  const levels = accessFor(actor.permissions, 'create', 'enrolment');
  return (
    levels.includes('any') ||
    (levels.includes('administration') && actor.administrationIds.includes(unit.administrationId)) ||
    (levels.includes('unit') && actor.unitIds.includes(unit.id))
  );
}

export function canEnrolAdministration(actor: EnrolmentActor, administrationId: string): boolean {
  const levels = accessFor(actor.permissions, 'create', 'enrolment');
  return levels.includes('any') || (levels.includes('administration') && actor.administrationIds.includes(administrationId));
}

/**
 * Attendance of a session: access 'any' (coordinators, administrators) everywhere; 'self' (trainers)
 * on the sessions they are a trainer of (session_trainers). Marking (update) includes the walk-ins.
 */
export function canAttendance(actor: Pick<Actor, 'permissions'>, action: 'read' | 'update', session: { isTrainer: boolean }) {
  const levels = accessFor(actor.permissions, action, 'attendance');
  return levels.includes('any') || (levels.includes('self') && session.isTrainer);
}

/**
 * Who sees every participant of a session: those who read every enrolment, and those who may read
 * the session's attendance (its trainers), who need the whole list to mark it.
 */
export function seesAllParticipants(actor: EnrolmentActor, session: { isTrainer: boolean }): boolean {
  return scopeOf(actor, 'read') === null || canAttendance(actor, 'read', session);
}

/** How an enrolment came about, for the record: oneself, a manager, or the coordinator's office. */
export function sourceFor(actor: EnrolmentActor, employeeId: string): 'self' | 'manager' | 'coordinator' {
  if (actor.employeeId === employeeId) return 'self';
  return accessFor(actor.permissions, 'create', 'enrolment').includes('any') ? 'coordinator' : 'manager';
}
