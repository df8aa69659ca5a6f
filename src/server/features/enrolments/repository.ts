import { and, asc, eq, notExists, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { enrolments, employees, units } from '../../db/schema/index.js';
import { searchWordsInLowered } from '../../db/lists.js';
import { currentEmployeeSql } from '../employees/current.js';
import type { AttendanceStatus } from '#shared/contracts/enrolments';
import { eligibleCondition } from './eligibility.js';
import type { EnrolmentScope } from './policy.js';

/** A timestamp as ISO 8601 in UTC, the same text on PGlite and PostgreSQL whatever the session's time zone. */
const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const uuidList = (ids: readonly string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** x in (ids), or false for none (SQL has no empty list). */
const inIds = (column: SQL, ids: readonly string[]) => (ids.length === 0 ? sql`false` : sql`${column} in (${uuidList(ids)})`);

/** The session as the enrolment rules need it, and whether this user is one of its trainers. */
export type SessionFacts = {
  id: string;
  courseId: string;
  courseName: string;
  capacity: number;
  status: string;
  startsOn: string;
  endsOn: string;
  totalMinutes: number;
  isTrainer: boolean;
};

export async function sessionFacts(db: DbOrTx, sessionId: string, userId: string): Promise<SessionFacts | undefined> {
  const result = await db.execute<{
    id: string;
    course_id: string;
    course_name: string;
    capacity: number;
    status: string;
    starts_on: string;
    ends_on: string;
    total_minutes: number;
    is_trainer: boolean;
  }>(sql`
    select s.id, s.course_id, c.name as course_name, s.capacity, s.status, s.starts_on::text as starts_on,
           s.ends_on::text as ends_on, s.total_minutes,
           exists (select 1 from session_trainers st where st.session_id = s.id and st.user_id = ${userId}) as is_trainer
      from training_sessions s join courses c on c.id = s.course_id
     where s.id = ${sessionId}`);
  const row = result.rows[0];
  return (
    row && {
      id: row.id,
      courseId: row.course_id,
      courseName: row.course_name,
      capacity: row.capacity,
      status: row.status,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      totalMinutes: row.total_minutes,
      isTrainer: row.is_trainer,
    }
  );
}

function scopeCondition(scope: EnrolmentScope): SQL {
  if (!scope) return sql`true`;
  const parts = [
    scope.administrationIds.length > 0 ? inIds(sql`x.administration_id`, scope.administrationIds) : undefined,
    scope.unitIds.length > 0 ? inIds(sql`x.unit_id`, scope.unitIds) : undefined,
    scope.employeeIds.length > 0 ? inIds(sql`x.employee_id`, scope.employeeIds) : undefined,
  ].filter((p): p is SQL => p !== undefined);
  return parts.length > 0 ? sql.join(parts, sql` or `) : sql`false`;
}

export type ParticipantRow = {
  enrolment_id: string;
  employee_id: string;
  status: 'enrolled' | 'waiting';
  source: string;
  name: string;
  unit_name: string;
  queued_at: string;
  enrolled_at: string | null;
  attended_minutes: number;
  completed_on: string | null;
  has_attendance: boolean;
  position: string | null;
};

/**
 * The enrolled and the waiting of a session within a scope. A waiting person's position is counted
 * over the whole list before the scope narrows it, so a manager sees their staff's true place.
 */
export async function participants(db: DbOrTx, sessionId: string, scope: EnrolmentScope) {
  const result = await db.execute<ParticipantRow>(sql`
    select x.* from (
      select e.id as enrolment_id, e.employee_id, e.status, e.source,
             emp.first_name || ' ' || emp.last_name as name, u.name as unit_name, emp.unit_id, u.administration_id,
             ${iso(sql`e.queued_at`)} as queued_at, ${iso(sql`e.enrolled_at`)} as enrolled_at,
             e.attended_minutes, e.completed_on::text as completed_on,
             exists (select 1 from attendance a where a.enrolment_id = e.id) as has_attendance,
             case when e.status = 'waiting'
                  then row_number() over (partition by e.status order by e.queued_at, e.id) end as position
        from enrolments e
        join employees emp on emp.id = e.employee_id
        join units u on u.id = emp.unit_id
       where e.session_id = ${sessionId} and e.status in ('enrolled', 'waiting')
    ) x
    where ${scopeCondition(scope)}
    order by x.status, x.position nulls first, lower(x.name), x.enrolment_id`);
  return result.rows;
}

export async function counts(db: DbOrTx, sessionId: string) {
  const result = await db.execute<{ enrolled: string; waiting: string }>(sql`
    select count(*) filter (where status = 'enrolled') as enrolled, count(*) filter (where status = 'waiting') as waiting
      from enrolments where session_id = ${sessionId}`);
  return { enrolled: Number(result.rows[0].enrolled), waiting: Number(result.rows[0].waiting) };
}

export async function findUnits(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const result = await db.execute<{ id: string; administration_id: string }>(
    sql`select id, administration_id from units where id in (${uuidList(ids)})`,
  );
  return result.rows.map((r) => ({ id: r.id, administrationId: r.administration_id }));
}

export async function findAdministrations(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [] as string[];
  const result = await db.execute<{ id: string }>(sql`select id from administrations where id in (${uuidList(ids)})`);
  return result.rows.map((r) => r.id);
}

export type Candidate = {
  employeeId: string;
  name: string;
  unitId: string;
  administrationId: string;
  current: boolean;
  eligible: boolean;
  /** The person's enrolment on this session now: null, 'enrolled', 'waiting' or 'cancelled'. */
  existing: string | null;
  email: string | null;
  locale: string | null;
};

const locale = (employeeId: SQL) =>
  sql`(select locale from users where employee_id = ${employeeId} and active order by created_at limit 1)`;

/**
 * The people a sign-up names, in order: the listed employees first (as listed), then the current
 * staff of the listed units and administrations (by name), each once. With what the rules need to
 * know of each: still employed, eligible, already on the session, and where to send the mail.
 */
export async function candidates(
  db: DbOrTx,
  sessionId: string,
  from: { employeeIds: readonly string[]; unitIds: readonly string[]; administrationIds: readonly string[] },
  today: string,
): Promise<Candidate[]> {
  const listed =
    from.employeeIds.length === 0
      ? sql`select null::uuid as id, 0::bigint as ord where false`
      : sql`select t.id, t.ord from unnest(array[${uuidList(from.employeeIds)}]) with ordinality as t(id, ord)`;
  const staff =
    from.unitIds.length === 0 && from.administrationIds.length === 0
      ? sql`select null::uuid as id, null::text as l, null::text as f where false`
      : sql`select emp.id, lower(emp.last_name) as l, lower(emp.first_name) as f
              from employees emp join units u on u.id = emp.unit_id
             where (${inIds(sql`emp.unit_id`, from.unitIds)} or ${inIds(sql`u.administration_id`, from.administrationIds)})
               and (emp.end_date is null or emp.end_date >= ${today})`;
  const result = await db.execute<{
    id: string;
    name: string;
    unit_id: string;
    administration_id: string;
    current: boolean;
    eligible: boolean;
    existing: string | null;
    email: string | null;
    locale: string | null;
  }>(sql`
    with listed as (${listed}), staff as (${staff}),
    wanted as (
      select id, min(ord) as ord, min(l) as l, min(f) as f from (
        select id, ord, null::text as l, null::text as f from listed
        union all
        select id, null::bigint, l, f from staff
      ) w group by id
    )
    select emp.id, emp.first_name || ' ' || emp.last_name as name, emp.unit_id, u.administration_id,
           (emp.end_date is null or emp.end_date >= ${today}) as current,
           ${eligibleCondition(sql`${sessionId}::uuid`, sql`emp.id`)} as eligible,
           (select e.status from enrolments e where e.session_id = ${sessionId} and e.employee_id = emp.id) as existing,
           emp.email, ${locale(sql`emp.id`)} as locale
      from wanted w
      join employees emp on emp.id = w.id
      join units u on u.id = emp.unit_id
     order by w.ord nulls last, w.l, w.f, emp.id`);
  return result.rows.map((r) => ({
    employeeId: r.id,
    name: r.name,
    unitId: r.unit_id,
    administrationId: r.administration_id,
    current: r.current,
    eligible: r.eligible,
    existing: r.existing,
    email: r.email,
    locale: r.locale,
  }));
}

export type NewPlace = { employeeId: string; status: 'enrolled' | 'waiting'; source: string };

/**
 * Writes the places in one statement, in order: a person's earlier cancelled row is reused (at the
 * back of the queue). queued_at follows the order the places are given and comes after every place
 * already on the session (a microsecond apart if the clock has not moved), so the waiting list is
 * first come, first served in the order the session's lock was taken, even within one sign-up of a
 * whole unit.
 */
export async function insertPlaces(
  tx: DbOrTx,
  session: { id: string; courseId: string },
  places: NewPlace[],
  now: Date,
  userId: string,
) {
  if (places.length === 0) return [];
  const at = now.toISOString();
  const values = sql.join(
    places.map((p, i) => sql`(${i}::int, ${p.employeeId}::uuid, ${p.status}::text, ${p.source}::text)`),
    sql`, `,
  );
  const result = await tx.execute<{ id: string; employee_id: string; status: string }>(sql`
    with base as (
      select greatest(${at}::timestamptz, max(queued_at) + interval '1 microsecond') as t
        from enrolments where session_id = ${session.id}
    )
    insert into enrolments (session_id, course_id, employee_id, status, source, queued_at, enrolled_at, enrolled_by_user_id)
    select ${session.id}::uuid, ${session.courseId}::uuid, v.employee_id, v.status, v.source,
           coalesce(base.t, ${at}::timestamptz) + v.i * interval '1 microsecond',
           case when v.status = 'enrolled' then ${at}::timestamptz end, ${userId}::uuid
      from (values ${values}) as v(i, employee_id, status, source) cross join base
     order by v.i
    on conflict (session_id, employee_id) do update
       set status = excluded.status, source = excluded.source, queued_at = excluded.queued_at,
           enrolled_at = excluded.enrolled_at, cancelled_at = null, enrolled_by_user_id = excluded.enrolled_by_user_id,
           course_id = excluded.course_id
     where enrolments.status = 'cancelled'
    returning id, employee_id, status`);
  return result.rows;
}

/** Each waiting person's place in the queue (1 = first). */
export async function waitingPositions(db: DbOrTx, sessionId: string) {
  const result = await db.execute<{ employee_id: string; position: string }>(sql`
    select employee_id, row_number() over (order by queued_at, id) as position
      from enrolments where session_id = ${sessionId} and status = 'waiting'`);
  return new Map(result.rows.map((r) => [r.employee_id, Number(r.position)]));
}

export type EnrolmentFacts = {
  id: string;
  status: string;
  unitId: string;
  administrationId: string;
  hasAttendance: boolean;
};

export async function findEnrolment(db: DbOrTx, sessionId: string, employeeId: string): Promise<EnrolmentFacts | undefined> {
  const result = await db.execute<{
    id: string;
    status: string;
    unit_id: string;
    administration_id: string;
    has_attendance: boolean;
  }>(sql`
    select e.id, e.status, emp.unit_id, u.administration_id,
           exists (select 1 from attendance a where a.enrolment_id = e.id) as has_attendance
      from enrolments e join employees emp on emp.id = e.employee_id join units u on u.id = emp.unit_id
     where e.session_id = ${sessionId} and e.employee_id = ${employeeId}`);
  const row = result.rows[0];
  return (
    row && {
      id: row.id,
      status: row.status,
      unitId: row.unit_id,
      administrationId: row.administration_id,
      hasAttendance: row.has_attendance,
    }
  );
}

export async function cancelEnrolment(tx: DbOrTx, enrolmentId: string, now: Date) {
  await tx.execute(
    sql`update enrolments set status = 'cancelled', cancelled_at = ${now.toISOString()} where id = ${enrolmentId}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Attendance

export type PartFacts = SessionFacts & {
  part: { id: string; position: number; date: string; startTime: string; endTime: string; place: string | null };
};

/** The part, its session and whether the user is a trainer of it: one statement. */
export async function partFacts(db: DbOrTx, sessionId: string, partId: string, userId: string): Promise<PartFacts | undefined> {
  const result = await db.execute<{
    part_id: string;
    position: number;
    date: string;
    start_time: string;
    end_time: string;
    place: string | null;
    course_id: string;
    course_name: string;
    capacity: number;
    status: string;
    starts_on: string;
    ends_on: string;
    total_minutes: number;
    is_trainer: boolean;
  }>(sql`
    select p.id as part_id, p.position, p.date::text as date, to_char(p.start_time, 'HH24:MI') as start_time,
           to_char(p.end_time, 'HH24:MI') as end_time, p.place,
           s.course_id, c.name as course_name, s.capacity, s.status, s.starts_on::text as starts_on,
           s.ends_on::text as ends_on, s.total_minutes,
           exists (select 1 from session_trainers st where st.session_id = s.id and st.user_id = ${userId}) as is_trainer
      from session_parts p
      join training_sessions s on s.id = p.session_id
      join courses c on c.id = s.course_id
     where p.id = ${partId} and p.session_id = ${sessionId}`);
  const row = result.rows[0];
  return (
    row && {
      id: sessionId,
      courseId: row.course_id,
      courseName: row.course_name,
      capacity: row.capacity,
      status: row.status,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      totalMinutes: row.total_minutes,
      isTrainer: row.is_trainer,
      part: {
        id: row.part_id,
        position: row.position,
        date: row.date,
        startTime: row.start_time,
        endTime: row.end_time,
        place: row.place,
      },
    }
  );
}

/**
 * Whether a person enrolled at enrolled_at is to be marked on the part: only parts on or after the
 * day they were enrolled (in Sweden). Someone enrolled later is never counted absent before.
 */
const applicable = (enrolledAt: SQL, partDate: SQL) => sql`(${enrolledAt} at time zone 'Europe/Stockholm')::date <= ${partDate}`;

export type AttendanceRowDb = {
  enrolment_id: string;
  employee_id: string;
  name: string;
  unit_name: string;
  source: string;
  status: AttendanceStatus | null;
  applicable: boolean;
  attended_minutes: number;
  completed: boolean;
};

export async function attendanceRows(db: DbOrTx, partId: string, sessionId: string) {
  const result = await db.execute<AttendanceRowDb>(sql`
    select e.id as enrolment_id, e.employee_id, emp.first_name || ' ' || emp.last_name as name, u.name as unit_name,
           e.source, a.status, ${applicable(sql`e.enrolled_at`, sql`p.date`)} as applicable,
           e.attended_minutes, e.completed_on is not null as completed
      from enrolments e
      join session_parts p on p.id = ${partId}
      join employees emp on emp.id = e.employee_id
      join units u on u.id = emp.unit_id
      left join attendance a on a.enrolment_id = e.id and a.part_id = p.id
     where e.session_id = ${sessionId} and e.status = 'enrolled'
     order by lower(emp.last_name), lower(emp.first_name), e.id`);
  return result.rows;
}

/**
 * Walk-ins: people at the door without a seat get one (source walk_in), beyond capacity if need be,
 * enrolled from the part's start (or now, if earlier) so that the part they came to counts.
 * Someone already enrolled keeps their enrolment. Returns the rows that changed, with their status before.
 */
export async function enrolWalkIns(
  tx: DbOrTx,
  session: { id: string; courseId: string },
  partId: string,
  employeeIds: readonly string[],
  now: Date,
  userId: string,
) {
  if (employeeIds.length === 0) return [];
  const at = now.toISOString();
  const result = await tx.execute<{ id: string; employee_id: string; before: string | null }>(sql`
    with part as (
      select least(${at}::timestamptz, (p.date + p.start_time) at time zone 'Europe/Stockholm') as enrolled_at
        from session_parts p where p.id = ${partId}
    ), before as (
      select employee_id, status from enrolments where session_id = ${session.id} and ${inIds(sql`employee_id`, employeeIds)}
    )
    insert into enrolments (session_id, course_id, employee_id, status, source, queued_at, enrolled_at, enrolled_by_user_id)
    select ${session.id}::uuid, ${session.courseId}::uuid, emp.id, 'enrolled', 'walk_in', ${at}::timestamptz, part.enrolled_at, ${userId}::uuid
      from employees emp cross join part
     where ${inIds(sql`emp.id`, employeeIds)}
    on conflict (session_id, employee_id) do update
       set status = 'enrolled', source = 'walk_in', enrolled_at = excluded.enrolled_at, cancelled_at = null,
           enrolled_by_user_id = excluded.enrolled_by_user_id
     where enrolments.status <> 'enrolled'
    returning id, employee_id, (select b.status from before b where b.employee_id = enrolments.employee_id) as before`);
  return result.rows;
}

/** The enrolments of these people on the session, with whether the part applies to them. */
export async function enrolmentsFor(tx: DbOrTx, sessionId: string, partId: string, employeeIds: readonly string[]) {
  if (employeeIds.length === 0) return new Map<string, { id: string; status: string; applicable: boolean }>();
  const result = await tx.execute<{ id: string; employee_id: string; status: string; applicable: boolean }>(sql`
    select e.id, e.employee_id, e.status, ${applicable(sql`e.enrolled_at`, sql`p.date`)} as applicable
      from enrolments e join session_parts p on p.id = ${partId}
     where e.session_id = ${sessionId} and ${inIds(sql`e.employee_id`, employeeIds)}`);
  return new Map(result.rows.map((r) => [r.employee_id, { id: r.id, status: r.status, applicable: r.applicable === true }]));
}

/**
 * All marks of a part in one statement (insert, or change where the status differs). Returns the
 * marks that changed, with the status before (null for a new mark), for the audit log.
 */
export async function upsertMarks(
  tx: DbOrTx,
  partId: string,
  marks: { enrolmentId: string; status: AttendanceStatus }[],
  now: Date,
  userId: string,
) {
  if (marks.length === 0) return [];
  const at = now.toISOString();
  const values = sql.join(
    marks.map((m) => sql`(${partId}::uuid, ${m.enrolmentId}::uuid, ${m.status}, ${userId}::uuid, ${at}::timestamptz)`),
    sql`, `,
  );
  const result = await tx.execute<{ enrolment_id: string; status: string; before: string | null }>(sql`
    with before as (
      select enrolment_id, status from attendance
       where part_id = ${partId} and ${inIds(
         sql`enrolment_id`,
         marks.map((m) => m.enrolmentId),
       )}
    )
    insert into attendance (part_id, enrolment_id, status, marked_by_user_id, marked_at)
    values ${values}
    on conflict (part_id, enrolment_id) do update
       set status = excluded.status, marked_by_user_id = excluded.marked_by_user_id, marked_at = excluded.marked_at
     where attendance.status <> excluded.status
    returning enrolment_id, status, (select b.status from before b where b.enrolment_id = attendance.enrolment_id) as before`);
  return result.rows;
}

/** Current employees matching the words, not already enrolled on the session: the first 20 by name. */
export async function walkInCandidates(db: DbOrTx, sessionId: string, q: string, today: string) {
  return db
    .select({ employeeId: employees.id, firstName: employees.firstName, lastName: employees.lastName, unitName: units.name })
    .from(employees)
    .innerJoin(units, eq(units.id, employees.unitId))
    .where(
      and(
        currentEmployeeSql(today),
        ...searchWordsInLowered(q, employees.searchText),
        notExists(
          db
            .select({ one: sql`1` })
            .from(enrolments)
            .where(
              and(
                eq(enrolments.sessionId, sessionId),
                eq(enrolments.employeeId, employees.id),
                eq(enrolments.status, 'enrolled'),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(employees.lastName), asc(employees.firstName), asc(employees.id))
    .limit(20);
}
