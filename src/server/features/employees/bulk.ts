import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import { arrayParam } from '../../db/array-param.js';
import type { DbOrTx } from '../../db/client.js';
import { auditLog, employeeUnitHistory, employees } from '../../db/schema/index.js';
import { dayBefore } from './current.js';

/**
 * The employees feature's bulk operations, for imports from HR systems: tens of thousands of rows
 * in one transaction, in multi-row statements, with the same history and audit rules as the
 * single-employee service.
 */

export type ImportedFields = {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  unitId: string;
  title: string | null;
  gender: 'woman' | 'man' | 'not_stated';
  startDate: string;
  endDate: string | null;
};
export type StoredEmployee = ImportedFields & { id: string };

export async function allEmployeesByNumber(db: DbOrTx): Promise<Map<string, StoredEmployee>> {
  const rows = await db
    .select({
      id: employees.id,
      employeeNumber: employees.employeeNumber,
      firstName: employees.firstName,
      lastName: employees.lastName,
      email: employees.email,
      unitId: employees.unitId,
      title: employees.title,
      gender: employees.gender,
      startDate: employees.startDate,
      endDate: employees.endDate,
    })
    .from(employees);
  return new Map(rows.map((r) => [r.employeeNumber, r as StoredEmployee]));
}

export type EmployeeChange = {
  id: string;
  before: Partial<ImportedFields>;
  after: Partial<ImportedFields>;
  next: ImportedFields;
};

export type BulkPlan = {
  create: ImportedFields[];
  update: EmployeeChange[];
  /** Employees a full import ends: their end date becomes endOn. */
  end: { id: string; endDate: string | null }[];
  endOn: string;
  /** The day unit moves take effect. */
  movedOn: string;
};

const chunkSize = 500;
/** Rows per statement of new employees (arrays: the parameters do not grow with the rows). */
const createChunkSize = 5000;
const chunks = <T>(rows: T[]) =>
  Array.from({ length: Math.ceil(rows.length / chunkSize) }, (_, i) => rows.slice(i * chunkSize, (i + 1) * chunkSize));

/** Told how many rows are written after each statement; the next statement waits for what it returns. */
type Progress = (done: number) => void | Promise<void>;

