import type { User } from '#shared/contracts/users';
import { roles as roleOrder, type Role } from '#shared/permissions';
import type { RoleDetail, UserRecord } from './repository.js';

/** Roles in the order of permissions.ts, then by the name of their scope, so lists read the same every time. */
function sortRoles(list: RoleDetail[]): RoleDetail[] {
  const rank = (r: RoleDetail) => roleOrder.indexOf(r.role as Role);
  return [...list].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.administrationName ?? '').localeCompare(b.administrationName ?? '', 'sv') ||
      (a.unitName ?? '').localeCompare(b.unitName ?? '', 'sv'),
  );
}

/**
 * What leaves the server about an account: never the password hash (UserRecord does not even carry
 * it) nor the failed-login counter. A unit manager's role shows its unit's administration, as /api/auth/me does.
 */
export function presentUser(row: UserRecord, roleRows: RoleDetail[], now: Date): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    active: row.active,
    locale: row.locale === 'en' ? 'en' : 'sv',
    employeeId: row.employeeId,
    roles: sortRoles(roleRows).map((r) => ({
      role: r.role as Role,
      administrationId: r.administrationId ?? r.unitAdministrationId ?? null,
      unitId: r.unitId,
      administrationName: r.administrationName,
      unitName: r.unitName,
    })),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The roles as they go into the audit log: ids only, in a stable order so that before/after compare. */
export function auditRoles(list: { role: string; administrationId: string | null; unitId: string | null }[]) {
  return list
    .map((r) => ({ role: r.role, administrationId: r.administrationId, unitId: r.unitId }))
    .sort((a, b) =>
      `${a.role}|${a.administrationId ?? ''}|${a.unitId ?? ''}`.localeCompare(
        `${b.role}|${b.administrationId ?? ''}|${b.unitId ?? ''}`,
      ),
    );
}
