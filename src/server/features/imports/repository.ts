import { count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { employeeImports } from '../../db/schema/index.js';

export type ImportRow = typeof employeeImports.$inferSelect;

export async function insertImport(db: DbOrTx, values: typeof employeeImports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(employeeImports).values(values).returning();
  return row;
}

export async function findImport(db: DbOrTx, id: string): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(employeeImports).where(eq(employeeImports.id, id));
  return row;
}

export async function updateImport(db: DbOrTx, id: string, values: Partial<typeof employeeImports.$inferInsert>): Promise<ImportRow> {
  const [row] = await db.update(employeeImports).set(values).where(eq(employeeImports.id, id)).returning();
  return row;
}

export async function listImports(db: DbOrTx, limit: number, offset: number) {
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(employeeImports).orderBy(desc(employeeImports.createdAt)).limit(limit).offset(offset),
    db.select({ total: count() }).from(employeeImports),
  ]);
  return { rows, total };
}

/** An import left 'committing' by a server that stopped was rolled back with its transaction. */
export async function failInterrupted(db: DbOrTx) {
  await db
    .update(employeeImports)
    .set({ status: 'failed', error: 'interrupted' })
    .where(eq(employeeImports.status, 'committing'));
}
