import type { Db } from '#server/db/client';
import { administrations, employeeUnitHistory, employees, units, userRoles, users } from '#server/db/schema/index';
import { hashPassword } from '#server/features/auth/crypto';
import type { Role } from '#shared/permissions';
import type { AppInstance } from '#server/app';
import { Agent } from './agent.js';

export const defaultPassword = 'correct horse battery staple';
let defaultHash: Promise<string> | undefined;
const passwordHashFor = (password: string) =>
  password === defaultPassword ? (defaultHash ??= hashPassword(defaultPassword)) : hashPassword(password);

let sequence = 0;
const next = () => ++sequence;

export async function buildAdministration(db: Db, overrides: Partial<typeof administrations.$inferInsert> = {}) {
  const [row] = await db
    .insert(administrations)
    .values({ name: `Förvaltning ${next()}`, ...overrides })
    .returning();
  return row;
}

export async function buildUnit(db: Db, overrides: Partial<typeof units.$inferInsert> = {}) {
  const administrationId = overrides.administrationId ?? (await buildAdministration(db)).id;
  const [row] = await db
    .insert(units)
    .values({ name: `Enhet ${next()}`, ...overrides, administrationId })
    .returning();
  return row;
}

export async function buildEmployee(db: Db, overrides: Partial<typeof employees.$inferInsert> = {}) {
  const unitId = overrides.unitId ?? (await buildUnit(db)).id;
  const n = next();
  const [row] = await db
    .insert(employees)
    .values({
      employeeNumber: `E${String(n).padStart(6, '0')}`,
      firstName: 'Anna',
      lastName: `Andersson ${n}`,
      email: `anna.${n}@example.se`,
      startDate: '2020-01-01',
      ...overrides,
      unitId,
    })
    .returning();
  await db.insert(employeeUnitHistory).values({ employeeId: row.id, unitId, fromDate: row.startDate });
  return row;
}

export type RoleGrant = { role: Role; administrationId?: string | null; unitId?: string | null };

export async function buildUser(
  db: Db,
  options: { roles?: RoleGrant[]; password?: string; email?: string; name?: string; active?: boolean; employeeId?: string | null } = {},
) {
  const n = next();
  const password = options.password ?? defaultPassword;
  const [user] = await db
    .insert(users)
    .values({
      name: options.name ?? `Användare ${n}`,
      email: options.email ?? `user${n}@example.se`,
      passwordHash: await passwordHashFor(password),
      active: options.active ?? true,
      employeeId: options.employeeId ?? null,
    })
    .returning();
  const grants = options.roles ?? [];
  if (grants.length > 0) {
    await db.insert(userRoles).values(
      grants.map((g) => ({ userId: user.id, role: g.role, administrationId: g.administrationId ?? null, unitId: g.unitId ?? null })),
    );
  }
  return { ...user, password };
}

/** A logged-in agent for a new user with the given roles. */
export async function signIn(app: AppInstance, db: Db, roles: RoleGrant[] | Role, extra: Parameters<typeof buildUser>[1] = {}) {
  const grants = typeof roles === 'string' ? [{ role: roles }] : roles;
  const user = await buildUser(db, { ...extra, roles: grants });
  const agent = new Agent(app);
  await agent.login(user.email, user.password);
  return { agent, user };
}

/** The audit entries about one kind of entity (and one entity, when given), oldest first. */
export async function auditEntriesFor(db: Db, entityType: string, entityId?: string | null) {
  const { auditLog } = await import('#server/db/schema/index');
  const { and, asc, eq, isNull } = await import('drizzle-orm');
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.entityType, entityType),
        entityId === undefined ? undefined : entityId === null ? isNull(auditLog.entityId) : eq(auditLog.entityId, entityId),
      ),
    )
    .orderBy(asc(auditLog.id));
}
