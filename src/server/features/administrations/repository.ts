import { and, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { administrations, employees, units } from '../../db/schema/index.js';
import { orderFor, searchWords } from '../../db/lists.js';
import type { AdministrationListQuery } from '#shared/contracts/organisation';
import { currentEmployeeSql } from '../employees/current.js';

export type AdministrationRow = typeof administrations.$inferSelect;
export type NewAdministration = typeof administrations.$inferInsert;

export type AdministrationFilter = Pick<AdministrationListQuery, 'q' | 'active'>;

const sortColumns = {
  name: [sql`lower(${administrations.name})`],
  createdAt: [administrations.createdAt],
  updatedAt: [administrations.updatedAt],
};

/** Takes the pool, not a transaction: the page and its total are read in parallel. */
export async function listAdministrations(
  db: Db,
  filter: AdministrationFilter,
  sort: AdministrationListQuery['sort'],
  limit: number,
  offset: number,
) {
  const where = and(
    filter.active === undefined ? undefined : eq(administrations.active, filter.active),
    ...searchWords(filter.q, [administrations.name, administrations.shortName]),
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(administrations)
      .where(where)
      .orderBy(...orderFor(sort, sortColumns, administrations.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(administrations).where(where),
  ]);
  return { rows, total };
}

/** lock: 'update' to change or close it, 'share' to keep it from closing while a unit is added to it. */
export async function findAdministration(db: DbOrTx, id: string, lock?: 'update' | 'share') {
  const query = db.select().from(administrations).where(eq(administrations.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function insertAdministration(db: DbOrTx, values: NewAdministration) {
  const [row] = await db.insert(administrations).values(values).returning();
  return row;
}

export async function updateAdministration(db: DbOrTx, id: string, values: Partial<NewAdministration>) {
  const [row] = await db.update(administrations).set(values).where(eq(administrations.id, id)).returning();
  return row;
}

/**
 * Active units and current employees per administration, in one query for a whole page. The
 * employees are counted unit by unit on employees_unit_end_idx (an index-only scan per unit), so
 * the cost follows the administrations asked about, not the size of the municipality.
 */
export async function countsOf(db: DbOrTx, ids: string[], today: string) {
  const result = new Map<string, { unitCount: number; employeeCount: number }>(
    ids.map((id) => [id, { unitCount: 0, employeeCount: 0 }]),
  );
  if (ids.length === 0) return result;
  const currentInUnit = db
    .select({ n: count() })
    .from(employees)
    .where(and(eq(employees.unitId, units.id), currentEmployeeSql(today)));
  const rows = await db
    .select({
      id: units.administrationId,
      unitCount: sql<number>`count(*) filter (where ${units.active})`.mapWith(Number),
      employeeCount: sql<number>`coalesce(sum((${currentInUnit})), 0)`.mapWith(Number),
    })
    .from(units)
    .where(inArray(units.administrationId, ids))
    .groupBy(units.administrationId);
  for (const row of rows) result.set(row.id, { unitCount: row.unitCount, employeeCount: row.employeeCount });
  return result;
}

export async function countActiveUnits(db: DbOrTx, administrationId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(units)
    .where(and(eq(units.administrationId, administrationId), eq(units.active, true)));
  return n;
}
