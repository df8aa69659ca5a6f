import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '#shared/permissions';
import { can, readScope, type UnitAction, type UnitActor } from './policy.js';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const unitInA = { id: 'aaaaaaaa-0000-4000-8000-0000000000a1', administrationId: A };
const otherUnitInA = { id: 'aaaaaaaa-0000-4000-8000-0000000000a2', administrationId: A };
const unitInB = { id: 'bbbbbbbb-0000-4000-8000-0000000000b1', administrationId: B };

function actor(roles: Role[], scope: { administrationIds?: string[]; unitIds?: string[] } = {}): UnitActor {
  return { permissions: permissionsOf(roles), administrationIds: scope.administrationIds ?? [], unitIds: scope.unitIds ?? [] };
}

const changes: UnitAction[] = ['close', 'move', 'assignManager'];

describe('units policy', () => {
  it('lets an administrator do anything anywhere', () => {
    const administrator = actor(['administrator']);
    for (const action of ['read', 'create', 'update', ...changes] as UnitAction[]) {
      expect(can(administrator, action, unitInB)).toBe(true);
    }
    expect(readScope(administrator)).toBeNull();
  });

  it('lets a process leader create and change units of their own administration only', () => {
    const leader = actor(['process_leader'], { administrationIds: [A] });
    for (const action of ['create', 'update', ...changes] as UnitAction[]) {
      expect(can(leader, action, unitInA)).toBe(true);
      expect(can(leader, action, unitInB)).toBe(false);
    }
    expect(can(leader, 'create', { administrationId: A })).toBe(true);
    expect(can(leader, 'read', unitInB)).toBe(true);
  });

  it('lets a unit manager update the details of their own units, nothing more', () => {
    const manager = actor(['unit_manager'], { unitIds: [unitInA.id] });
    expect(can(manager, 'update', unitInA)).toBe(true);
    expect(can(manager, 'update', otherUnitInA)).toBe(false);
    expect(can(manager, 'update', unitInB)).toBe(false);
    for (const action of ['create', ...changes] as UnitAction[]) {
      expect(can(manager, action, unitInA)).toBe(false);
    }
    // Without an id (a unit still to be created) nothing matches a managed unit.
    expect(can(manager, 'update', { administrationId: A })).toBe(false);
  });

  it('combines the scopes of someone with several roles', () => {
    const both = actor(['process_leader', 'unit_manager'], { administrationIds: [A], unitIds: [unitInB.id] });
    expect(can(both, 'close', unitInA)).toBe(true);
    expect(can(both, 'update', unitInB)).toBe(true);
    expect(can(both, 'close', unitInB)).toBe(false);
  });

  it('gives roles without unit permissions nothing', () => {
    for (const role of ['employee', 'trainer', 'activity_host'] as Role[]) {
      const someone = actor([role], { administrationIds: [A], unitIds: [unitInA.id] });
      for (const action of ['read', 'create', 'update', ...changes] as UnitAction[]) {
        expect(can(someone, action, unitInA)).toBe(false);
      }
      expect(readScope(someone)).toEqual({ administrationIds: [], unitIds: [] });
    }
    const coordinator = actor(['training_coordinator']);
    expect(can(coordinator, 'read', unitInA)).toBe(true);
    expect(can(coordinator, 'update', unitInA)).toBe(false);
  });
});
