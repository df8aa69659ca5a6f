import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { Role } from '#shared/permissions';
import { userRoles, users } from '../../db/schema/index.js';
import { conflict, unprocessable } from '../../http/errors.js';
import { violatedUniqueIndex } from '../../db/errors.js';
import { lockUserAdministration } from './repository.js';

/**
 * The process leader of an administration and the manager of a unit are roles (user_roles), not
 * columns: one source of truth for "who leads this" and "what may this person do".
 * Other features set and read them only through these functions.
 */

async function assertActiveUser(tx: DbOrTx, userId: string) {
  const [user] = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, userId));
  if (!user || !user.active) throw unprocessable('unknown_user', [{ path: 'body', message: 'unknown_user' }]);
}

/** Makes userId the process leader of the administration (null: nobody). Returns the previous leader's id. */
export async function setProcessLeader(tx: DbOrTx, administrationId: string, userId: string | null): Promise<string | null> {
  // The same lock as the users feature's role changes: "one administration per leader" has no index to guard it.
  await lockUserAdministration(tx);
  const current = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.role, 'process_leader'), eq(userRoles.administrationId, administrationId)));
  const previous = current[0]?.userId ?? null;
  if (previous === userId) return previous;
  if (userId) {
    await assertActiveUser(tx, userId);
    const elsewhere = await tx
      .select({ id: userRoles.id })
      .from(userRoles)
      .where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'process_leader')));
    // A process leader leads one administration, however the role is given (see roleScopeIssues).
    if (elsewhere.length > 0)
      throw unprocessable('role_scope_one_administration', [{ path: 'body', message: 'role_scope_one_administration' }]);
  }
  await tx.delete(userRoles).where(and(eq(userRoles.role, 'process_leader'), eq(userRoles.administrationId, administrationId)));
  if (userId) await tx.insert(userRoles).values({ userId, role: 'process_leader', administrationId });
  return previous;
}

/** Makes userId the manager of the unit (null: nobody). Returns the previous manager's id. */
export async function setUnitManager(tx: DbOrTx, unitId: string, userId: string | null): Promise<string | null> {
  await lockUserAdministration(tx);
  const current = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.role, 'unit_manager'), eq(userRoles.unitId, unitId)));
  const previous = current[0]?.userId ?? null;
  if (previous === userId) return previous;
  if (userId) await assertActiveUser(tx, userId);
  await tx.delete(userRoles).where(and(eq(userRoles.role, 'unit_manager'), eq(userRoles.unitId, unitId)));
  if (userId) {
    try {
      await tx.insert(userRoles).values({ userId, role: 'unit_manager', unitId });
    } catch (error) {
      throw violatedUniqueIndex(error) === 'user_roles_one_unit_manager' ? conflict('unit_manager_taken') : error;
    }
  }
  return previous;
}

export type PersonRef = { id: string; name: string };

/** The process leader of each administration, keyed by administration id. One query for a whole page. */
export async function processLeadersOf(db: DbOrTx, administrationIds: string[]): Promise<Map<string, PersonRef>> {
  if (administrationIds.length === 0) return new Map();
  const rows = await db
    .select({ administrationId: userRoles.administrationId, id: users.id, name: users.name })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'process_leader'), inArray(userRoles.administrationId, administrationIds)));
  return new Map(rows.map((r) => [r.administrationId!, { id: r.id, name: r.name }]));
}

/** The manager of each unit, keyed by unit id. One query for a whole page. */
export async function managersOf(db: DbOrTx, unitIds: string[]): Promise<Map<string, PersonRef>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .select({ unitId: userRoles.unitId, id: users.id, name: users.name })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'unit_manager'), inArray(userRoles.unitId, unitIds)));
  return new Map(rows.map((r) => [r.unitId!, { id: r.id, name: r.name }]));
}

/** Active users who have the role (of any scope), by name; only those among ids when given. */
export async function activeUsersWithRole(db: DbOrTx, role: Role, ids?: string[]): Promise<PersonRef[]> {
  if (ids && ids.length === 0) return [];
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, role)))
    .where(and(eq(users.active, true), ids ? inArray(users.id, ids) : undefined))
    .orderBy(asc(users.name), asc(users.id));
}

export type UserCard = { id: string; name: string; email: string; active: boolean };

/** Users' names, emails and whether they are active, for the ids given (in no order): for the public site's contact persons. */
export async function usersByIds(db: DbOrTx, ids: string[]): Promise<UserCard[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email, active: users.active })
    .from(users)
    .where(inArray(users.id, ids));
}
