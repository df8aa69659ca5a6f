import type { Actor } from '../../context.js';
import { can as canEmployee, type EmployeeActor } from '../employees/policy.js';

/** An employee as the policy places them. */
export type RecordOwner = { id: string; unitId: string; administrationId: string };

/**
 * A training record is part of the employee's personal data: whoever may read the employee may read
 * it (administrators and coordinators anyone, process leaders their administration, unit managers
 * their units, an employee themselves), by the employees' own policy.
 */
export function canReadRecord(actor: EmployeeActor, owner: RecordOwner): boolean {
  return canEmployee(actor, 'read', owner);
}

/**
 * A certificate: the person it was issued to (whatever their roles: a trainer without the employee
 * role has their own certificates too), and those who may read that person's record.
 */
export function canReadCertificate(actor: Pick<Actor, 'employeeId'> & EmployeeActor, owner: RecordOwner): boolean {
  return (actor.employeeId !== null && actor.employeeId === owner.id) || canReadRecord(actor, owner);
}
