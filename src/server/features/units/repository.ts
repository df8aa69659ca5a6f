import { and, count, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { administrations, employees, units } from '../../db/schema/index.js';
import { orderFor, searchWords } from '../../db/lists.js';
import type { UnitListQuery } from '#shared/contracts/organisation';
import { currentEmployeeSql } from '../employees/current.js';

export type NewUnit = typeof units.$inferInsert;

const unitColumns = { ...getTableColumns(units), administrationName: administrations.name };
export type UnitRow = typeof units.$inferSelect & { administrationName: string };

export type UnitFilter = Pick<UnitListQuery, 'q' | 'administrationId' | 'active' | 'worksWithChildren'> & {
  /** null: every unit. */
  scope: { administrationIds: string[]; unitIds: string[] } | null;
};

const sortColumns = {
  name: [sql`lower(${units.name})`],
  code: [units.code],
  administrationName: [sql`lower(${administrations.name})`, sql`lower(${units.name})`],
  createdAt: [units.createdAt],
};

/** Takes the pool, not a transaction: the page and its total are read in parallel. */
export async function listUnits(db: Db, filter: UnitFilter, sort: UnitListQuery['sort'], limit: number, offset: number) {
  const where = and(
    filter.administrationId ? eq(units.administrationId, filter.administrationId) : undefined,
    filter.active === undefined ? undefined : eq(units.active, filter.active),
    filter.worksWithChildren === undefined ? undefined : eq(units.worksWithChildren, filter.worksWithChildren),
    ...searchWords(filter.q, [units.name, units.code]),
    filter.scope
      ? or(
          filter.scope.administrationIds.length > 0
            ? inArray(units.administrationId, filter.scope.administrationIds)
            : sql`false`,
          filter.scope.unitIds.length > 0 ? inArray(units.id, filter.scope.unitIds) : sql`false`,
        )
      : undefined,
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(unitColumns)
      .from(units)
      .innerJoin(administrations, eq(administrations.id, units.administrationId))
      .where(where)
      .orderBy(...orderFor(sort, sortColumns, units.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: count() }).from(units).where(where),
  ]);
  return { rows, total };
}

/** lock: 'update' to change or close it, 'share' to keep it from closing while an employee is placed in it. */
export async function findUnit(db: DbOrTx, id: string, lock?: 'update' | 'share'): Promise<UnitRow | undefined> {
  const query = db
    .select(unitColumns)
    .from(units)
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .where(eq(units.id, id));
  const [row] = lock ? await query.for(lock, { of: units }) : await query;
  return row;
}

export async function insertUnit(db: DbOrTx, values: NewUnit) {
  const [row] = await db.insert(units).values(values).returning({ id: units.id });
  return row;
}

export async function updateUnit(db: DbOrTx, id: string, values: Partial<NewUnit>) {
  await db.update(units).set(values).where(eq(units.id, id));
}

/** Current employees per unit: one grouped query for a whole page. */
export async function employeeCountsOf(db: DbOrTx, ids: string[], today: string): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: employees.unitId, n: count() })
    .from(employees)
    .where(and(inArray(employees.unitId, ids), currentEmployeeSql(today)))
    .groupBy(employees.unitId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
