import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { userRoles, users } from '../../db/schema/index.js';

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
