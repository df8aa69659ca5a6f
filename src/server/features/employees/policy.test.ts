import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '#shared/permissions';
import { can, canSeeGender, readScope, type EmployeeActor } from './policy.js';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const unitA = 'aaaaaaaa-0000-4000-8000-0000000000a1';
const unitB = 'bbbbbbbb-0000-4000-8000-0000000000b1';
const inA = { id: 'eeeeeeee-0000-4000-8000-00000000000a', unitId: unitA, administrationId: A };
const inB = { id: 'eeeeeeee-0000-4000-8000-00000000000b', unitId: unitB, administrationId: B };

function actor(
  roles: Role[],
  scope: { administrationIds?: string[]; unitIds?: string[]; employeeId?: string | null } = {},
): EmployeeActor {
  return {
    permissions: permissionsOf(roles),
    roles: roles.map((role) => ({ role, administrationId: null, unitId: null })),
    administrationIds: scope.administrationIds ?? [],
    unitIds: scope.unitIds ?? [],
    employeeId: scope.employeeId ?? null,
  };
}

describe('employees policy', () => {
  it('lets administrators and training coordinators read and change everyone', () => {
    for (const role of ['administrator', 'training_coordinator'] as Role[]) {
      const someone = actor([role]);
      for (const action of ['read', 'create', 'update'] as const) expect(can(someone, action, inB)).toBe(true);
      expect(readScope(someone)).toBeNull();
      expect(canSeeGender(someone)).toBe(true);
    }
  });

  it('lets a process leader read their administration, and change no one', () => {
    const leader = actor(['process_leader'], { administrationIds: [A] });
    expect(can(leader, 'read', inA)).toBe(true);
    expect(can(leader, 'read', inB)).toBe(false);
    expect(can(leader, 'update', inA)).toBe(false);
    expect(can(leader, 'create', inA)).toBe(false);
    expect(readScope(leader)).toEqual({ administrationIds: [A], unitIds: [], employeeIds: [] });
    expect(canSeeGender(leader)).toBe(false);
  });

  it('lets a unit manager read their units only', () => {
    const manager = actor(['unit_manager'], { unitIds: [unitA] });
    expect(can(manager, 'read', inA)).toBe(true);
    expect(can(manager, 'read', { ...inA, unitId: 'cccccccc-0000-4000-8000-0000000000c1' })).toBe(false);
    expect(can(manager, 'read', inB)).toBe(false);
    expect(can(manager, 'update', inA)).toBe(false);
    expect(readScope(manager)).toEqual({ administrationIds: [], unitIds: [unitA], employeeIds: [] });
    expect(canSeeGender(manager)).toBe(false);
  });

  it('lets an employee read only their own record, and not through a unit they are in', () => {
    const employee = actor(['employee'], { employeeId: inA.id, unitIds: [unitA], administrationIds: [A] });
    expect(can(employee, 'read', inA)).toBe(true);
    expect(can(employee, 'read', { ...inA, id: 'eeeeeeee-0000-4000-8000-0000000000ff' })).toBe(false);
    expect(can(employee, 'update', inA)).toBe(false);
    expect(readScope(employee)).toEqual({ administrationIds: [], unitIds: [], employeeIds: [inA.id] });
    expect(canSeeGender(employee)).toBe(false);

    const unlinked = actor(['employee']);
    expect(can(unlinked, 'read', inA)).toBe(false);
    expect(readScope(unlinked)).toEqual({ administrationIds: [], unitIds: [], employeeIds: [] });
  });

  it('never lets access "self" create or change, even with such a permission', () => {
    const selfEditor = {
      ...actor([], { employeeId: inA.id }),
      permissions: new Set(['update:employee:self', 'create:employee:self']),
    };
    expect(can(selfEditor, 'update', inA)).toBe(false);
    expect(can(selfEditor, 'create', inA)).toBe(false);
  });

  it('gives trainers and activity hosts nobody', () => {
    for (const role of ['trainer', 'activity_host'] as Role[]) {
      const someone = actor([role], { employeeId: inA.id });
      expect(can(someone, 'read', inA)).toBe(false);
      expect(readScope(someone)).toEqual({ administrationIds: [], unitIds: [], employeeIds: [] });
    }
  });
});
