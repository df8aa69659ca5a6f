import { and, count, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client.js';
import { administrations, employees, outbox, units } from '../../db/schema/index.js';
import { currentEmployeeSql } from '../employees/current.js';
import type { OverviewScope } from './policy.js';

type CountedScope = Exclude<OverviewScope, 'none'>;

function anyOf(parts: (SQL | undefined)[]): SQL {
  const present = parts.filter((p): p is SQL => p !== undefined);
  return present.length > 0 ? or(...present)! : sql`false`;
}

function unitsInScope(scope: CountedScope): SQL | undefined {
  if (!scope) return undefined;
  return anyOf([
    scope.administrationIds.length > 0 ? inArray(units.administrationId, scope.administrationIds) : undefined,
    scope.unitIds.length > 0 ? inArray(units.id, scope.unitIds) : undefined,
  ]);
}

function administrationsInScope(db: DbOrTx, scope: CountedScope): SQL | undefined {
  if (!scope) return undefined;
  return anyOf([
    scope.administrationIds.length > 0 ? inArray(administrations.id, scope.administrationIds) : undefined,
    scope.unitIds.length > 0
      ? inArray(administrations.id, db.select({ id: units.administrationId }).from(units).where(inArray(units.id, scope.unitIds)))
      : undefined,
  ]);
}

/** Three aggregate queries, whatever the size of the municipality, in parallel on the pool. */
export async function organisationCounts(db: Db, scope: CountedScope, today: string) {
  const [[administrationCount], [unitCounts], [employeeCount]] = await Promise.all([
    db
      .select({ n: count() })
      .from(administrations)
      .where(and(eq(administrations.active, true), administrationsInScope(db, scope))),
    db
      .select({
        units: count(),
        withChildren: sql<number>`count(*) filter (where ${units.worksWithChildren})`.mapWith(Number),
      })
      .from(units)
      .where(and(eq(units.active, true), unitsInScope(scope))),
    db
      .select({ n: count() })
      .from(employees)
      .where(
        and(
          currentEmployeeSql(today),
          scope ? inArray(employees.unitId, db.select({ id: units.id }).from(units).where(unitsInScope(scope))) : undefined,
        ),
      ),
  ]);
  return {
    administrations: administrationCount.n,
    units: unitCounts.units,
    unitsWorkingWithChildren: unitCounts.withChildren,
    employees: employeeCount.n,
  };
}

/**
 * Mail waiting in the outbox. Read here because the mailer (src/server/mail) offers no count;
 * it is one aggregate over the outbox table, changing nothing.
 */
export async function pendingMailCount(db: DbOrTx): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending'));
  return n;
}
