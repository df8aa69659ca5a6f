import { describe, expect, it } from 'vitest';
import { permissionsOf, roles, type Role } from '#shared/permissions';
import type { Actor } from '../../context.js';
import { can as canToken, denial as tokenDenial } from './policy.js';

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

describe('the tokens policy', () => {
  it('lets everyone with a role manage their own tokens', () => {
    for (const role of roles) {
      expect(canToken(actor([role]), 'list'), role).toBe(true);
      expect(canToken(actor([role]), 'create'), role).toBe(true);
      expect(canToken(actor([role]), 'revoke'), role).toBe(true);
    }
  });

  it('needs a browser session to create a token, not another token', () => {
    expect(tokenDenial(actor(['administrator'], 'token'), 'create')?.code).toBe('session_required');
    expect(canToken(actor(['administrator'], 'token'), 'list')).toBe(true);
    expect(canToken(actor(['administrator'], 'token'), 'revoke')).toBe(true);
  });
});
