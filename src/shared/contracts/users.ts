import { z } from 'zod';
import { roles } from '../permissions.js';
import { email, password, listQuery, page } from './common.js';
import { roleAssignment } from './auth.js';

export const roleInput = z.object({
  role: z.enum(roles),
  administrationId: z.uuid().nullable().default(null),
  unitId: z.uuid().nullable().default(null),
});
export type RoleInput = z.infer<typeof roleInput>;

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

export const userListQuery = listQuery.extend({
  role: z.enum(roles).optional(),
  active: z.enum(['true', 'false']).optional(),
});

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
    roles: z.array(roleInput).max(50),
    /** An administrator may set a new password for a user (for example a forgotten one). */
    password: password.optional(),
  })
  .partial();
export type UpdateUserBody = z.input<typeof updateUserBody>;