export async function applyBulkPlan(tx: DbOrTx, actor: Actor, plan: BulkPlan, now: Date, progress: Progress): Promise<void> {
  let done = 0;
  const audit = (rows: (typeof auditLog.$inferInsert)[]) => tx.insert(auditLog).values(rows);
  const auditRow = (action: string, entityId: string, before: object | null, after: object | null) => ({
    at: now,
    actorUserId: actor.userId,
    actorName: actor.name,
    action,
    entityType: 'employee',
    entityId,
    before,
    after: after ? { ...after, source: 'import' } : null,
  });

  // New employees, their first unit and their audit entries: one statement per chunk, each column
  // one array parameter (unnest), in the order of the file.
  for (let from = 0; from < plan.create.length; from += createChunkSize) {
    const chunk = plan.create.slice(from, from + createChunkSize);
    const column = (key: keyof ImportedFields, type: string) =>
      arrayParam(
        chunk.map((e) => e[key]),
        type,
      );
    const at = sql`${now.toISOString()}::timestamptz`;
    await tx.execute(sql`
      with input as (
        select * from unnest(
          ${column('employeeNumber', 'text')}, ${column('firstName', 'text')}, ${column('lastName', 'text')},
          ${column('email', 'text')}, ${column('unitId', 'uuid')}, ${column('title', 'text')}, ${column('gender', 'text')},
          ${column('startDate', 'date')}, ${column('endDate', 'date')}
        ) with ordinality as i(employee_number, first_name, last_name, email, unit_id, title, gender, start_date, end_date, position)
      ), inserted as (
        insert into employees (employee_number, first_name, last_name, email, unit_id, title, gender, start_date, end_date, created_at, updated_at)
        select employee_number, first_name, last_name, email, unit_id, title, gender, start_date, end_date, ${at}, ${at}
        from input order by position
        returning id, employee_number, unit_id, start_date
      ), history as (
        insert into employee_unit_history (employee_id, unit_id, from_date, created_at)
        select id, unit_id, start_date, ${at} from inserted
      )
      insert into audit_log (at, actor_user_id, actor_name, action, entity_type, entity_id, before, after)
      select ${at}, ${actor.userId}::uuid, ${actor.name}::text, 'create', 'employee', inserted.id::text, null,
        jsonb_build_object(
          'employeeNumber', input.employee_number, 'firstName', input.first_name, 'lastName', input.last_name,
          'email', input.email, 'unitId', input.unit_id, 'title', input.title, 'gender', input.gender,
          'startDate', input.start_date, 'endDate', input.end_date, 'source', 'import'
        )
      from inserted join input using (employee_number)
      order by input.position`);
    done += chunk.length;
    await progress(done);
  }

  for (const chunk of chunks(plan.update)) {
    // One UPDATE ... FROM (VALUES ...) per chunk instead of one statement per employee.
    const values = sql.join(
      chunk.map(
        (c) =>
          sql`(${c.id}::uuid, ${c.next.firstName}, ${c.next.lastName}, ${c.next.email}, ${c.next.unitId}::uuid, ${c.next.title}, ${c.next.gender}, ${c.next.startDate}::date, ${c.next.endDate}::date)`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      update ${employees} set
        first_name = v.first_name, last_name = v.last_name, email = v.email, unit_id = v.unit_id, title = v.title,
        gender = v.gender, start_date = v.start_date, end_date = v.end_date, updated_at = ${now.toISOString()}::timestamptz
      from (values ${values}) as v(id, first_name, last_name, email, unit_id, title, gender, start_date, end_date)
      where ${employees.id} = v.id`);

    const moved = chunk.filter((c) => c.after.unitId !== undefined);
    if (moved.length > 0) {
      const ids = moved.map((c) => c.id);
      // As in a single move: the open history row ends the day before the move, a new one starts on it.
      // A row that opened on the move day itself is replaced rather than given a negative span.
      await tx
        .delete(employeeUnitHistory)
        .where(
          and(
            inArray(employeeUnitHistory.employeeId, ids),
            isNull(employeeUnitHistory.toDate),
            eq(employeeUnitHistory.fromDate, plan.movedOn),
          ),
        );
      await tx
        .update(employeeUnitHistory)
        .set({ toDate: dayBefore(plan.movedOn) })
        .where(and(inArray(employeeUnitHistory.employeeId, ids), isNull(employeeUnitHistory.toDate)));
      await tx
        .insert(employeeUnitHistory)
        .values(
          moved.map((c) => ({
            employeeId: c.id,
            unitId: c.next.unitId,
            fromDate: maxDate(plan.movedOn, c.next.startDate),
            createdAt: now,
          })),
        );
    }
    await audit(
      chunk.map((c) => auditRow('update', c.id, c.before, moved.includes(c) ? { ...c.after, movedOn: plan.movedOn } : c.after)),
    );
    done += chunk.length;
    await progress(done);
  }

  for (const chunk of chunks(plan.end)) {
    await tx
      .update(employees)
      // Never before the start: someone who started today and is already gone from the file ends today.
      .set({ endDate: sql`greatest(${employees.startDate}, ${plan.endOn}::date)`, updatedAt: now })
      .where(
        inArray(
          employees.id,
          chunk.map((e) => e.id),
        ),
      );
    await audit(
      chunk.map((e) =>
        auditRow('update', e.id, { endDate: e.endDate }, { endDate: plan.endOn, reason: 'missing_from_full_import' }),
      ),
    );
    done += chunk.length;
    await progress(done);
  }
}

const maxDate = (a: string, b: string) => (a > b ? a : b);
