import { describe, expect, it } from 'vitest';
import { permissionsOf } from '#shared/permissions';
import { navigation, showsTo } from './navigation';

const shown = (...roles: Parameters<typeof permissionsOf>[0]) => {
  const permissions = permissionsOf(roles);
  return navigation
    .flatMap((group) => group.items)
    .filter((item) => showsTo(item, permissions))
    .map((item) => item.to);
};

describe('the navigation', () => {
  it('shows the invitations to one’s units to unit managers, not to administrators, who have no units', () => {
    expect(shown('unit_manager')).toContain('/networks/invitations');
    expect(shown('administrator')).not.toContain('/networks/invitations');
    expect(shown('administrator')).toContain('/networks');
    expect(shown('administrator', 'unit_manager')).toContain('/networks/invitations');
  });

  it('shows an item without a permission to everyone, and one with a permission only to those who have it', () => {
    expect(shown('employee')).toEqual(expect.arrayContaining(['/', '/account', '/my-training']));
    expect(shown('employee')).not.toContain('/users');
    expect(shown('administrator')).toContain('/users');
  });
});
