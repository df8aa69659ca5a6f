import { and, asc, eq, getTableColumns, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { administrations, employeeUnitHistory, employees, units } from '../../db/schema/index.js';
import { orderFor, searchWordsInLowered } from '../../db/lists.js';
import type { EmployeeListQuery } from '#shared/contracts/organisation';
import { currentEmployeeSql, endedEmployeeSql } from './current.js';
import type { EmployeeScope } from './policy.js';

export type NewEmployee = typeof employees.$inferInsert;

// search_text only serves the search; it never leaves the database.
const { searchText: _searchText, ...employeeTableColumns } = getTableColumns(employees);
const employeeColumns = {
  ...employeeTableColumns,
  unitName: units.name,
  administrationId: units.administrationId,
  administrationName: administrations.name,
};
export type EmployeeRow = Omit<typeof employees.$inferSelect, 'searchText'> & {
  unitName: string;
  administrationId: string;
  administrationName: string;
};

export type EmployeeFilter = Pick<EmployeeListQuery, 'q' | 'administrationId' | 'unitId' | 'status'> & {
  today: string;
  scope: EmployeeScope;
};

const sortColumns = {
  lastName: [employees.lastName, employees.firstName],
  firstName: [employees.firstName, employees.lastName],
  employeeNumber: [employees.employeeNumber],
  startDate: [employees.startDate, employees.lastName, employees.firstName],
  unitName: [units.name, employees.lastName, employees.firstName],
};

/** Employees of the units of these administrations (employees.administration_id is kept by the database). */
function inAdministrations(administrationIds: string[]): SQL {
  return administrationIds.length === 1
    ? eq(employees.administrationId, administrationIds[0])
    : inArray(employees.administrationId, administrationIds);
}

function scopeCondition(scope: EmployeeScope): SQL | undefined {
  if (!scope) return undefined;
  const parts = [
    scope.administrationIds.length > 0 ? inAdministrations(scope.administrationIds) : undefined,
    scope.unitIds.length > 0 ? inArray(employees.unitId, scope.unitIds) : undefined,
    scope.employeeIds.length > 0 ? inArray(employees.id, scope.employeeIds) : undefined,
  ].filter((p): p is SQL => p !== undefined);
  return parts.length > 0 ? or(...parts) : sql`false`;
}

function listWhere(filter: EmployeeFilter): SQL | undefined {
  return and(
    scopeCondition(filter.scope),
    filter.administrationId ? inAdministrations([filter.administrationId]) : undefined,
    filter.unitId ? eq(employees.unitId, filter.unitId) : undefined,
    filter.status === 'current'
      ? currentEmployeeSql(filter.today)
      : filter.status === 'ended'
        ? endedEmployeeSql(filter.today)
        : undefined,
    ...searchWordsInLowered(filter.q, employees.searchText),
  );
}

/**
 * Every id the list's filter selects, in the list's order: what the cached list keeps per filter, so
 * that any page of it is a slice (and its total the length) and reads only its own 50 rows.
 */
export async function listEmployeeIds(db: Db, filter: EmployeeFilter, sort: EmployeeListQuery['sort']): Promise<string[]> {
  const where = listWhere(filter);
  const order = orderFor(sort, sortColumns, employees.id);
  const sortsByUnit = (sort ?? '').replace(/^-/, '') === 'unitName';
  const rows = sortsByUnit
    ? await db
        .select({ id: employees.id })
        .from(employees)
        .innerJoin(units, eq(units.id, employees.unitId))
        .where(where)
        .orderBy(...order)
    : await db
        .select({ id: employees.id })
        .from(employees)
        .where(where)
        .orderBy(...order);
  return rows.map((r) => r.id);
}

/** These employees with their unit and administration, in the list's order (the rows of one page). */
export async function employeesByIds(db: Db, ids: string[], sort: EmployeeListQuery['sort']): Promise<EmployeeRow[]> {
  if (ids.length === 0) return [];
  return db
    .select(employeeColumns)
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .where(inArray(employees.id, ids))
    .orderBy(...orderFor(sort, sortColumns, employees.id));
}

/** lock: to change the employee; their open history row is only changed under this lock. */
export async function findEmployee(db: DbOrTx, id: string, lock?: 'update'): Promise<EmployeeRow | undefined> {
  const query = db
    .select(employeeColumns)
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .where(eq(employees.id, id));
  const [row] = lock ? await query.for(lock, { of: employees }) : await query;
  return row;
}

export async function insertEmployee(db: DbOrTx, values: NewEmployee) {
  const [row] = await db.insert(employees).values(values).returning({ id: employees.id });
  return row;
}

export async function updateEmployee(db: DbOrTx, id: string, values: Partial<NewEmployee>) {
  await db.update(employees).set(values).where(eq(employees.id, id));
}

/** Oldest first. */
export async function historyOf(db: DbOrTx, employeeId: string) {
  return db
    .select({
      unitId: employeeUnitHistory.unitId,
      unitName: units.name,
      administrationId: units.administrationId,
      administrationName: administrations.name,
      fromDate: employeeUnitHistory.fromDate,
      toDate: employeeUnitHistory.toDate,
    })
    .from(employeeUnitHistory)
    .innerJoin(units, eq(units.id, employeeUnitHistory.unitId))
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .where(eq(employeeUnitHistory.employeeId, employeeId))
    .orderBy(asc(employeeUnitHistory.fromDate), asc(employeeUnitHistory.createdAt));
}
export type HistoryRow = Awaited<ReturnType<typeof historyOf>>[number];

export async function findOpenHistory(db: DbOrTx, employeeId: string) {
  const [row] = await db
    .select()
    .from(employeeUnitHistory)
    .where(and(eq(employeeUnitHistory.employeeId, employeeId), isNull(employeeUnitHistory.toDate)));
  return row;
}

export async function closeHistory(db: DbOrTx, id: string, toDate: string) {
  await db.update(employeeUnitHistory).set({ toDate }).where(eq(employeeUnitHistory.id, id));
}

export async function insertHistory(db: DbOrTx, values: typeof employeeUnitHistory.$inferInsert) {
  await db.insert(employeeUnitHistory).values(values);
}
