import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { administrations, employeeUnitHistory, employees, units, userRoles, users } from '../../db/schema/index.js';

/**
 * Bulk inserts for the demo municipality. The demo writes straight into the tables, as a migration
 * would, because it must load 60,000 employees in seconds; it runs only on an empty database.
 */
const chunkSize = 1000;

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += chunkSize) await insert(rows.slice(i, i + chunkSize));
}

export async function insertAdministrations(tx: DbOrTx, rows: (typeof administrations.$inferInsert)[]) {
  return tx.insert(administrations).values(rows).returning({ id: administrations.id, name: administrations.name });
}

export async function insertUnits(tx: DbOrTx, rows: (typeof units.$inferInsert)[]) {
  const result: { id: string; code: string | null }[] = [];
  await insertInChunks(rows, async (chunk) => result.push(...(await tx.insert(units).values(chunk).returning({ id: units.id, code: units.code }))));
  return result;
}

export async function insertEmployees(tx: DbOrTx, rows: (typeof employees.$inferInsert)[]) {
  const result: { id: string; employeeNumber: string; unitId: string; startDate: string }[] = [];
  await insertInChunks(rows, async (chunk) =>
    result.push(
      ...(await tx
        .insert(employees)
        .values(chunk)
        .returning({ id: employees.id, employeeNumber: employees.employeeNumber, unitId: employees.unitId, startDate: employees.startDate })),
    ),
  );
  return result;
}

export async function insertUnitHistory(tx: DbOrTx, rows: (typeof employeeUnitHistory.$inferInsert)[]) {
  await insertInChunks(rows, (chunk) => tx.insert(employeeUnitHistory).values(chunk));
}

export async function insertUsers(tx: DbOrTx, rows: (typeof users.$inferInsert)[]) {
  return tx.insert(users).values(rows).returning({ id: users.id, email: users.email });
}

export async function insertUserRoles(tx: DbOrTx, rows: (typeof userRoles.$inferInsert)[]) {
  if (rows.length > 0) await tx.insert(userRoles).values(rows);
}

/** Locks the users table for the transaction, so that the demo and first-run setup cannot both run. */
export async function anyUserExists(tx: DbOrTx): Promise<boolean> {
  await tx.execute(sql`lock table ${users} in share row exclusive mode`);
  const [row] = await tx.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

/**
 * Gathers the planner's statistics after the load, in its transaction: PGlite runs no autovacuum,
 * and without them a query on a million new rows is planned for an empty table.
 */
export async function analyzeAll(tx: DbOrTx) {
  await tx.execute(sql`analyze`);
}
