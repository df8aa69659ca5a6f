import { z } from 'zod';
import { roles } from '../permissions.js';
import { email, password } from './common.js';

export const loginBody = z.object({ email, password: z.string().min(1).max(200) });
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: password })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'same_password',
  });
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const roleAssignment = z.object({
  role: z.enum(roles),
  administrationId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  administrationName: z.string().nullable(),
  unitName: z.string().nullable(),
});
export type RoleAssignment = z.infer<typeof roleAssignment>;

export const me = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  locale: z.enum(['sv', 'en']),
  employeeId: z.uuid().nullable(),
  roles: z.array(roleAssignment),
  permissions: z.array(z.string()),
});
export type Me = z.infer<typeof me>;

export const csrfToken = z.object({ token: z.string() });

export const setupStatus = z.object({ needsSetup: z.boolean(), demoAvailable: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatus>;

export const setupBody = z.object({
  name: z.string().trim().min(1).max(200),
  email,
  password,
});
export type SetupBody = z.infer<typeof setupBody>;

export const localeBody = z.object({ locale: z.enum(['sv', 'en']) });

export const sessionInfo = z.object({
  id: z.uuid(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;
