import { and, asc, count, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { searchWords } from '../../db/lists.js';
import { administrations, employees, units, userRoles, users } from '../../db/schema/index.js';

export type NewUser = typeof users.$inferInsert;
export type NewUserRole = typeof userRoles.$inferInsert;

export async function insertUser(db: DbOrTx, values: NewUser) {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

export async function insertRoles(db: DbOrTx, values: NewUserRole[]) {
  if (values.length > 0) await db.insert(userRoles).values(values);
}

export async function userCount(db: DbOrTx): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return n;
}

export async function emailTaken(db: DbOrTx, email: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return rows.some((r) => r.id !== exceptId);
}

export async function lockUsersTable(db: DbOrTx) {
  // Serialises first-run setup: two browsers racing to create the first administrator get one.
  await db.execute(sql`lock table ${users} in share row exclusive mode`);
}

export async function findUser(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Every column but the password hash: what the users feature reads, so the hash is never at hand to leak. */
const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  active: users.active,
  locale: users.locale,
  employeeId: users.employeeId,
  failedLoginCount: users.failedLoginCount,
  lockedUntil: users.lockedUntil,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};
export type UserRecord = { [K in keyof typeof userColumns]: (typeof users.$inferSelect)[K] };

export async function findUserRecord(
  db: DbOrTx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<UserRecord | undefined> {
  const query = db.select(userColumns).from(users).where(eq(users.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/**
 * Every change to who holds which role, and to who is active, takes this lock first. It makes the
 * "at least one active administrator" check and the "one leader per administration" check
 * race-free without locking the users table, which logins write to.
 */
export async function lockUserAdministration(tx: DbOrTx) {
  await tx.execute(sql`select pg_advisory_xact_lock(7311001)`);
}

export type UserFilter = { q?: string; role?: string; active?: boolean };
export type UserSort = 'name' | 'email' | 'createdAt' | 'lastLoginAt';

function userWhere(filter: UserFilter): SQL | undefined {
  return and(
    // Word by word, as in the other lists: "berg anna" finds Anna Berg.
    ...searchWords(filter.q, [users.name, users.email]),
    filter.active === undefined ? undefined : eq(users.active, filter.active),
    filter.role
      ? sql`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${filter.role})`
      : undefined,
  );
}

const sortColumns: Record<UserSort, SQL> = {
  name: sql`lower(${users.name})`,
  email: sql`lower(${users.email})`,
  createdAt: sql`${users.createdAt}`,
  lastLoginAt: sql`${users.lastLoginAt}`,
};

export async function listUsers(
  db: DbOrTx,
  filter: UserFilter,
  sort: { field: UserSort; descending: boolean },
  limit: number,
  offset: number,
) {
  const condition = userWhere(filter);
  const column = sortColumns[sort.field];
  // Never-logged-in users go last either way; the id keeps pages stable when values tie.
  const order = sort.descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`;
  const [items, [{ total }]] = await Promise.all([
    db.select(userColumns).from(users).where(condition).orderBy(order, asc(users.id)).limit(limit).offset(offset),
    db.select({ total: count() }).from(users).where(condition),
  ]);
  return { items, total: Number(total) };
}

export type RoleDetail = {
  userId: string;
  role: string;
  administrationId: string | null;
  unitId: string | null;
  administrationName: string | null;
  unitName: string | null;
  unitAdministrationId: string | null;
};

/** The roles of many users with the names of their administrations and units, in one query. */
export async function rolesOfUsers(db: DbOrTx, userIds: string[]): Promise<RoleDetail[]> {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: userRoles.userId,
      role: userRoles.role,
      administrationId: userRoles.administrationId,
      unitId: userRoles.unitId,
      administrationName: administrations.name,
      unitName: units.name,
      unitAdministrationId: units.administrationId,
    })
    .from(userRoles)
    .leftJoin(units, eq(units.id, userRoles.unitId))
    .leftJoin(administrations, sql`${administrations.id} = coalesce(${userRoles.administrationId}, ${units.administrationId})`)
    .where(inArray(userRoles.userId, userIds));
}

export type StoredRole = { id: string; role: string; administrationId: string | null; unitId: string | null };

export async function storedRolesOf(db: DbOrTx, userId: string): Promise<StoredRole[]> {
  return db
    .select({ id: userRoles.id, role: userRoles.role, administrationId: userRoles.administrationId, unitId: userRoles.unitId })
    .from(userRoles)
    .where(eq(userRoles.userId, userId));
}

export async function deleteRoles(db: DbOrTx, roleIds: string[]) {
  if (roleIds.length > 0) await db.delete(userRoles).where(inArray(userRoles.id, roleIds));
}

export async function administrationsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: administrations.id }).from(administrations).where(inArray(administrations.id, ids));
}

export async function unitsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: units.id, administrationId: units.administrationId }).from(units).where(inArray(units.id, ids));
}

/** Who else holds the process leader role of these administrations or the manager role of these units. */
export async function scopedRoleHolders(db: DbOrTx, exceptUserId: string | null, administrationIds: string[], unitIds: string[]) {
  if (administrationIds.length === 0 && unitIds.length === 0) return [];
  return db
    .select({
      userId: userRoles.userId,
      role: userRoles.role,
      administrationId: userRoles.administrationId,
      unitId: userRoles.unitId,
    })
    .from(userRoles)
    .where(
      and(
        exceptUserId ? ne(userRoles.userId, exceptUserId) : undefined,
        sql`((${userRoles.role} = 'process_leader' and ${administrationIds.length > 0 ? inArray(userRoles.administrationId, administrationIds) : sql`false`})
          or (${userRoles.role} = 'unit_manager' and ${unitIds.length > 0 ? inArray(userRoles.unitId, unitIds) : sql`false`}))`,
      ),
    );
}

export async function employeeExists(db: DbOrTx, employeeId: string): Promise<boolean> {
  const rows = await db.select({ id: employees.id }).from(employees).where(eq(employees.id, employeeId));
  return rows.length > 0;
}

export async function userLinkedToEmployee(db: DbOrTx, employeeId: string, exceptUserId?: string): Promise<string | undefined> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.employeeId, employeeId), exceptUserId ? ne(users.id, exceptUserId) : undefined));
  return rows[0]?.id;
}

export async function updateUser(db: DbOrTx, id: string, values: Partial<NewUser>) {
  await db.update(users).set(values).where(eq(users.id, id));
}

export async function countActiveAdministrators(db: DbOrTx): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(distinct ${users.id})::int` })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.active, true), eq(userRoles.role, 'administrator')));
  return n;
}
