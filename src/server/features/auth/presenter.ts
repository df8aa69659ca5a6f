import type { Me, SessionInfo } from '#shared/contracts/auth';
import type { Actor } from '../../context.js';
import type { buildActor } from './service.js';
import type { UserRow } from './repository.js';
import type { sessions } from '../../db/schema/index.js';
import type { Role } from '#shared/permissions';

export function presentMe(user: UserRow, actor: Awaited<ReturnType<typeof buildActor>>): Me {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale === 'en' ? 'en' : 'sv',
    employeeId: user.employeeId,
    roles: actor.roleDetails.map((r) => ({
      role: r.role as Role,
      administrationId: r.administrationId ?? r.unitAdministrationId ?? null,
      unitId: r.unitId,
      administrationName: r.administrationName,
      unitName: r.unitName,
    })),
    permissions: [...actor.permissions].sort(),
  };
}

export function presentSession(row: typeof sessions.$inferSelect, actor: Actor): SessionInfo {
  return {
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === actor.sessionId,
  };
}
