import { describe, expect, it } from 'vitest';
import { permissionsOf, roles, type Role } from '#shared/permissions';
import type { Actor } from '../../context.js';
import { can as canOutbox } from './policy.js';

const actor = (granted: Role[]): Actor => ({
  userId: 'me',
  name: 'Me',
  email: 'me@example.se',
  locale: 'sv',
  employeeId: null,
  roles: granted.map((role) => ({ role, administrationId: null, unitId: null })),
  permissions: permissionsOf(granted),
  administrationIds: [],
  unitIds: [],
  via: 'session',
  sessionId: 's',
});

describe('the outbox policy', () => {
  it('is for administrators only', () => {
    for (const role of roles) {
      expect(canOutbox(actor([role]), 'read'), role).toBe(role === 'administrator');
      expect(canOutbox(actor([role]), 'retry'), role).toBe(role === 'administrator');
    }
  });
});
