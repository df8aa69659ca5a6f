import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '#shared/permissions';
import {
  can,
  canAttendance,
  canEnrolAdministration,
  canEnrolUnit,
  scopeOf,
  seesAllParticipants,
  sourceFor,
  type EnrolmentActor,
} from './policy.js';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const unitA1 = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const unitA2 = 'aaaaaaaa-0000-4000-8000-0000000000a2';
const unitB1 = 'bbbbbbbb-0000-4000-8000-0000000000b1';
const me = 'eeeeeeee-0000-4000-8000-000000000001';
const colleague = 'eeeeeeee-0000-4000-8000-000000000002';

const inA1 = (employeeId: string) => ({ employeeId, unitId: unitA1, administrationId: A });
const inA2 = { employeeId: colleague, unitId: unitA2, administrationId: A };
const inB1 = { employeeId: colleague, unitId: unitB1, administrationId: B };

function actor(
  roles: Role[],
  scope: { administrationIds?: string[]; unitIds?: string[]; employeeId?: string | null } = {},
): EnrolmentActor {
  return {
    permissions: permissionsOf(roles),
    administrationIds: scope.administrationIds ?? [],
    unitIds: scope.unitIds ?? [],
    employeeId: scope.employeeId ?? null,
  };
}

describe('enrolments policy', () => {
  it('lets coordinators and administrators enrol, see and cancel anyone, and whole units and administrations', () => {
    for (const role of ['training_coordinator', 'administrator'] as const) {
      const a = actor([role]);
      for (const action of ['create', 'read', 'delete'] as const) expect(can(a, action, inB1)).toBe(true);
      expect(scopeOf(a, 'read')).toBeNull();
      expect(canEnrolUnit(a, { id: unitB1, administrationId: B })).toBe(true);
      expect(canEnrolAdministration(a, B)).toBe(true);
      expect(sourceFor(a, colleague)).toBe('coordinator');
    }
  });

  it('keeps a unit manager to the staff of their units, and a process leader to their administration', () => {
    const manager = actor(['unit_manager'], { unitIds: [unitA1], employeeId: me });
    expect(can(manager, 'create', inA1(colleague))).toBe(true);
    expect(can(manager, 'create', inA2)).toBe(false);
    expect(canEnrolUnit(manager, { id: unitA1, administrationId: A })).toBe(true);
    expect(canEnrolUnit(manager, { id: unitA2, administrationId: A })).toBe(false);
    expect(canEnrolAdministration(manager, A)).toBe(false);
    expect(scopeOf(manager, 'read')).toEqual({ administrationIds: [], unitIds: [unitA1], employeeIds: [me] });
    expect(sourceFor(manager, colleague)).toBe('manager');
    expect(sourceFor(manager, me)).toBe('self');

    const leader = actor(['process_leader'], { administrationIds: [A] });
    expect(can(leader, 'delete', inA2)).toBe(true);
    expect(can(leader, 'delete', inB1)).toBe(false);
    expect(canEnrolAdministration(leader, A)).toBe(true);
    expect(canEnrolAdministration(leader, B)).toBe(false);
    expect(canEnrolUnit(leader, { id: unitA2, administrationId: A })).toBe(true);
  });

  it('lets an employee act on themselves only, and one without an employee record on nobody', () => {
    const employee = actor(['employee'], { employeeId: me });
    expect(can(employee, 'create', inA1(me))).toBe(true);
    expect(can(employee, 'delete', inA1(colleague))).toBe(false);
    expect(canEnrolUnit(employee, { id: unitA1, administrationId: A })).toBe(false);
    expect(scopeOf(employee, 'read')).toEqual({ administrationIds: [], unitIds: [], employeeIds: [me] });
    expect(scopeOf(actor(['employee']), 'read')).toEqual({ administrationIds: [], unitIds: [], employeeIds: [] });
    expect(can(actor([]), 'read', inA1(me))).toBe(false);
  });

  it('lets trainers read and mark attendance of the sessions they lead only, and see all their participants', () => {
    const trainer = actor(['trainer'], { employeeId: me });
    expect(canAttendance(trainer, 'update', { isTrainer: true })).toBe(true);
    expect(canAttendance(trainer, 'update', { isTrainer: false })).toBe(false);
    expect(seesAllParticipants(trainer, { isTrainer: true })).toBe(true);
    expect(seesAllParticipants(trainer, { isTrainer: false })).toBe(false);
    expect(canAttendance(actor(['training_coordinator']), 'update', { isTrainer: false })).toBe(true);
    for (const role of ['unit_manager', 'process_leader', 'employee'] as const) {
      expect(canAttendance(actor([role]), 'read', { isTrainer: true }), role).toBe(false);
    }
  });
});
