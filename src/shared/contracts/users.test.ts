import { describe, expect, it } from 'vitest';
import { roleScopeIssues } from './users.js';

const a1 = '11111111-1111-4111-8111-111111111111';
const a2 = '22222222-2222-4222-8222-222222222222';
const u1 = '33333333-3333-4333-8333-333333333333';

describe('roleScopeIssues', () => {
  it('accepts each role with the scope roleScope asks for', () => {
    expect(
      roleScopeIssues([
        { role: 'administrator' },
        { role: 'process_leader', administrationId: a1 },
        { role: 'unit_manager', unitId: u1 },
        { role: 'unit_manager', unitId: u1, administrationId: a1 },
        { role: 'training_coordinator', administrationId: null, unitId: null },
        { role: 'trainer' },
        { role: 'employee' },
        { role: 'activity_host' },
      ]),
    ).toEqual([]);
  });

  it('names the row and the field of each problem', () => {
    expect(
      roleScopeIssues([
        { role: 'process_leader' },
        { role: 'process_leader', administrationId: a1, unitId: u1 },
        { role: 'process_leader', administrationId: a1 },
        { role: 'process_leader', administrationId: a2 },
        { role: 'unit_manager', administrationId: a1 },
        { role: 'employee', unitId: u1 },
        { role: 'administrator', administrationId: a1 },
      ]),
    ).toEqual([
      { index: 0, field: 'administrationId', code: 'role_scope_missing_administration' },
      { index: 1, field: 'unitId', code: 'role_scope_not_allowed' },
      { index: 3, field: 'administrationId', code: 'role_scope_one_administration' },
      { index: 4, field: 'unitId', code: 'role_scope_missing_unit' },
      { index: 5, field: 'unitId', code: 'role_scope_not_allowed' },
      { index: 6, field: 'administrationId', code: 'role_scope_not_allowed' },
    ]);
  });
});
