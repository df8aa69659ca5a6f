import { describe, expect, it } from 'vitest';
import { permissionsOf, roles, type Role } from '#shared/permissions';
import type { Actor } from '../../context.js';
import { can, denial, type UserAction } from './policy.js';

const actor = (granted: Role[], via: Actor['via'] = 'session'): Actor => ({
  userId: 'me',
  name: 'Me',
  email: 'me@example.se',
  locale: 'sv',
  employeeId: null,
  roles: granted.map((role) => ({ role, administrationId: null, unitId: null })),
  permissions: permissionsOf(granted),
  administrationIds: [],
  unitIds: [],
  via,
  sessionId: via === 'session' ? 's' : null,
});

const userActions: UserAction[] = ['list', 'read', 'create', 'update', 'deactivate', 'reactivate'];

describe('the users policy', () => {
  it('lets administrators manage accounts, and nobody else', () => {
    for (const role of roles) {
      for (const action of userActions) {
        expect(can(actor([role]), action, { id: 'someone' }), `${role} ${action}`).toBe(role === 'administrator');
      }
    }
    expect(can(actor([]), 'list')).toBe(false);
  });

  it('does not let anyone deactivate themselves', () => {
    expect(denial(actor(['administrator']), 'deactivate', { id: 'me' })?.code).toBe('cannot_deactivate_self');
    expect(denial(actor(['administrator']), 'deactivate', { id: 'me' })?.statusCode).toBe(409);
    expect(can(actor(['administrator']), 'reactivate', { id: 'me' })).toBe(true);
    expect(can(actor(['administrator']), 'update', { id: 'me' })).toBe(true);
    expect(denial(actor(['employee']), 'deactivate', { id: 'me' })?.code).toBe('forbidden');
  });
});
