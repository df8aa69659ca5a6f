import { describe, expect, it } from 'vitest';
import { permissionsOf, roles, type Role } from '#shared/permissions';
import { canManageRetention, canOnMessage, messageScope } from './policy.js';

const north = '00000000-0000-4000-8000-000000000001';
const south = '00000000-0000-4000-8000-000000000002';
const actor = (role: Role, administrationIds: string[] = []) => ({ permissions: permissionsOf([role]), administrationIds });

describe('the messages policy', () => {
  it('lets administrators read and handle every message, also those that name no administration', () => {
    const admin = actor('administrator');
    for (const administrationId of [north, south, null]) {
      expect(canOnMessage(admin, 'read', { administrationId })).toBe(true);
      expect(canOnMessage(admin, 'update', { administrationId })).toBe(true);
    }
    expect(messageScope(admin)).toBeNull();
  });

  it('lets a process leader read and handle their administration’s messages only', () => {
    const leader = actor('process_leader', [north]);
    expect(canOnMessage(leader, 'read', { administrationId: north })).toBe(true);
    expect(canOnMessage(leader, 'update', { administrationId: north })).toBe(true);
    expect(canOnMessage(leader, 'read', { administrationId: south })).toBe(false);
    expect(canOnMessage(leader, 'read', { administrationId: null })).toBe(false);
    expect(messageScope(leader)).toEqual({ administrationIds: [north] });
  });

  it('gives every other role nothing', () => {
    for (const role of roles.filter((r) => r !== 'administrator' && r !== 'process_leader')) {
      const someone = actor(role, [north]);
      expect(canOnMessage(someone, 'read', { administrationId: north }), role).toBe(false);
      expect(canOnMessage(someone, 'update', { administrationId: north }), role).toBe(false);
      expect(messageScope(someone), role).toEqual({ administrationIds: [] });
    }
  });

  it('lets administrators alone read and set how long messages are kept', () => {
    for (const role of roles) {
      const someone = actor(role, [north]);
      expect(canManageRetention(someone, 'read'), role).toBe(role === 'administrator');
      expect(canManageRetention(someone, 'update'), role).toBe(role === 'administrator');
    }
  });
});
