import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '#shared/permissions';
import { can as canProgramme } from '../programmes/policy.js';
import { can, defaultScope } from './policy.js';

const actor = (role: Role, scope: { administrationIds?: string[]; unitIds?: string[] } = {}) => ({
  permissions: permissionsOf([role]),
  administrationIds: scope.administrationIds ?? [],
  unitIds: scope.unitIds ?? [],
});
const a1 = 'a1';
const a2 = 'a2';

describe('coverage policy', () => {
  it('lets administrators and coordinators read any scope, the municipality by default', () => {
    for (const role of ['administrator', 'training_coordinator'] as const) {
      expect(can(actor(role), { kind: 'municipality' })).toBe(true);
      expect(can(actor(role), { kind: 'unit', unitId: 'u9', administrationId: a2 })).toBe(true);
      expect(defaultScope(actor(role))).toEqual({ kind: 'municipality' });
    }
  });

  it('keeps a process leader to their administration and its units', () => {
    const leader = actor('process_leader', { administrationIds: [a1] });
    expect(can(leader, { kind: 'administration', administrationId: a1 })).toBe(true);
    expect(can(leader, { kind: 'unit', unitId: 'u1', administrationId: a1 })).toBe(true);
    expect(can(leader, { kind: 'administration', administrationId: a2 })).toBe(false);
    expect(can(leader, { kind: 'unit', unitId: 'u3', administrationId: a2 })).toBe(false);
    expect(can(leader, { kind: 'municipality' })).toBe(false);
    expect(defaultScope(leader)).toEqual({ kind: 'administration', administrationId: a1 });
  });

  it('keeps a unit manager to their units', () => {
    const manager = actor('unit_manager', { unitIds: ['u2', 'u1'] });
    expect(can(manager, { kind: 'unit', unitId: 'u1', administrationId: a1 })).toBe(true);
    expect(can(manager, { kind: 'unit', unitId: 'u3', administrationId: a1 })).toBe(false);
    expect(can(manager, { kind: 'administration', administrationId: a1 })).toBe(false);
    expect(defaultScope(manager)).toEqual({ kind: 'units', unitIds: ['u1', 'u2'] });
  });

  it('gives employees, trainers and hosts nothing', () => {
    for (const role of ['employee', 'trainer', 'activity_host'] as const) {
      expect(can(actor(role, { administrationIds: [a1], unitIds: ['u1'] }), { kind: 'administration', administrationId: a1 })).toBe(false);
      expect(defaultScope(actor(role))).toBeNull();
    }
  });
});

describe('programme policy', () => {
  it('lets administrators and coordinators do everything, process leaders read, others nothing', () => {
    for (const role of ['administrator', 'training_coordinator'] as const) {
      for (const action of ['read', 'create', 'update', 'delete'] as const) expect(canProgramme(actor(role), action)).toBe(true);
    }
    expect(canProgramme(actor('process_leader'), 'read')).toBe(true);
    expect(canProgramme(actor('process_leader'), 'update')).toBe(false);
    for (const role of ['unit_manager', 'employee', 'trainer', 'activity_host'] as const) {
      expect(canProgramme(actor(role), 'read')).toBe(false);
    }
  });
});
