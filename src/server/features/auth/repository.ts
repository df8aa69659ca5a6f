import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { administrations, apiTokens, sessions, units, userRoles, users } from '../../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function rolesOfUser(db: DbOrTx, userId: string) {
  return db
    .select({
      role: userRoles.role,
      administrationId: userRoles.administrationId,
      unitId: userRoles.unitId,
      administrationName: administrations.name,
      unitName: units.name,
      unitAdministrationId: units.administrationId,
    })
    .from(userRoles)
    .leftJoin(administrations, eq(administrations.id, userRoles.administrationId))
    .leftJoin(units, eq(units.id, userRoles.unitId))
    .where(eq(userRoles.userId, userId));
}

export async function recordFailedLogin(db: DbOrTx, userId: string, maxFailures: number, lockUntil: Date) {
  // One statement, so that concurrent failures cannot both read the old count.
  await db
    .update(users)
    .set({
      failedLoginCount: sql`case when ${users.failedLoginCount} + 1 >= ${maxFailures} then 0 else ${users.failedLoginCount} + 1 end`,
      lockedUntil: sql`case when ${users.failedLoginCount} + 1 >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId));
}

export async function recordSuccessfulLogin(db: DbOrTx, userId: string, at: Date) {
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null, lastLoginAt: at }).where(eq(users.id, userId));
}

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  const [row] = await db.insert(sessions).values(values).returning();
  return row;
}

export async function findLiveSession(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), eq(users.active, true)));
  return row;
}

export async function touchSession(db: DbOrTx, sessionId: string, at: Date) {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(db: DbOrTx, sessionId: string, userId: string, at: Date) {
  return db
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
}

export async function revokeAllSessionsOfUser(db: DbOrTx, userId: string, at: Date, exceptSessionId?: string) {
  await db
    .update(sessions)
    .set({ revokedAt: at })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? sql`${sessions.id} <> ${exceptSessionId}` : undefined,
      ),
    );
}

export async function liveSessionsOfUser(db: DbOrTx, userId: string, now: Date) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
}

export async function findLiveApiToken(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        sql`(${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > ${now.toISOString()}::timestamptz)`,
        eq(users.active, true),
      ),
    );
  return row;
}

export async function touchApiToken(db: DbOrTx, tokenId: string, at: Date) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId));
}

export async function updatePasswordHash(db: DbOrTx, userId: string, passwordHash: string, at: Date) {
  await db.update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, userId));
}

export async function updateLocale(db: DbOrTx, userId: string, locale: 'sv' | 'en', at: Date) {
  await db.update(users).set({ locale, updatedAt: at }).where(eq(users.id, userId));
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return n;
}

/** The administrator who has been one longest: whom a command-line job acts as when not told. */
export async function firstActiveAdministrator(db: DbOrTx): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(userRoles.role, 'administrator'), eq(users.active, true)))
    .orderBy(users.createdAt)
    .limit(1);
  return row?.user;
}
