import { z } from 'zod';
import { roleScope, roles, type Role } from '../permissions.js';
import { email, password, listQuery, page } from './common.js';
import { roleAssignment } from './auth.js';

/**
 * One role with its scope. process_leader: administrationId; unit_manager: unitId (one row per unit);
 * other roles: neither. A unit_manager row may carry the administrationId of its unit, as the
 * answers show it, so that a role list read from the API can be sent back unchanged.
 */
export const roleInput = z.object({
  role: z.enum(roles),
  administrationId: z.uuid().nullable().default(null),
  unitId: z.uuid().nullable().default(null),
});
export type RoleInput = z.infer<typeof roleInput>;

export type RoleScopeIssue = {
  /** Index in the roles array. */
  index: number;
  field: 'administrationId' | 'unitId';
  code: 'role_scope_missing_administration' | 'role_scope_missing_unit' | 'role_scope_not_allowed' | 'role_scope_one_administration';
};

/**
 * The scope rules of roleScope, for the API (422) and for forms alike. Whether the administration or
 * unit exists, and whether a unit_manager's administrationId is its unit's, only the server can tell.
 */
export function roleScopeIssues(list: readonly { role: Role; administrationId?: string | null; unitId?: string | null }[]): RoleScopeIssue[] {
  const issues: RoleScopeIssue[] = [];
  let ledAdministration: string | null = null;
  list.forEach((r, index) => {
    const scope = roleScope[r.role];
    if (scope === 'administration') {
      if (!r.administrationId) issues.push({ index, field: 'administrationId', code: 'role_scope_missing_administration' });
      else if (ledAdministration && ledAdministration !== r.administrationId) {
        // A process leader leads one administration (DOMAIN.md); a repeated identical row is harmless.
        issues.push({ index, field: 'administrationId', code: 'role_scope_one_administration' });
      } else ledAdministration = r.administrationId;
      if (r.unitId) issues.push({ index, field: 'unitId', code: 'role_scope_not_allowed' });
    } else if (scope === 'units') {
      if (!r.unitId) issues.push({ index, field: 'unitId', code: 'role_scope_missing_unit' });
    } else {
      if (r.administrationId) issues.push({ index, field: 'administrationId', code: 'role_scope_not_allowed' });
      if (r.unitId) issues.push({ index, field: 'unitId', code: 'role_scope_not_allowed' });
    }
  });
  return issues;
}

export const user = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  active: z.boolean(),
  locale: z.enum(['sv', 'en']),
  employeeId: z.uuid().nullable(),
  roles: z.array(roleAssignment),
  lastLoginAt: z.iso.datetime().nullable(),
  lockedUntil: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type User = z.infer<typeof user>;
export const userPage = page(user);

export const userSorts = ['name', '-name', 'email', '-email', 'createdAt', '-createdAt', 'lastLoginAt', '-lastLoginAt'] as const;

export const userListQuery = listQuery.extend({
  /** Part of the name or the email address, case-insensitive. */
  q: z.string().trim().max(200).optional(),
  role: z.enum(roles).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** A field, descending with a leading '-'; name by default. */
  sort: z.enum(userSorts).optional(),
});
export type UserListQuery = z.output<typeof userListQuery>;

export const createUserBody = z.object({
  name: z.string().trim().min(1).max(200),
  email,
  password,
  locale: z.enum(['sv', 'en']).default('sv'),
  employeeId: z.uuid().nullable().default(null),
  roles: z.array(roleInput).max(50).default([]),
});
export type CreateUserBody = z.input<typeof createUserBody>;

export const updateUserBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    email,
    locale: z.enum(['sv', 'en']),
    employeeId: z.uuid().nullable(),
    /** The full new set of roles: rows not in it are removed. */
    roles: z.array(roleInput).max(50),
    /** An administrator may set a new password for a user (for example a forgotten one); it ends that user's sessions. */
    password: password.optional(),
  })
  .partial();
export type UpdateUserBody = z.input<typeof updateUserBody>;
