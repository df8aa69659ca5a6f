import type { Actor } from '../../context.js';
import { accessFor } from '#shared/permissions';

export type EmployeeAction = 'read' | 'create' | 'update';

/** The employee acted on, placed in a unit; for create (and a move's destination unit) without id. */
export type EmployeeTarget = { id?: string; unitId: string; administrationId: string };

export type EmployeeActor = Pick<Actor, 'permissions' | 'administrationIds' | 'unitIds' | 'employeeId' | 'roles'>;

/**
 * Access 'any': everyone (administrators, training coordinators); 'administration': employees of
 * the units of the administrations one leads; 'unit': of the units one manages; 'self': one's own
 * employee record (users.employee_id), and for reading only: whoever could change their own unit
 * could move themselves anywhere.
 */
export function can(actor: EmployeeActor, action: EmployeeAction, employee: EmployeeTarget): boolean {
  const levels = accessFor(actor.permissions, action, 'employee');
  if (levels.includes('any')) return true;
  if (levels.includes('administration') && actor.administrationIds.includes(employee.administrationId)) return true;
  if (levels.includes('unit') && actor.unitIds.includes(employee.unitId)) return true;
  return (
    action === 'read' &&
    levels.includes('self') &&
    employee.id !== undefined &&
    actor.employeeId !== null &&
    actor.employeeId === employee.id
  );
}

/** The employees a list may show: null for everyone, else the union of these (possibly nothing). */
export type EmployeeScope = { administrationIds: string[]; unitIds: string[]; employeeIds: string[] } | null;

export function readScope(actor: EmployeeActor): EmployeeScope {
  const levels = accessFor(actor.permissions, 'read', 'employee');
  if (levels.includes('any')) return null;
  return {
    administrationIds: levels.includes('administration') ? actor.administrationIds : [],
    unitIds: levels.includes('unit') ? actor.unitIds : [],
    employeeIds: levels.includes('self') && actor.employeeId ? [actor.employeeId] : [],
  };
}

/**
 * Gender is kept for aggregate statistics only. An individual's gender is shown to the roles that
 * keep the register (administrators and training coordinators), never to managers or colleagues,
 * and not through the employee's own view either.
 */
export function canSeeGender(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => r.role === 'administrator' || r.role === 'training_coordinator');
}
